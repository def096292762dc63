from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    content_area = "catalogue"  # lagesbild.core.versioning
    content_area_of = {
        "Observation": "observations",
        "ObservationRevision": "observations",
        "ImportBatch": "observations",
        "ObservationSummary": "observations",
        "IndicatorLevelSummary": "observations",
    }
    name = "lagesbild.indicators"
    verbose_name = _("Indikatorer")

    def ready(self):
        from lagesbild.core.bundled import register

        from .catalogue import sync_catalogue

        def load() -> list[str]:
            changed = sync_catalogue()
            return (
                [f"{changed} målsättningar och indikatorer inlästa eller ändrade"]
                if changed
                else []
            )

        register("catalogue", 20, load)
        self._publishing()

    @staticmethod
    def _publishing() -> None:
        """Observations pass small-count suppression in every public output, and JSON-stat is a format."""
        from lagesbild.core.outputs import OutputFormat, register_format, register_rows

        from .disclosure import public_rows
        from .jsonstat_out import jsonstat_bytes

        register_rows("observations", public_rows)
        register_format(
            OutputFormat(
                "jsonstat",
                "application/json",
                "JSON-stat 2.0",
                jsonstat_bytes,
                suffix="jsonstat.json",
            )
        )
