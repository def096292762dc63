"""Embeddable charts: every indicator chart at /inbaddning/indikatorer/<id>/ (a small page of its own
with the chart as SVG, its title, summary, source and a link back) and .../diagram.svg (the chart alone,
for an <img>), for the same query parameters as the indicator page. No script at all, and nothing from
another site, so the page can be framed anywhere (framing is allowed only under /inbaddning/)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import get_language

from lagesbild.core.versioning import PUBLIC_DATA, versioned_cache
from lagesbild.indicators.models import Indicator
from lagesbild.lab import charts
from lagesbild.lab.data import indicator_facts
from lagesbild.lab.forms import parse_indicator_query
from lagesbild.lab.indicator_page import IndicatorPage


def language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def chart(indicator: Indicator, query) -> dict:
    """Title, summary, SVG, source and the address back, for one selection (BadQuery propagates)."""
    selection = parse_indicator_query(query, indicator, indicator_facts(indicator.id))
    lang = language()

    def compute() -> dict:
        page = IndicatorPage(indicator, selection, lang)
        return {
            "title": f"{indicator.name_en if lang == 'en' and indicator.name_en else indicator.name_sv}"
            f" – {page.place_name}",
            "summary": page.main_summary,
            "svg": charts.render_svg(page.main_spec),
            "source": f"{indicator.data_source} ({indicator.agency})",
            "has_example_data": page.has_example_data,
            "back": reverse("lab:indicator", args=[indicator.id]) + f"?{selection.query()}#diagram",
            "query": selection.query(),
        }

    return versioned_cache(
        "opendata:embed", PUBLIC_DATA, f"{lang}:{indicator.id}:{selection.key()}", compute
    )
