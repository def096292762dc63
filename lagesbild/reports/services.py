"""Building, rendering and publishing reports for the web pages and the command line.

A report is identified by its territory (a län, or riket for the national compilation), year and
language. A report reads every content area (figures, catalogue, directory, registers, analysts'
texts), so rendered files are cached under the version of all of them: any change is visible at once.

Publishing freezes a report: the HTML, PDF and Word files are stored as an `Edition` with the data
version and catalogue fingerprint they were made from and a SHA-256 of each file; from then on the
public report page serves those files, and a new draft is compared with them section by section."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from lagesbild.core.versioning import ALL_AREAS, version_of, versioned_cache, versions
from lagesbild.indicators.models import Goal, Indicator, RegionalGoal
from lagesbild.territories.models import RIKET_CODE, Territory

from .content.common import check_year, resolve_report_territory
from .content.county import build_county_report
from .content.national import build_national_report
from .document import AnalystText, BulletList, Document, Generated, Imprint, Paragraph, Table
from .models import Edition, EditionFile, ReportSettings
from .render import FORMATS, render
from .render.html import contents_html, sections_html, title_html


@dataclass(frozen=True)
class ReportKey:
    place: Territory
    year: int
    language: str = "sv"

    @property
    def is_national(self) -> bool:
        return self.place.code == RIKET_CODE

    @property
    def slug(self) -> str:
        """The place as it appears in addresses: 'riket' or the two-digit county code."""
        return "riket" if self.is_national else self.place.code

    def cached(self, what: str, compute):
        """`compute()` once per version of everything a report reads."""
        return versioned_cache(
            f"reports:{what}", ALL_AREAS, f"{self.place.code}:{self.year}:{self.language}", compute
        )


def report_key(place_text: str, year, language: str = "sv") -> ReportKey:
    """Raises ReportError with a message for the user when the place or year is not usable."""
    place = resolve_report_territory("00" if str(place_text).casefold() == "riket" else place_text)
    return ReportKey(place, check_year(year), language)


def imprint_of(place: Territory, **published) -> Imprint:
    """The county's settings for the cover and colophon (series, ISBN, contact, logo)."""
    found = ReportSettings.objects.filter(territory=place).first()
    if found is None:
        return Imprint(generated_labels=True, **published)
    return Imprint(
        series=found.series,
        series_number=found.series_number,
        isbn=found.isbn,
        contact=found.contact,
        logo=bytes(found.logo or b""),
        logo_type=found.logo_type,
        generated_labels=found.generated_labels if published else True,
        **published,
    )


def build(key: ReportKey, draft: bool = False, imprint: Imprint | None = None) -> Document:
    if key.is_national:
        document = build_national_report(key.year, key.language, draft)
    else:
        document = build_county_report(key.place, key.year, key.language, draft)
    document.imprint = imprint or imprint_of(key.place)
    return document


# --- Publishing ----------------------------------------------------------------------------------


def catalogue_fingerprint() -> str:
    """A SHA-256 of the catalogue as the report read it: goals, indicators and regional goals."""
    content = {
        "goals": list(Goal.objects.order_by("number").values()),
        "indicators": list(Indicator.objects.order_by("id").values()),
        "regional": list(RegionalGoal.objects.order_by("county_id", "number").values()),
    }
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest(document: Document) -> dict:
    """What each section says, for comparing a draft with a published edition: its heading, its
    sentences (generated and the county board's own) and every value in its tables by row and column."""
    sections = {}
    for section in document.walk():
        sentences, values = [], {}
        for block in section.blocks:
            if isinstance(block, Generated | AnalystText):
                for inner in block.blocks:
                    if isinstance(inner, Paragraph):
                        sentences += _split_sentences(inner.text)
                    elif isinstance(inner, BulletList):
                        sentences += [
                            "".join(
                                p if isinstance(p, str) else getattr(p, "text", "") for p in item
                            )
                            for item in inner.items
                        ]
            elif isinstance(block, Table):
                for row in block.rows:
                    for column, cell in zip(block.columns[1:], row[1:]):
                        values[f"{block.caption} | {row[0].text} | {column}"] = cell.text
        sections[section.key] = {
            "heading": section.heading,
            "sentences": sentences,
            "values": values,
        }
    return sections


def _split_sentences(text: str) -> list[str]:
    import re

    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])", text.strip()) if s]


@dataclass
class SectionChange:
    key: str
    heading: str
    added: list[str]
    removed: list[str]
    values: list[tuple[str, str, str]]  # (what, published, now)
    status: str = "changed"  # "changed", "new" or "gone"


def changes_since(published: dict, draft: dict) -> list[SectionChange]:
    """Section by section, what the draft would change against the published edition."""
    found = []
    for key, now in draft.items():
        before = published.get(key)
        if before is None:
            found.append(SectionChange(key, now["heading"], now["sentences"], [], [], "new"))
            continue
        added = [s for s in now["sentences"] if s not in before["sentences"]]
        removed = [s for s in before["sentences"] if s not in now["sentences"]]
        values = [
            (what, before["values"].get(what, "–"), value)
            for what, value in now["values"].items()
            if before["values"].get(what) != value
        ] + [
            (what, value, "–")
            for what, value in before["values"].items()
            if what not in now["values"]
        ]
        if added or removed or values:
            found.append(SectionChange(key, now["heading"], added, removed, values))
    for key, before in published.items():
        if key not in draft:
            found.append(SectionChange(key, before["heading"], [], before["sentences"], [], "gone"))
    return found


def page_parts_of(document: Document) -> dict:
    return {
        "subtitle": document.subtitle,
        "title_html": title_html(document),
        "contents_html": contents_html(document),
        "sections_html": sections_html(document, narrow_figures=True),
        "has_example_data": document.example,
    }


@transaction.atomic
def publish(key: ReportKey, user) -> Edition:
    """Freezes the report as a new numbered edition; nothing published before is touched."""
    Territory.objects.select_for_update().get(pk=key.place.pk)  # one publisher at a time
    number = (
        Edition.objects.of_report(key.place.code, key.year, key.language).aggregate(
            n=Max("number")
        )["n"]
        or 0
    ) + 1
    tokens = dict(versions())
    imprint = imprint_of(
        key.place,
        number=number,
        published=date.today(),
        data_version=hashlib.sha256(version_of(*ALL_AREAS).encode()).hexdigest(),
    )
    document = build(key, draft=False, imprint=imprint)
    edition = Edition.objects.create(
        territory=key.place,
        year=key.year,
        language=key.language,
        number=number,
        published_at=timezone.now(),
        published_by=user,
        data_version=tokens,
        catalogue_fingerprint=catalogue_fingerprint(),
        generated_labels=imprint.generated_labels,
        digest=digest(document),
        page=page_parts_of(document),
    )
    for fmt, (_media, suffix) in FORMATS.items():
        content = render(document, fmt)
        EditionFile.objects.create(
            edition=edition,
            format=fmt,
            name=f"{document.file_stem}-utgava-{number}.{suffix}",
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
        )
    return edition


def published_edition(key: ReportKey) -> Edition | None:
    return Edition.objects.latest_of(key.place.code, key.year, key.language)


def rendered(key: ReportKey, fmt: str, document: Document | None = None) -> tuple[bytes, str]:
    """The report file's bytes and its name, from the cache when nothing has changed."""

    def compute():
        built = document or build(key)
        return (render(built, fmt), f"{built.file_stem}.{FORMATS[fmt][1]}")

    return key.cached(fmt, compute)
