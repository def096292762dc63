"""The sources app has no models of its own: provenance (ImportBatch) lives with the observations in
lagesbild.indicators.models, so the catalogue and every reader can use it without the importers."""
