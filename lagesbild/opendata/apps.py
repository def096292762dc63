from django.apps import AppConfig
from django.core import checks


class OpendataConfig(AppConfig):
    """Open data for others to reuse: the DCAT-AP-SE catalogue, Atom feeds, embeddable charts, the bulk
    download and the static export of the public lab. Reads every app below it."""

    name = "lagesbild.opendata"
    label = "opendata"
    verbose_name = "Öppna data"

    def ready(self):
        checks.register(publisher_is_set, checks.Tags.compatibility, deploy=True)


def publisher_is_set(app_configs=None, **kwargs):
    """`lagesbild check --deploy` warns while the publisher of the open data is the default."""
    from django.conf import settings

    unset = [
        name
        for name, value in (
            ("LAGESBILD_PUBLISHER_NAME", settings.PUBLISHER_NAME),
            ("LAGESBILD_PUBLISHER_URI", settings.PUBLISHER_URI),
            ("LAGESBILD_CONTACT_EMAIL", settings.CONTACT_EMAIL),
        )
        if "LAGESBILD_" in value
    ]
    return [
        checks.Warning(
            f"{name} is not set: the DCAT-AP-SE catalogue, the API description and the feeds name "
            "a placeholder publisher",
            hint="dataportal.se asks for the organisation's IRI as http://dataportal.se/organisation/SE<orgnr>",
            id="lagesbild.W010",
        )
        for name in unset
    ]
