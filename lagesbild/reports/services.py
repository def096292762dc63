"""Building and rendering reports for the web pages and the command line, with a cache for the web.

A report is identified by its territory (a län, or riket for the national compilation), year and
language. A report reads every content area (figures, catalogue, directory, registers, analysts'
texts), so rendered files are cached under the version of all of them: any change is visible at once."""

from __future__ import annotations

from dataclasses import dataclass

from lagesbild.core.versioning import ALL_AREAS, versioned_cache
from lagesbild.territories.models import RIKET_CODE, Territory

from .content.common import check_year, resolve_report_territory
from .content.county import build_county_report
from .content.national import build_national_report
from .document import Document
from .render import FORMATS, render


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


def build(key: ReportKey) -> Document:
    if key.is_national:
        return build_national_report(key.year, key.language)
    return build_county_report(key.place, key.year, key.language)


def rendered(key: ReportKey, fmt: str, document: Document | None = None) -> tuple[bytes, str]:
    """The report file's bytes and its name, from the cache when nothing has changed."""

    def compute():
        built = document or build(key)
        return (render(built, fmt), f"{built.file_stem}.{FORMATS[fmt][1]}")

    return key.cached(fmt, compute)
