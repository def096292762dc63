"""The document as PDF, laid out by typst from the template `typst/report.typ`.

The whole document goes to typst as one JSON value (`sys.inputs.document`), so no text from the data
or from analysts is ever read as typst markup, and nothing is written to disk. Figures travel as the
same SVG the web page shows and stay vector graphics in the PDF."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import typst
from django.utils import translation
from django.utils.translation import gettext as _

from lagesbild.core.marking import example_notice

from ..document import (
    AnalystText,
    BulletList,
    Document,
    Figure,
    Footnote,
    Generated,
    Link,
    Notice,
    Paragraph,
    Section,
    Strong,
    Table,
)

TEMPLATE = Path(__file__).resolve().parent.parent / "typst" / "report.typ"


class RenderError(RuntimeError):
    """Typst could not lay out the document; the message names typst's complaint."""


def _inline(parts) -> list[dict]:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append({"t": "text", "text": part})
        elif isinstance(part, Strong):
            out.append({"t": "strong", "text": part.text})
        elif isinstance(part, Link):
            out.append({"t": "link", "text": part.text, "url": part.url})
        elif isinstance(part, Footnote):
            out.append({"t": "footnote", "text": part.text, "number": part.number})
    return out


def _block(block) -> dict:
    if isinstance(block, Paragraph):
        return {"t": "paragraph", "parts": _inline(block.parts)}
    if isinstance(block, BulletList):
        return {"t": "bullets", "items": [_inline(item) for item in block.items]}
    if isinstance(block, Figure):
        return {
            "t": "figure",
            "label": block.label,
            "caption": block.caption,
            "svg": block.svg,
            "source": block.source,
            "example": block.example,
        }
    if isinstance(block, Table):
        parts = block.parts()
        if len(parts) > 1:
            return {"t": "group", "blocks": [_block(part) for part in parts]}
        return {
            "t": "table",
            "label": block.label,
            "caption": block.caption,
            "columns": block.columns,
            "rows": [
                [
                    {
                        "text": c.text + (f" ({c.note})" if c.note else ""),
                        "numeric": c.numeric,
                        "strong": c.strong,
                    }
                    for c in row
                ]
                for row in block.rows
            ],
            "notes": block.note_lines(),
            "source": block.source,
            "example": block.example,
        }
    if isinstance(block, Generated):
        return {"t": "generated", "blocks": [_block(b) for b in block.blocks]}
    if isinstance(block, AnalystText):
        return {
            "t": "analyst",
            "blocks": [_block(b) for b in block.blocks],
            "placeholder": block.placeholder,
            "byline": block.byline,
        }
    if isinstance(block, Notice):
        return {"t": "notice", "text": block.text}
    raise TypeError(f"okänt block: {type(block).__name__}")


def _section(section: Section) -> dict:
    return {
        "heading": section.heading,
        "level": section.level,
        "key": section.key,
        "blocks": [_block(b) for b in section.blocks],
        "sections": [_section(s) for s in section.sections],
    }


def as_typst_input(document: Document) -> dict:
    with translation.override(document.language):
        return {
            "language": document.language,
            "title": document.title,
            "subtitle": document.subtitle,
            "issuer": document.issuer,
            "about": document.about,
            "example": document.example,
            "example_notice": document.example_notice,
            "sections": [_section(s) for s in document.sections],
            "series": " ".join(
                x for x in (document.imprint.series, document.imprint.series_number) if x
            ),
            "isbn": document.imprint.isbn,
            "logo": f"logo.{document.imprint.logo_type}" if document.imprint.logo else "",
            "colophon": document.colophon(),
            "generated_labels": document.draft or document.imprint.generated_labels,
            "footer": document.subtitle
            + (f" – {document.example_notice}" if document.example else ""),
            "words": {
                "contents": _("Innehåll"),
                "generated": _("Genererad text ur Lägesbilds data"),
                "example": example_notice(),
            },
        }


def render_pdf(document: Document) -> bytes:
    payload = json.dumps(as_typst_input(document), ensure_ascii=False)
    try:
        if not document.imprint.logo:
            return typst.compile(
                str(TEMPLATE),
                root=str(TEMPLATE.parent),
                format="pdf",
                sys_inputs={"document": payload},
            )
        with tempfile.TemporaryDirectory(prefix="lagesbild-rapport-") as folder:
            # The logo is a file beside the template, the only way typst reads an image.
            shutil.copy(TEMPLATE, folder)
            logo = Path(folder, f"logo.{document.imprint.logo_type}")
            logo.write_bytes(document.imprint.logo)
            return typst.compile(
                str(Path(folder, TEMPLATE.name)),
                root=folder,
                format="pdf",
                sys_inputs={"document": payload},
            )
    except (typst.TypstError, RuntimeError) as error:
        raise RenderError(_("PDF-filen kunde inte skapas: %(error)s") % {"error": error}) from None
