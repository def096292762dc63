"""What a list of services shows, fetched cheaply: the four relations (exposure types, target groups,
languages, catchment) of a page of services in one UNION query of plain tuples, named from
per-process caches of the vocabularies, instead of four prefetch queries building model objects.
This is what keeps the public search under the 50 ms target (docs/performance.md)."""

from __future__ import annotations

import uuid
from collections import defaultdict

from django.db import connection
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lagesbild.core.models import Area
from lagesbild.core.versioning import versioned_cache

from . import hours
from .catchment import describe, territory_index
from .models import Language, Service, TaxonomyTerm

RELATIONS = {
    "exposure_types": "taxonomyterm_id",
    "target_groups": "taxonomyterm_id",
    "languages": "language_id",
    "catchment_areas": "territory_id",
}


def vocabulary() -> dict:
    """Terms by primary key and languages by code, kept in this process until the directory changes."""
    return versioned_cache(
        "directory:vocabulary", (Area.DIRECTORY,), "all", _read_vocabulary, local=True
    )


def _read_vocabulary() -> dict:
    return {
        "terms": {t.pk: t for t in TaxonomyTerm.objects.all()},
        "languages": {lang.code: lang for lang in Language.objects.all()},
    }


def _links(service_ids: list) -> dict[tuple, list[str]]:
    """(service id, relation) -> target keys, for all four relations in one UNION ALL statement.
    Written as SQL because compiling four ORM querysets costs more than running them."""
    quote = connection.ops.quote_name
    values = [Service._meta.pk.get_db_prep_value(i, connection) for i in service_ids]
    marks = ", ".join(["%s"] * len(values))
    parts = []
    for relation, column in RELATIONS.items():
        table = quote(getattr(Service, relation).through._meta.db_table)
        parts.append(
            f"SELECT {quote('service_id')}, '{relation}', CAST({quote(column)} AS VARCHAR(40)) "
            f"FROM {table} WHERE {quote('service_id')} IN ({marks})"
        )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), values * len(parts))
        rows = cursor.fetchall()
    found: dict[tuple, list[str]] = defaultdict(list)
    for service_id, relation, target in rows:
        found[
            (service_id if isinstance(service_id, uuid.UUID) else uuid.UUID(service_id), relation)
        ].append(target)
    return found


def with_relations(services: list[Service], names: dict | None = None) -> list[Service]:
    """Sets `exposure_list`, `target_list`, `language_list` and `catchment_list` on each service."""
    links = _links([s.id for s in services]) if services else {}
    index = territory_index()
    names = names or vocabulary()
    for service in services:
        keys = {relation: links.get((service.id, relation), []) for relation in RELATIONS}
        known = (
            all(int(k) in names["terms"] for k in keys["exposure_types"] + keys["target_groups"])
            and all(k in names["languages"] for k in keys["languages"])
            and service.sector_id in names["terms"]
        )
        if not known:
            names = _read_vocabulary()  # a term added outside the app (a migration): read afresh
        service.exposure_list = sorted(
            (names["terms"][int(k)] for k in keys["exposure_types"]), key=lambda t: t.order
        )
        service.target_list = sorted(
            (names["terms"][int(k)] for k in keys["target_groups"]), key=lambda t: t.order
        )
        service.language_list = sorted(
            (names["languages"][k] for k in keys["languages"]), key=lambda lang: lang.order
        )
        service.catchment_list = [index.by_code[code] for code in sorted(keys["catchment_areas"])]
        service.sector_term = names["terms"][service.sector_id]
    return services


def languages_html(service: Service, english: bool) -> str:
    """Each language in its own name, marked with its language (and direction) for screen readers,
    followed by its name in the page's language: "<span lang="ar" dir="rtl">العربية</span> (arabiska)"."""
    items = [
        format_html(
            '<span class="language"><span{}{}>{}</span>{}</span>',
            format_html(' lang="{}"', lang.code) if lang.code != "swl" else "",
            mark_safe(' dir="rtl"') if lang.rtl else "",
            lang.native,
            format_html(" ({})", name)
            if lang.native != (name := lang.name_en if english else lang.name_sv)
            else "",
        )
        for lang in service.language_list
    ]
    if service.easy_to_read:
        items.append(format_html('<span class="language">{}</span>', _("lättläst svenska")))
    return mark_safe(", ".join(items)) if items else _("Ingen uppgift")


def for_display(services, now=None, names: dict | None = None) -> list[Service]:
    """A page of services with everything a result card, the service page or an info sheet shows,
    worked out here once rather than in the templates for every card."""
    services = with_relations(list(services), names)
    language = hours.current_language()
    english = language == "en"
    placeholder = uuid.UUID(int=0)
    url_pattern = reverse(
        "directory:service", args=[placeholder]
    )  # one reverse() for the whole page
    for service in services:
        periods = service.periods
        service.open_now = hours.is_open(service.always_open, periods, now)
        service.hours_words = hours.describe_week(service.always_open, periods, language)
        service.catchment_words = describe(service.catchment_level, service.catchment_list)
        service.address = service.public_address()
        service.sector_words = (
            service.sector_term.name_en if english else service.sector_term.name_sv
        )
        service.exposure_words = "; ".join(
            t.name_en if english else t.name_sv for t in service.exposure_list
        )
        service.target_words = ", ".join(
            (t.name_en if english else t.name_sv).lower() for t in service.target_list
        )
        service.languages_html = languages_html(service, english)
        service.page_url = url_pattern.replace(str(placeholder), str(service.pk))
    return services
