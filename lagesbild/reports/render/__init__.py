"""One document, three formats: `render(document, "html" | "pdf" | "docx")` returns the file's bytes."""

from __future__ import annotations

from ..document import Document

FORMATS = {
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}


def render(document: Document, fmt: str) -> bytes:
    if fmt == "html":
        from .html import render_html

        return render_html(document)
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(document)
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(document)
    raise ValueError(f"okänt format {fmt!r}: välj html, pdf eller docx")
