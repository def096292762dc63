from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    content_area = "reports"  # lagesbild.core.versioning
    name = "lagesbild.reports"
    label = "reports"
    verbose_name = _("Lägesrapporter")
