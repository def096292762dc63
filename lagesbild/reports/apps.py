from dataclasses import dataclass

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    content_area = "reports"  # lagesbild.core.versioning
    name = "lagesbild.reports"
    label = "reports"
    verbose_name = _("Lägesrapporter")

    def published_editions(self, limit: int = 50):
        """The newest published editions, for the open-data feed of reports (lagesbild.opendata.feeds)."""
        from django.urls import reverse

        from .models import Edition

        editions = Edition.objects.select_related("territory").order_by("-published_at", "-id")[
            :limit
        ]
        return [
            PublishedEdition(
                title=str(edition),
                url=reverse(
                    "reports:report",
                    args=[
                        "riket" if edition.territory_id == "00" else edition.territory_id,
                        edition.year,
                    ],
                ),
                published=edition.published_at,
                summary=_("Utgåva %(number)s av lägesrapporten för %(place)s %(year)s, publicerad.")
                % {"number": edition.number, "place": edition.territory.name, "year": edition.year},
            )
            for edition in editions
        ]


@dataclass(frozen=True)
class PublishedEdition:
    title: str
    url: str
    published: object
    summary: str
