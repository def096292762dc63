"""Reports rendered once per test session: rendering a PDF or Word file is the slow part, and the
stories about their content all read the same Stockholm 2018 report built from the bundled data."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lagesbild.reports.content.county import build_county_report
from lagesbild.reports.document import Document
from lagesbild.reports.render import render
from lagesbild.territories.models import Territory


@dataclass
class RenderedReport:
    document: Document
    html: bytes
    pdf: bytes
    docx: bytes


@pytest.fixture(scope="session")
def stockholm_2018(django_db_setup, django_db_blocker) -> RenderedReport:
    """Länsstyrelsen Stockholm's report for 2018 from the bundled data only, in all three formats."""
    with django_db_blocker.unblock():
        document = build_county_report(Territory.objects.get(code="01"), 2018)
        return RenderedReport(
            document, render(document, "html"), render(document, "pdf"), render(document, "docx")
        )
