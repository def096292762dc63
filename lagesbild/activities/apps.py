from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    content_area = "registers"  # lagesbild.core.versioning
    name = "lagesbild.activities"
    label = "activities"
    verbose_name = _("Länsstyrelsens aktiviteter")

    def ready(self):
        from lagesbild.core.bundled import register

        from .shipped import load_activities

        register("activities", 41, load_activities)
