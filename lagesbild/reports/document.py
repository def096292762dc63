"""The report's document model: what a report says, independent of how it is drawn.

A `Document` holds numbered `Section`s of blocks: paragraphs with inline footnotes and links, bullet
lists, figures (a Vega-Lite specification from the lab's chart functions), tables with numbered notes
and a source line, text generated from the data (`Generated`) and the analyst's own text
(`AnalystText`). `Document.number()` gives every section, figure, table and footnote its number once,
so the HTML, PDF and Word renderers print the same numbers by reading them, never by counting."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import vl_convert
from django.utils.translation import gettext as _

from lagesbild.lab import charts

NBSP = "\u00a0"
MAX_COLUMNS = 7  # wider tables are split into parts that fit a page and a screen


def PERIOD_HEADINGS() -> set[str]:
    return {_("Period"), "Period"}


# --- Inline content ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(eq=False)
class Footnote:
    """A note at the foot of the page (PDF, Word) or in the notes at the end (HTML)."""

    text: str
    number: int = 0


Inline = str | Strong | Link | Footnote


def plain_text(parts: list[Inline]) -> str:
    return "".join(
        p if isinstance(p, str) else p.text if not isinstance(p, Footnote) else "" for p in parts
    )


# --- Blocks ------------------------------------------------------------------------------------


@dataclass
class Paragraph:
    parts: list[Inline]

    @classmethod
    def of(cls, *parts: Inline) -> Paragraph:
        return cls(list(parts))

    @property
    def text(self) -> str:
        return plain_text(self.parts)


@dataclass
class BulletList:
    items: list[list[Inline]]


@dataclass
class Cell:
    text: str
    note: int | None = None  # number of the table's own note that the cell refers to
    numeric: bool = False
    strong: bool = False


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)  # numbered 1, 2, … under the table
    remarks: list[str] = field(
        default_factory=list
    )  # notes for the whole table ("Anm."), without numbers
    source: str = ""
    example: bool = False
    row_headers: bool = True  # the first cell of each row names the row
    number: int = 0

    @property
    def label(self) -> str:
        return _("Tabell") + f"{NBSP}{self.number}."

    def note_lines(self) -> list[str]:
        """'Anm. …' for the whole table, then '(1) …' for the numbered notes, as printed under it."""
        remark = _("Anm.")
        return [f"{remark} {text}" for text in self.remarks] + [
            f"({n}) {text}" for n, text in enumerate(self.notes, start=1)
        ]

    def parts(self, max_columns: int = MAX_COLUMNS) -> list[Table]:
        """A table too wide for a page, split into tables of at most `max_columns` columns, each
        repeating the row names (the first column, and a period column right after it); the caption
        says which part it is, and the notes and source follow the last part."""
        keep = 2 if len(self.columns) > 1 and self.columns[1] in PERIOD_HEADINGS() else 1
        values = list(range(keep, len(self.columns)))
        room = max(1, max_columns - keep)
        if len(self.columns) <= max_columns:
            return [self]
        chunks = [values[i : i + room] for i in range(0, len(values), room)]
        parts = []
        for index, chunk in enumerate(chunks, start=1):
            columns = list(range(keep)) + chunk
            last = index == len(chunks)
            parts.append(
                Table(
                    caption=self.caption
                    + " "
                    + _("(del %(part)s av %(parts)s)") % {"part": index, "parts": len(chunks)},
                    columns=[self.columns[c] for c in columns],
                    rows=[[row[c] for c in columns if c < len(row)] for row in self.rows],
                    notes=self.notes,
                    remarks=self.remarks,
                    source=self.source if last else "",
                    example=self.example,
                    row_headers=self.row_headers,
                    number=self.number,
                )
            )
        return parts

    def general_notes(self) -> Table:
        """A single note that every figure of the table carries is said once, as a remark, not on every cell."""
        marked = [cell for row in self.rows for cell in row if cell.numeric and cell.text != "–"]
        if len(self.notes) == 1 and marked and all(cell.note == 1 for cell in marked):
            for cell in marked:
                cell.note = None
            self.remarks, self.notes = self.remarks + self.notes, []
        return self


@dataclass
class Figure:
    caption: str
    spec: dict
    description: str  # the figure's text alternative: the generated summary of what it shows
    source: str = ""
    example: bool = False
    number: int = 0
    narrow_spec: dict | None = None  # the same figure for a small screen (HTML only)

    @property
    def label(self) -> str:
        return _("Figur") + f"{NBSP}{self.number}."

    @cached_property
    def narrow_svg(self) -> str:
        if self.narrow_spec is None:
            return ""
        return unique_svg_ids(charts.render_svg(self.narrow_spec), f"figur{self.number}-smal-")

    @cached_property
    def svg(self) -> str:
        """The lab's own rendering, with ids made unique so many figures can share one HTML page."""
        return unique_svg_ids(charts.render_svg(self.spec), f"figur{self.number}-")

    @cached_property
    def png(self) -> bytes:
        """A bitmap fallback for word processors that cannot show the SVG (Word embeds both)."""
        return vl_convert.svg_to_png(self.svg, scale=1.5)


