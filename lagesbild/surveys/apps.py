from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    content_area = "registers"  # lagesbild.core.versioning
    name = "lagesbild.surveys"
    label = "surveys"
    verbose_name = _("Enkäter till länets kommuner")

    def ready(self):
        from lagesbild.core.bundled import register
        from lagesbild.registers.report_sections import register_section

        from .report import surveys_section
        from .shipped import load_surveys

        register("surveys", 40, load_surveys)
        register_section("surveys", surveys_section)
