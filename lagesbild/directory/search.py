"""Searching the published directory: by municipality, exposure type, target group, language,
"open now" and free text. Every filter narrows the same queryset, so the public pages, the HSDS API
and the benchmark measure one and the same query."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from lagesbild.core.models import Area
from lagesbild.core.text import swedish_fold
from lagesbild.core.versioning import versioned_cache
from lagesbild.territories.models import Territory

from . import hours
from .models import OpeningPeriod, Service, TaxonomyTerm

EASY_TO_READ = "lattlast"


@dataclass
class Query:
    municipality: Territory | None = None
    exposure: TaxonomyTerm | None = None
    target_group: TaxonomyTerm | None = None
    language: str = ""  # an ISO 639 code, or "lattlast" for easy-to-read Swedish
    open_now: bool = False
    text: str = ""
    county: str = ""  # owning county, for the editors' lists and the analysis

    @classmethod
    def from_form(cls, data: dict) -> Query:
        return cls(
            municipality=data.get("kommun"),
            exposure=data.get("utsatthet"),
            target_group=data.get("malgrupp"),
            language=data.get("sprak") or "",
            open_now=bool(data.get("oppet")),
            text=data.get("q") or "",
        )

    def is_empty(self) -> bool:
        return not (
            self.municipality
            or self.exposure
            or self.target_group
            or self.language
            or self.open_now
            or self.text
        )


def text_filter(queryset: QuerySet, text: str) -> QuerySet:
    """Every word must occur in the folded name, other name, huvudman or description (å, ä and ö
    count as letters of their own, see text.swedish_fold)."""
    for word in swedish_fold(text).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def open_now_filter(queryset: QuerySet, now: datetime | None = None) -> QuerySet:
    moment = hours.local_now(now)
    minute = moment.hour * 60 + moment.minute
    open_periods = OpeningPeriod.objects.filter(
        weekday=moment.weekday(), opens__lte=minute, closes__gt=minute
    )
    return queryset.filter(Q(always_open=True) | Q(id__in=open_periods.values("service_id")))


def _has_term(queryset: QuerySet, relation: str, term: TaxonomyTerm) -> QuerySet:
    # A correlated EXISTS probes the (service, term) index for each candidate; an IN list would first
    # collect every service with the term (a sixth of the directory).
    through = getattr(Service, relation).through
    return queryset.filter(
        Exists(through.objects.filter(service_id=OuterRef("id"), taxonomyterm_id=term.pk))
    )


def filtered(queryset: QuerySet, query: Query, now: datetime | None = None) -> QuerySet:
    if query.county:
        queryset = queryset.filter(county_id=query.county)
    if query.municipality is not None:
        queryset = queryset.covering(query.municipality)
    if query.exposure is not None:
        queryset = _has_term(queryset, "exposure_types", query.exposure)
    if query.target_group is not None:
        queryset = _has_term(queryset, "target_groups", query.target_group)
    if query.language == EASY_TO_READ:
        queryset = queryset.filter(easy_to_read=True)
    elif query.language:
        through = Service.languages.through
        queryset = queryset.filter(
            Exists(through.objects.filter(service_id=OuterRef("id"), language_id=query.language))
        )
    if query.open_now:
        queryset = open_now_filter(queryset, now)
    if query.text:
        queryset = text_filter(queryset, query.text)
    return queryset


def search(query: Query, now: datetime | None = None) -> QuerySet:
    """Published services matching the query, by name; `listing.for_display` adds what cards show."""
    return (
        filtered(Service.objects.published(), query, now)
        .select_related("organization")
        .defer("search_text", "description", "link_problem")
        .order_by("name", "id")
    )


def cached_count(queryset: QuerySet, key: str) -> int:
    """Counting thousands of matches is the slowest part of a deep page; the number only changes
    with the directory, so it is kept per query under the directory's content version."""
    digest = hashlib.sha1(key.encode()).hexdigest()
    return versioned_cache("directory:count", (Area.DIRECTORY,), digest, queryset.count)