@dataclass(frozen=True)
class Sentence:
    """A sentence the platform wrote, with the observations it was written from, so a reader (and a
    test) can tell whether it mixes real and example figures and whether it says so."""

    text: str
    inputs: tuple = ()  # objects with `is_example` (lagesbild.lab.data.Point)

    @property
    def mixes_example_data(self) -> bool:
        return len({bool(p.is_example) for p in self.inputs}) > 1


@dataclass
class Generated:
    """Text the platform wrote from the data; always shown apart from the analyst's text."""

    blocks: list[Paragraph | BulletList]
    sentences: list[Sentence] = field(default_factory=list)

    @classmethod
    def of(cls, *sentences: Sentence | None) -> Generated:
        """One paragraph of the sentences, each remembered with its inputs."""
        found = [s for s in sentences if s is not None and s.text]
        return cls([Paragraph.of(" ".join(s.text for s in found))], found)

    @property
    def is_empty(self) -> bool:
        return not any((b.text if isinstance(b, Paragraph) else b.items) for b in self.blocks)


@dataclass
class AnalystText:
    """The county analyst's own text for a section, or a note that none is written yet."""

    section: str
    blocks: list[Paragraph | BulletList]
    placeholder: str = ""
    byline: str = ""


@dataclass
class Notice:
    """A boxed notice, for example the example-data warning."""

    text: str
    kind: str = "example"


Block = Paragraph | BulletList | Table | Figure | Generated | AnalystText | Notice


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    number: str = ""
    level: int = 1

    @property
    def heading(self) -> str:
        return f"{self.number}{NBSP}{self.title}" if self.number else self.title

    @property
    def anchor(self) -> str:
        return "avsnitt-" + (self.number.replace(".", "-") if self.number else self.key)

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.sections:
            yield from child.walk()


@dataclass
class Imprint:
    """How a report is published: the county board's series, number, ISBN, contact and logo on the
    cover and colophon, whether generated text carries its label, and (once published) which edition."""

    series: str = ""
    series_number: str = ""
    isbn: str = ""
    contact: str = ""
    logo: bytes = b""
    logo_type: str = ""  # "png", "jpg" or "svg"
    generated_labels: bool = True
    number: int = 0  # the edition's number once published, 0 for a draft
    published: date | None = None
    data_version: str = ""

    @property
    def logo_data_uri(self) -> str:
        import base64

        if not self.logo:
            return ""
        media = {"png": "image/png", "jpg": "image/jpeg", "svg": "image/svg+xml"}[self.logo_type]
        return f"data:{media};base64,{base64.b64encode(self.logo).decode('ascii')}"


