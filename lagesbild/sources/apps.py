from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    name = "lagesbild.sources"
    verbose_name = _("Källor och importer")

    def ready(self):
        from lagesbild.core.bundled import register

        from .published import load_published

        register("published-figures", 30, load_published)
