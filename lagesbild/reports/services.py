"""Building and rendering reports for the web pages and the command line, with a cache for the web.

A report is identified by its territory (a län, or riket for the national compilation), year and
language. Rendered files are cached under the data version and the report's commentary version, so
a new import or a saved text is visible at once."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max

from lagesbild.core.versioning import data_version
from lagesbild.territories.models import RIKET_CODE, Territory

from .content.common import check_year, resolve_report_territory
from .content.county import build_county_report
from .content.national import build_national_report
from .document import Document
from .models import Commentary
from .render import FORMATS, render

CACHE_SECONDS = 3600


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

    def commentary_version(self) -> str:
        found = Commentary.objects.of_report(self.place.code, self.year).aggregate(
            n=Count("id"), last=Max("updated_at")
        )
        return f"{found['n']}-{found['last'].timestamp() if found['last'] else 0}"

    def cache_key(self, what: str) -> str:
        return f"reports:{what}:{self.place.code}:{self.year}:{self.language}:{data_version()}:{self.commentary_version()}"


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
    cache_key = key.cache_key(fmt)
    found = cache.get(cache_key)
    if found is None:
        document = document or build(key)
        found = (render(document, fmt), f"{document.file_stem}.{FORMATS[fmt][1]}")
        cache.set(cache_key, found, CACHE_SECONDS)
    return found