@dataclass
class Document:
    title: str
    subtitle: str
    issuer: str
    issued: date
    language: str = "sv"
    example: bool = False
    example_notice: str = ""
    sections: list[Section] = field(default_factory=list)
    file_stem: str = "lagesrapport"
    about: list[str] = field(default_factory=list)  # small print on the title page
    draft: bool = False  # the editors' view: every place for own text shown, missing text noted
    place_code: str = ""
    year: int = 0
    imprint: Imprint = field(default_factory=lambda: Imprint())

    def number(self) -> Document:
        """Numbers sections (1, 1.1, 1.1.1), figures, tables and footnotes in reading order."""
        figures = tables = footnotes = 0

        def visit(section: Section, prefix: str, level: int) -> None:
            nonlocal figures, tables, footnotes
            section.number, section.level = prefix, level
            for block in section.blocks:
                for item in _leaf_blocks(block):
                    if isinstance(item, Figure):
                        figures += 1
                        item.number = figures
                    elif isinstance(item, Table):
                        tables += 1
                        item.number = tables
                    for note in _footnotes_of(item):
                        footnotes += 1
                        note.number = footnotes
            for index, child in enumerate(section.sections, start=1):
                visit(child, f"{prefix}.{index}", level + 1)

        for index, section in enumerate(self.sections, start=1):
            visit(section, str(index), 1)
        return self

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def figures(self) -> list[Figure]:
        return [
            b
            for s in self.walk()
            for block in s.blocks
            for b in _leaf_blocks(block)
            if isinstance(b, Figure)
        ]

    def tables(self) -> list[Table]:
        return [
            b
            for s in self.walk()
            for block in s.blocks
            for b in _leaf_blocks(block)
            if isinstance(b, Table)
        ]

    def footnotes(self) -> list[Footnote]:
        return [
            n
            for s in self.walk()
            for block in s.blocks
            for b in _leaf_blocks(block)
            for n in _footnotes_of(b)
        ]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.walk() if s.key == key), None)

    def colophon(self) -> list[str]:
        """The small print on the back of the cover: issuer, series and number, ISBN, contact, the
        edition and data version, and what in the report is generated text."""
        edition = self.imprint
        lines = [self.issuer]
        if edition.series:
            lines.append(
                _("Rapportserie: %(series)s%(number)s")
                % {
                    "series": edition.series,
                    "number": f" {edition.series_number}" if edition.series_number else "",
                }
            )
        if edition.isbn:
            lines.append(f"ISBN {edition.isbn}")
        if edition.contact:
            lines.append(_("Kontakt: %(contact)s") % {"contact": edition.contact})
        if edition.number:
            lines.append(
                _("Utgåva %(number)s, publicerad %(day)s. Dataversion %(version)s.")
                % {
                    "number": edition.number,
                    "day": edition.published.isoformat() if edition.published else "",
                    "version": edition.data_version[:12],
                }
            )
        elif self.draft or not edition.number:
            lines.append(_("Utkast: rapporten är inte publicerad och kan ändras när data ändras."))
        if edition.generated_labels:
            lines.append(
                _(
                    "Text som plattformen har skrivit ur data är markerad som genererad; länsstyrelsens egen "
                    "text står för sig."
                )
            )
        else:
            lines.append(
                _(
                    "Genererad text är inte markerad i den här utgåvan. Plattformen har skrivit de beskrivande "
                    "meningarna i sammanfattningen och under varje målsättning och indikator, i avsnitten om "
                    "verksamhet, stödverksamheter, enkäter och täckning; förord, analys, rekommendationer och "
                    "övrig text under rubriken för varje avsnitt är länsstyrelsens egen."
                )
            )
        if self.example:
            lines.append(self.example_notice)
        return lines

    @property
    def commentary_sections(self) -> list[tuple[Section, AnalystText]]:
        """Every section with a place for the analyst's text, in reading order."""
        return [(s, b) for s in self.walk() for b in s.blocks if isinstance(b, AnalystText)]


def _is_empty(block: Block) -> bool:
    if isinstance(block, AnalystText):
        return not block.blocks and not block.placeholder
    if isinstance(block, Generated):
        return block.is_empty
    return False


def prune(sections: list[Section]) -> list[Section]:
    """Leaves out empty places for own text, and sections that hold nothing else (a foreword never
    written is left out of the published report rather than printed as a placeholder page)."""
    kept = []
    for section in sections:
        section.blocks = [b for b in section.blocks if not _is_empty(b)]
        section.sections = prune(section.sections)
        if section.blocks or section.sections:
            kept.append(section)
    return kept


def _leaf_blocks(block: Block) -> list[Block]:
    if isinstance(block, Generated):
        return list(block.blocks)
    if isinstance(block, AnalystText):
        return list(block.blocks)
    return [block]


def _footnotes_of(block: Block) -> list[Footnote]:
    if isinstance(block, Paragraph):
        return [p for p in block.parts if isinstance(p, Footnote)]
    if isinstance(block, BulletList):
        return [p for item in block.items for p in item if isinstance(p, Footnote)]
    return []


# --- Analyst text ------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*[-•*]\s+")


def blocks_from_text(text: str) -> list[Paragraph | BulletList]:
    """The analysts' plain text: blank lines separate paragraphs, lines starting with '- ' are bullets."""
    blocks: list[Paragraph | BulletList] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            blocks.append(BulletList([[_BULLET.sub("", line)] for line in lines]))
        else:
            blocks.append(Paragraph([" ".join(lines)]))
    return blocks


_ID = re.compile(r'\bid="([^"]+)"')


def unique_svg_ids(svg: str, prefix: str) -> str:
    """Prefixes every id in an SVG (and the references to it) so inline SVGs never share an id."""
    ids = set(_ID.findall(svg))
    if not ids:
        return svg
    svg = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    for old in ids:
        svg = svg.replace(f"url(#{old})", f"url(#{prefix}{old})").replace(
            f'href="#{old}"', f'href="#{prefix}{old}"'
        )
    return svg
