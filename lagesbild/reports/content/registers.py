"""The county registers in a report: each register (activities, support services, surveys) provides
its section through lagesbild.registers.report_sections; this module draws that neutral content with
the report's document model. A register that holds nothing for the county and year says so in its
own words ("Inga … är registrerade"), never left out silently."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lagesbild.registers import report_sections as neutral
from lagesbild.territories.models import Territory

from ..document import BulletList, Cell, Generated, Paragraph, Strong, Table


def _inline(part):
    return Strong(part.text) if isinstance(part, neutral.Strong) else part


def _prose(prose: neutral.Prose) -> Generated:
    blocks = []
    for item in prose.items:
        if isinstance(item, neutral.Bullets):
            blocks.append(BulletList([[_inline(p) for p in entry] for entry in item.items]))
        else:
            blocks.append(Paragraph([_inline(p) for p in item.parts]))
    return Generated(blocks)


def _table(data: neutral.TableData) -> Table:
    return Table(
        caption=data.caption,
        columns=data.columns,
        rows=[[Cell(c.text, numeric=c.numeric, strong=c.strong) for c in row] for row in data.rows],
        remarks=list(data.remarks),
        source=data.source,
        example=data.example,
        row_headers=data.row_headers,
    )


def blocks_of(content: neutral.SectionContent) -> list:
    return [_prose(b) if isinstance(b, neutral.Prose) else _table(b) for b in content.blocks]


def _section(key: str, place: Territory, year: int, language: str) -> neutral.SectionContent:
    content = neutral.section_content(key, place, year, language)
    if content is None:
        return neutral.nothing_registered(
            _("Registret förs inte i den här installationen av Lägesbild.")
        )
    return content


@dataclass
class CountyRegisters:
    activity_blocks: list = field(default_factory=list)
    activity_sections: list[tuple[str, str, list]] = field(
        default_factory=list
    )  # (key, title, blocks)
    service_blocks: list = field(default_factory=list)
    survey_blocks: list = field(default_factory=list)
    example: bool = False


def county_registers(county: Territory, year: int, language: str = "sv") -> CountyRegisters:
    activities = _section("activities", county, year, language)
    services = _section("services", county, year, language)
    surveys = _section("surveys", county, year, language)
    return CountyRegisters(
        activity_blocks=blocks_of(activities),
        activity_sections=[
            (part.key, part.title, blocks_of(neutral.SectionContent(part.blocks)))
            for part in activities.parts
        ],
        service_blocks=blocks_of(services),
        survey_blocks=blocks_of(surveys),
        example=activities.example or services.example or surveys.example,
    )


@dataclass
class NationalServices:
    blocks: list = field(default_factory=list)
    example: bool = False


def national_services(year: int = 0, language: str = "sv") -> NationalServices:
    content = _section(
        "services-national", Territory(code="00", name="Riket", level="riket"), year, language
    )
    return NationalServices(blocks_of(content), content.example)
