"""One document, three formats: `render(document, "html" | "pdf" | "docx")` returns the file's bytes.

Tables and data go through the publishing pipeline (lagesbild.core.outputs); a report is a document,
so its formats are this registry of document renderers (media type, file suffix, renderer)."""

from __future__ import annotations

from collections.abc import Callable

from ..document import Document


def _html(document: Document) -> bytes:
    from .html import render_html

    return render_html(document)


def _pdf(document: Document) -> bytes:
    from .pdf import render_pdf

    return render_pdf(document)


def _docx(document: Document) -> bytes:
    from .docx import render_docx

    return render_docx(document)


FORMATS: dict[str, tuple[str, str]] = {
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}
RENDERERS: dict[str, Callable[[Document], bytes]] = {"html": _html, "pdf": _pdf, "docx": _docx}


def render(document: Document, fmt: str) -> bytes:
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"okänt format {fmt!r}: välj html, pdf eller docx") from None
    return renderer(document)
