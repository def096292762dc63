from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class LabConfig(AppConfig):
    name = "lagesbild.lab"
    label = "lab"
    verbose_name = _("Indikatorlabbet")

    def ready(self):
        checks.register(organisation_is_named, checks.Tags.compatibility, deploy=True)


def organisation_is_named(app_configs=None, **kwargs):
    """`lagesbild check --deploy` warns while the accessibility statement names no responsible body:
    lag (2018:1937) asks the statement to name who is responsible for the site."""
    from django.conf import settings

    if settings.ORGANISATION_NAME != settings.ORGANISATION_NAME_UNSET:
        return []
    return [
        checks.Warning(
            "LAGESBILD_ORGANISATION_NAME is not set: the accessibility statement says that no "
            "responsible organisation is named",
            hint="Set it to the body responsible for the site, e.g. Länsstyrelsen i Stockholms län",
            id="lagesbild.W011",
        )
    ]
