"""Atom feeds (RFC 4287) to subscribe to: new data (all, per indicator, per county) and published reports.

An entry of a data feed is an import batch: what it brought, for which indicators and territories, with
links to the indicator pages. A county's feed holds the batches that touched the county or any of its
municipalities. Feeds are built per content version.

Published reports come from the reports app: if its AppConfig has `published_editions()`, returning
items with `title`, `url` (a path), `published` (an aware datetime) and `summary`, each becomes an entry
of `/flode/rapporter.atom`; until it has, that feed is valid and empty."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from lagesbild.core.models import Area
from lagesbild.core.versioning import last_changed, versioned_cache
from lagesbild.indicators.models import (
    ImportBatch,
    Indicator,
    IndicatorLevelSummary,
    Observation,
)
from lagesbild.territories.models import Level, Territory

LATEST = 50


@dataclass
class Entry:
    key: str
    title: str
    path: str
    updated: datetime
    summary: str


def _indicator_names() -> dict[str, str]:
    return dict(Indicator.objects.values_list("id", "name_sv"))


def batch_entries(observations) -> list[Entry]:
    """The newest import batches among the given observations (or their summary rows, which have
    the same `batch` and `indicator`), as entries."""
    batch_ids = list(
        observations.order_by("-batch_id").values_list("batch_id", flat=True).distinct()[:LATEST]
    )
    batches = ImportBatch.objects.filter(id__in=batch_ids).order_by("-imported_at", "-id")
    names = _indicator_names()
    touched: dict[int, set[str]] = {}
    for batch_id, indicator_id in (
        observations.filter(batch_id__in=batch_ids)
        .order_by()
        .values_list("batch_id", "indicator_id")
        .distinct()
    ):
        touched.setdefault(batch_id, set()).add(indicator_id)
    entries = []
    for batch in batches:
        indicators = sorted(touched.get(batch.id, ()))[:20]
        first = indicators[0] if indicators else None
        listed = ", ".join(names.get(i, i) for i in indicators)
        entries.append(
            Entry(
                key=f"batch-{batch.id}",
                title=f"Nya data: {batch.source_label}",
                path=reverse("lab:indicator", args=[first]) if first else reverse("lab:start"),
                updated=batch.imported_at or timezone.now(),
                summary=(
                    f"{batch.created} nya och {batch.updated} ändrade värden "
                    f"({batch.get_kind_display()}). Indikatorer: {listed}."
                ),
            )
        )
    return entries


def report_entries() -> list[Entry]:
    """Published report editions, through the reports app's hook when it has one."""
    config = apps.get_app_config("reports")
    editions = getattr(config, "published_editions", None)
    if editions is None:
        return []
    return [
        Entry(
            key=f"report-{edition.url}",
            title=str(edition.title),
            path=edition.url,
            updated=edition.published,
            summary=str(edition.summary),
        )
        for edition in editions()
    ]


def feed_document(
    request, *, title: str, subtitle: str, entries: list[Entry], areas=(Area.OBSERVATIONS,)
) -> bytes:
    base = request.build_absolute_uri("/").rstrip("/")
    feed = Atom1Feed(
        title=title,
        link=base + reverse("lab:start"),
        description=subtitle,
        feed_url=request.build_absolute_uri(request.path),
        feed_guid=request.build_absolute_uri(request.path),
        language="sv",
        author_name=settings.PUBLISHER_NAME,
        author_email=settings.CONTACT_EMAIL,
        feed_copyright=settings.DATA_LICENSE,
    )
    newest = max((e.updated for e in entries), default=None)
    for entry in entries:
        feed.add_item(
            title=entry.title,
            link=base + entry.path,
            description=entry.summary,
            unique_id=f"{request.build_absolute_uri(request.path)}#{entry.key}",
            updateddate=entry.updated,
            pubdate=entry.updated,
        )
    if newest is None:
        # An empty feed still needs its <updated>: when the content it follows last changed, or,
        # if it never has, the site's content (not the time of asking, which would make every
        # answer and every static export of an unchanged feed differ).
        changed = last_changed(*areas) or last_changed() or timezone.now().replace(microsecond=0)
        feed.latest_post_date = lambda: changed
    return feed.writeString("utf-8").encode("utf-8")


def cached_feed(request, name: str, areas, build) -> bytes:
    key = f"{request.build_absolute_uri(request.path)}"
    return versioned_cache(f"opendata:feed:{name}", areas, key, build)


def all_data(request) -> bytes:
    return cached_feed(
        request,
        "all",
        (Area.OBSERVATIONS, Area.CATALOGUE),
        lambda: feed_document(
            request,
            title="Lägesbild: nya data",
            subtitle="Nya och ändrade värden i Lägesbild, en post per import.",
            entries=batch_entries(IndicatorLevelSummary.objects.all()),
        ),
    )


def indicator_data(request, indicator: Indicator) -> bytes:
    return cached_feed(
        request,
        f"indicator:{indicator.id}",
        (Area.OBSERVATIONS, Area.CATALOGUE),
        lambda: feed_document(
            request,
            title=f"Lägesbild: nya data för {indicator.name_sv}",
            subtitle=f"Nya och ändrade värden för indikatorn {indicator.id}.",
            entries=batch_entries(IndicatorLevelSummary.objects.filter(indicator_id=indicator.id)),
        ),
    )


def county_data(request, county: Territory) -> bytes:
    codes = [county.code] + list(
        Territory.objects.filter(parent_id=county.code, level=Level.KOMMUN).values_list(
            "code", flat=True
        )
    )
    return cached_feed(
        request,
        f"county:{county.code}",
        (Area.OBSERVATIONS, Area.CATALOGUE, Area.TERRITORIES),
        lambda: feed_document(
            request,
            title=f"Lägesbild: nya data för {county.name}",
            subtitle=f"Nya och ändrade värden för {county.name} och dess kommuner.",
            entries=batch_entries(Observation.objects.filter(territory_id__in=codes)),
        ),
    )


def reports(request) -> bytes:
    return cached_feed(
        request,
        "reports",
        (Area.REPORTS, Area.OBSERVATIONS),
        lambda: feed_document(
            request,
            title="Lägesbild: publicerade lägesrapporter",
            subtitle="Regionala lägesrapporter och den nationella sammanställningen när de publiceras.",
            entries=report_entries(),
            areas=(Area.REPORTS,),
        ),
    )
