from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoriesConfig(AppConfig):
    content_area = "territories"  # lagesbild.core.versioning
    name = "lagesbild.territories"
    verbose_name = _("Territorier")

    def ready(self):
        from lagesbild.core.bundled import register

        from .reference import load_territories

        def load() -> list[str]:
            changed = load_territories()
            return [f"{changed} territorier inlästa eller rättade"] if changed else []

        register("territories", 10, load)
