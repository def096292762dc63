from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    """What the county registers (surveys, activities, publications) share: the county-owned base,
    saving with history, the generic editing views and templates, shipped data and report sections."""

    name = "lagesbild.registers"
    label = "registers"
    verbose_name = _("Länsregister")
