"""The document as HTML: a standalone file (styles inline, figures as inline SVG, nothing loaded from
elsewhere) and the parts the report page on the web site puts inside the site's frame."""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from html import escape
from pathlib import Path

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

CSS_FILE = Path(__file__).resolve().parent.parent / "static" / "reports" / "report.css"
# Whether generated text carries its label: always in drafts, as chosen in a published edition.
GENERATED_LABELS: ContextVar[bool] = ContextVar("generated_labels", default=True)
# The web page draws each figure twice (wide and narrow); the standalone file draws it once.
NARROW_FIGURES: ContextVar[bool] = ContextVar("narrow_figures", default=False)


@cache
def report_css() -> str:
    return CSS_FILE.read_text(encoding="utf-8")


def _inline(parts) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(escape(part))
        elif isinstance(part, Strong):
            out.append(f"<strong>{escape(part.text)}</strong>")
        elif isinstance(part, Link):
            out.append(f'<a href="{escape(part.url)}">{escape(part.text)}</a>')
        elif isinstance(part, Footnote):
            label = escape(_("fotnot %(number)s") % {"number": part.number})
            out.append(
                f'<sup class="report-fn"><a href="#fotnot-{part.number}" id="fotnotref-{part.number}" '
                f'aria-label="{label}">{part.number}</a></sup>'
            )
    return "".join(out)


def _paragraph(block: Paragraph) -> str:
    return f"<p>{_inline(block.parts)}</p>"


def _bullets(block: BulletList) -> str:
    return "<ul>" + "".join(f"<li>{_inline(item)}</li>" for item in block.items) + "</ul>"


def _example_label(example: bool) -> str:
    return f'<p class="report-example-label">{escape(example_notice())}</p>' if example else ""


def _figure(block: Figure) -> str:
    return (
        f'<figure class="report-figure" id="figur-{block.number}">'
        f'<figcaption><span class="report-label">{escape(block.label)}</span> {escape(block.caption)}</figcaption>'
        f"{_example_label(block.example)}"
        f"{_drawings(block)}"
        f'<p class="report-source">{escape(block.source)}</p></figure>'
    )


def _drawings(block: Figure) -> str:
    """The figure for a wide screen and, on the web page, also for a narrow one; CSS shows one. The
    standalone file is a document for reading and print, like the PDF: its figures scale instead."""
    if not NARROW_FIGURES.get() or not block.narrow_svg:
        return f'<div class="report-chart">{block.svg}</div>'
    return (
        f'<div class="report-chart chart-wide">{block.svg}</div>'
        f'<div class="report-chart chart-narrow">{block.narrow_svg}</div>'
    )


def _cell_text(cell) -> str:
    text = escape(cell.text)
    if cell.note:
        text += f' <span class="report-note-ref">({cell.note})</span>'
    return f"<strong>{text}</strong>" if cell.strong else text


def _table(block: Table) -> str:
    parts = block.parts()
    if len(parts) == 1:
        return _table_part(block, f"tabell-{block.number}")
    return "".join(
        _table_part(part, f"tabell-{block.number}" + ("" if i == 1 else f"-{i}"))
        for i, part in enumerate(parts, start=1)
    )


