from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    content_area = "catalogue"  # lagesbild.core.versioning
    content_area_of = {
        "Observation": "observations",
        "ObservationRevision": "observations",
        "ImportBatch": "observations",
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
