from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    content_area = "directory"  # lagesbild.core.versioning
    name = "lagesbild.directory"
    label = "directory"
    verbose_name = _("Stödverksamheter")

    def ready(self):
        from lagesbild.registers.report_sections import register_section

        from .report import national_services_section, services_section

        register_section("services", services_section)
        register_section("services-national", national_services_section)
