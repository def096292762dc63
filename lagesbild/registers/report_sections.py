"""How a register contributes its section to the regional situation report, without the report
knowing the register: each app registers a builder in its AppConfig.ready(), and the report asks
by key ("activities", "services", "surveys", "services-national").

A builder returns neutral content (generated prose, bullet lists, tables, titled parts) that the
reports app draws with its own document model. A register with nothing for the county and year says
so in its content ("Inga … är registrerade"); a register that is not installed has no builder, and
the report says plainly that the register is not kept on this installation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Strong:
    text: str


Inline = str | Strong


@dataclass
class Text:
    """One generated paragraph."""

    parts: list[Inline]

    @classmethod
    def of(cls, *parts: Inline) -> Text:
        return cls(list(parts))


@dataclass
class Bullets:
    items: list[list[Inline]]


@dataclass
class Prose:
    """Paragraphs and lists generated from the register's data, shown together as generated text."""

    items: list[Text | Bullets]


@dataclass
class TableCell:
    text: str
    numeric: bool = False
    strong: bool = False


@dataclass
class TableData:
    caption: str
    columns: list[str]
    rows: list[list[TableCell]]
    remarks: list[str] = field(default_factory=list)
    source: str = ""
    example: bool = False
    row_headers: bool = True


Block = Prose | TableData


@dataclass
class Part:
    """A titled subsection (e.g. one sub-assignment's activities)."""

    key: str
    title: str
    blocks: list[Block]


@dataclass
class SectionContent:
    blocks: list[Block]
    parts: list[Part] = field(default_factory=list)
    example: bool = False


def nothing_registered(text: str) -> SectionContent:
    return SectionContent([Prose([Text.of(text)])])


# builder(territory, year, language) -> SectionContent
Builder = Callable[..., SectionContent]
_SECTIONS: dict[str, Builder] = {}


def register_section(key: str, build: Builder) -> None:
    _SECTIONS[key] = build


def section_content(key: str, territory, year: int, language: str) -> SectionContent | None:
    """The register's content for the report, or None when no app provides that section."""
    build = _SECTIONS.get(key)
    return build(territory, year, language) if build else None
