from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    content_area = "registers"  # lagesbild.core.versioning
    name = "lagesbild.activities"
    label = "activities"
    verbose_name = _("Länsstyrelsens aktiviteter")

    def ready(self):
        from lagesbild.core.bundled import register
        from lagesbild.registers.report_sections import register_section

        from .report import activities_section
        from .shipped import load_activities

        register("activities", 41, load_activities)
        register_section("activities", activities_section)