def _table_part(block: Table, anchor: str) -> str:
    caption_id = f"{anchor}-rubrik"
    numeric = ' class="number"'
    head = "".join(
        f'<th scope="col"{numeric if i else ""}>{escape(c)}</th>'
        for i, c in enumerate(block.columns)
    )
    rows = []
    for row in block.rows:
        cells = []
        for index, cell in enumerate(row):
            if index == 0 and block.row_headers:
                cells.append(f'<th scope="row">{_cell_text(cell)}</th>')
            else:
                cells.append(f"<td{numeric if cell.numeric else ''}>{_cell_text(cell)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    lines = block.note_lines()
    notes = (
        (
            '<ul class="report-table-notes">'
            + "".join(f"<li>{escape(line)}</li>" for line in lines)
            + "</ul>"
        )
        if lines
        else ""
    )
    return (
        f'<div class="report-table" id="{anchor}">{_example_label(block.example)}'
        f'<div class="table-scroll" role="region" aria-labelledby="{caption_id}" tabindex="0"><table>'
        f'<caption id="{caption_id}"><span class="report-label">{escape(block.label)}</span> {escape(block.caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        f'{notes}<p class="report-source">{escape(block.source)}</p></div>'
    )


def _generated(block: Generated) -> str:
    inner = "".join(_block(b) for b in block.blocks)
    if not GENERATED_LABELS.get():
        return f'<div class="report-generated report-generated-unlabelled">{inner}</div>'
    return (
        f'<div class="report-generated"><p class="report-generated-label">{escape(_("Genererad text ur Lägesbilds data"))}'
        f"</p>{inner}</div>"
    )


def _analyst(block: AnalystText) -> str:
    if block.blocks:
        inner = "".join(_block(b) for b in block.blocks)
        inner += f'<p class="report-byline">{escape(block.byline)}</p>' if block.byline else ""
    elif block.placeholder:
        inner = f'<p class="report-missing">{escape(block.placeholder)}</p>'
    else:
        return ""
    return f'<div class="report-analyst" data-section="{escape(block.section)}">{inner}</div>'


def _notice(block: Notice) -> str:
    return f'<p class="report-notice" role="note"><strong>{escape(block.text)}</strong></p>'


def _block(block) -> str:
    renderers = {
        Paragraph: _paragraph,
        BulletList: _bullets,
        Figure: _figure,
        Table: _table,
        Generated: _generated,
        AnalystText: _analyst,
        Notice: _notice,
    }
    return renderers[type(block)](block)


def _section(section: Section) -> str:
    level = min(section.level + 1, 6)
    body = "".join(_block(b) for b in section.blocks) + "".join(
        _section(s) for s in section.sections
    )
    return (
        f'<section id="{section.anchor}" aria-labelledby="{section.anchor}-rubrik">'
        f'<h{level} id="{section.anchor}-rubrik">{escape(section.heading)}</h{level}>{body}</section>'
    )


def title_html(document: Document) -> str:
    with translation.override(document.language):
        edition = document.imprint
        notice = (
            f'<p class="report-notice report-title-notice" role="note"><strong>{escape(document.example_notice)}</strong></p>'
            if document.example
            else ""
        )
        logo = (
            f'<img class="report-logo" src="{edition.logo_data_uri}" alt="{escape(document.issuer)}">'
            if edition.logo
            else ""
        )
        series = (
            f'<p class="report-series">{escape(edition.series)} {escape(edition.series_number)}</p>'
            if edition.series
            else ""
        )
        about = "".join(f"<p>{escape(line)}</p>" for line in document.about)
        colophon = "".join(f"<p>{escape(line)}</p>" for line in document.colophon())
        return (
            f'<header class="report-title">{logo}<p class="report-issuer">{escape(document.issuer)}</p>{series}'
            f'<h1>{escape(document.title)}</h1><p class="report-subtitle">{escape(document.subtitle)}</p>{notice}'
            f'<div class="report-about">{about}</div>'
            f'<div class="report-colophon">{colophon}</div></header>'
        )


def contents_html(document: Document, depth: int = 2) -> str:
    def entries(sections: list[Section]) -> str:
        items = []
        for s in sections:
            children = entries(s.sections) if s.level < depth and s.sections else ""
            items.append(f'<li><a href="#{s.anchor}">{escape(s.heading)}</a>{children}</li>')
        return "<ul>" + "".join(items) + "</ul>"

    with translation.override(document.language):
        title = escape(_("Innehåll"))
        return (
            f'<nav class="report-contents" aria-labelledby="innehall-rubrik"><h2 id="innehall-rubrik">{title}</h2>'
            f"{entries(document.sections)}</nav>"
        )


def sections_html(document: Document, *, narrow_figures: bool = False) -> str:
    token = GENERATED_LABELS.set(document.draft or document.imprint.generated_labels)
    narrow = NARROW_FIGURES.set(narrow_figures)
    try:
        return _sections_html(document)
    finally:
        GENERATED_LABELS.reset(token)
        NARROW_FIGURES.reset(narrow)


def _sections_html(document: Document) -> str:
    with translation.override(document.language):
        body = "".join(_section(s) for s in document.sections)
        notes = document.footnotes()
        if notes:
            back, heading = escape(_("Tillbaka till texten")), escape(_("Fotnoter"))
            items = "".join(
                f'<li id="fotnot-{n.number}">{escape(n.text)} <a href="#fotnotref-{n.number}" '
                f'aria-label="{back}">↩</a></li>'
                for n in notes
            )
            body += (
                f'<section class="report-footnotes" aria-labelledby="fotnoter-rubrik">'
                f'<h2 id="fotnoter-rubrik">{heading}</h2><ol>{items}</ol></section>'
            )
        return body


def footer_html(document: Document) -> str:
    """The file's footer: the report and, when it shows example data, the notice again."""
    notice = f" – {escape(document.example_notice)}" if document.example else ""
    return f'<footer class="report-footer"><p>{escape(document.subtitle)}{notice}</p></footer>'


def render_html(document: Document) -> bytes:
    """A standalone HTML file: readable offline and printable, with every figure inline."""
    with translation.override(document.language):
        page = (
            f'<!doctype html>\n<html lang="{document.language}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(document.subtitle)}</title><style>{report_css()}</style></head>"
            f'<body class="report-standalone"><main><article class="report">{title_html(document)}'
            f"{contents_html(document)}{sections_html(document)}</article></main>"
            f"{footer_html(document)}</body></html>\n"
        )
    return page.encode("utf-8")
