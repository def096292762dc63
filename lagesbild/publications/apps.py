from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    content_area = "registers"  # lagesbild.core.versioning
    name = "lagesbild.publications"
    label = "publications"
    verbose_name = _("Publikationer")

    def ready(self):
        from lagesbild.core.bundled import register

        from .shipped import load_publications

        register("publications", 42, load_publications)
