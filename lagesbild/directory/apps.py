from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    content_area = "directory"  # lagesbild.core.versioning
    name = "lagesbild.directory"
    label = "directory"
    verbose_name = _("Stödverksamheter")
