"""The county report (regional lägesrapport) for one län and year, in the structure of Rapport 2019:6:
foreword; about the report; the county board's activities per sub-assignment; the regional situation
per goal with the indicators the report's method selects; targeted services; surveys; indicator
coverage; analysis and recommendations; sources."""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lagesbild.core.marking import example_notice
from lagesbild.indicators.coverage import coverage, select_indicators
from lagesbild.indicators.models import Goal, Indicator
from lagesbild.territories.models import RIKET_CODE, Level, Territory

from ..document import (
    BulletList,
    Cell,
    Document,
    Footnote,
    Generated,
    Link,
    Paragraph,
    Section,
    Table,
)
from . import registers
from .common import (
    CommentarySlots,
    Scope,
    SourceLedger,
    example_notice_block,
    issuer_of,
    report_points,
    riket,
    swedish_date,
)
from .indicators import CountyIndicator

INDICATOR_PROPOSAL = (
    "Socialstyrelsen, Förslag på indikatorer för uppföljning av den nationella strategin för att förebygga och "
    "bekämpa mäns våld mot kvinnor (2018)"
)
INDICATOR_PROPOSAL_URL = "https://www.socialstyrelsen.se/publikationer2018/2018-3-21"
STRATEGY = "skr. 2016/17:10"


def report_title() -> str:
    return _("Att förebygga och bekämpa mäns våld mot kvinnor")


def method_paragraph() -> Paragraph:
    return Paragraph.of(
        _(
            "Indikatorerna väljs med samma metod som länsstyrelsernas arbetsgrupp för regionala lägesbilder använde i "
            "Rapport 2019:6: endast indikatorer med status kärnindikator eller indikator i Socialstyrelsens förslag"
        ),
        Footnote(f"{INDICATOR_PROPOSAL}, {INDICATOR_PROPOSAL_URL}"),
        _(
            " som kan utläsas på regional nivå. Utvecklingsindikatorer saknar ännu datakälla och ingår inte."
        ),
    )


def goal_title(goal: Goal) -> str:
    return _("Mål %(number)s: %(name)s") % {"number": goal.number, "name": goal.name}


def declared_sentence(goal: Goal) -> str:
    if goal.declared_total is None:
        return ""
    return _(
        "Totalt finns %(total)s indikatorer som mäter %(name)s (mål %(number)s), varav %(regional)s går att utläsa "
        "på regional nivå enligt %(source)s."
    ) % {
        "total": goal.declared_total,
        "name": goal.name[0].lower() + goal.name[1:],
        "number": goal.number,
        "regional": goal.declared_regional or 0,
        "source": goal.declared_source or _("källan"),
    }


class CountyReport:
    def __init__(self, county: Territory, year: int, language: str = "sv"):
        self.scope = Scope(county, year, language)
        self.county = county
        self.year = year
        self.language = language
        self.slots = CommentarySlots(county, year)
        self.sources = SourceLedger()
        self.national = riket()
        self.views: dict[int, list[CountyIndicator]] = {}
        self.missing: dict[int, list[Indicator]] = {}

    # --- data ------------------------------------------------------------------------------------

    def _indicator_views(self) -> None:
        for goal in Goal.objects.all():
            self.views[goal.number], self.missing[goal.number] = [], []
            for indicator in select_indicators(level=Level.LAN, goal=goal.number):
                points = report_points(indicator, [self.county.code, RIKET_CODE], self.scope)
                view = CountyIndicator(
                    indicator, self.county, self.national, points, self.scope, self.sources
                )
                if view.has_county_figures:
                    self.views[goal.number].append(view)
                else:
                    self.missing[goal.number].append(indicator)

    @property
    def has_example_data(self) -> bool:
        return (
            any(p.is_example for views in self.views.values() for v in views for p in v.points)
            or self.registers.example
        )

    # --- sections --------------------------------------------------------------------------------

    def foreword(self) -> Section:
        return Section(
            "forord",
            _("Förord"),
            [
                self.slots.slot(
                    "forord",
                    _(
                        "Länsstyrelsen har inte skrivit något förord. Förordet skrivs på rapportsidan i Lägesbild."
                    ),
                )
            ],
        )

    def about(self) -> Section:
        blocks = []
        if self.has_example_data:
            blocks.append(example_notice_block())
        blocks.append(
            Generated(
                [
                    Paragraph.of(
                        _(
                            "Rapporten beskriver läget i %(county)s i arbetet med att förebygga och bekämpa mäns våld mot "
                            "kvinnor, utifrån den nationella strategins fyra målsättningar (%(strategy)s). Den visar värden "
                            "för %(years)s, med %(year)s som rapportår, och jämför länet med riket där riket har värden."
                        )
                        % {
                            "county": self.county.name,
                            "strategy": STRATEGY,
                            "years": self.scope.years_label,
                            "year": self.year,
                        }
                    ),
                    method_paragraph(),
                    Paragraph.of(
                        _(
                            "Figurer, tabeller och beskrivande meningar är framtagna ur Lägesbilds data. Text som "
                            "plattformen har skrivit är markerad som genererad; länsstyrelsens egen text står för sig "
                            "och ändras aldrig av plattformen."
                        )
                    ),
                ]
            )
        )
        blocks.append(self.slots.slot("om-rapporten", ""))
        return Section("om-rapporten", _("Om rapporten"), blocks)

    def activities(self) -> Section:
        section = Section("verksamhet", _("Länsstyrelsens verksamhet"))
        section.blocks += self.registers.activity_blocks
        for key, title, blocks in self.registers.activity_sections:
            section.sections.append(Section(key, title, [*blocks, self.slots.slot(key)]))
        section.blocks.append(self.slots.slot("verksamhet"))
        return section

    def goal_section(self, goal: Goal) -> Section:
        views, missing = self.views[goal.number], self.missing[goal.number]
        readable = len(views) + len(missing)
        intro = [
            x
            for x in (
                declared_sentence(goal),
                _(
                    "I plattformens katalog kan %(readable)s av målets indikatorer med status kärnindikator eller indikator "
                    "läsas på länsnivå; för %(county)s finns värden för %(with)s av dem under %(years)s."
                )
                % {
                    "readable": readable,
                    "county": self.county.name,
                    "with": len(views),
                    "years": self.scope.years_label,
                },
            )
            if x
        ]
        generated = [Paragraph.of(" ".join(intro))]
        if missing:
            generated.append(
                Paragraph.of(
                    _("Värden för länet saknas för: %(names)s.")
                    % {"names": "; ".join(i.name for i in missing)}
                )
            )
        section = Section(
            f"mal-{goal.number}",
            goal_title(goal),
            [Generated(generated), self.slots.slot(f"mal-{goal.number}")],
        )
        for view in views:
            section.sections.append(self.indicator_section(view))
        return section

    def indicator_section(self, view: CountyIndicator) -> Section:
        indicator = view.indicator
        blocks = []
        if indicator.description:
            blocks.append(Paragraph.of(indicator.description))
        blocks += [
            Generated([Paragraph.of(" ".join(view.sentences()))]),
            view.figure(),
            view.table(),
            self.slots.slot(f"indikator-{indicator.id}"),
        ]
        return Section(f"indikator-{indicator.id}", indicator.name, blocks)

    def regional(self) -> Section:
        with_data = sum(len(v) for v in self.views.values())
        readable = with_data + sum(len(m) for m in self.missing.values())
        section = Section(
            "regional-lagesbild",
            _("Regional lägesrapportering"),
            [
                Generated(
                    [
                        Paragraph.of(
                            _(
                                "Avsnittet följer strategins fyra målsättningar. Av %(readable)s indikatorer som kan läsas på "
                                "länsnivå har %(with)s värden för %(county)s under %(years)s. Varje indikator visas med figur "
                                "och tabell, jämförs med riket och med tidigare år."
                            )
                            % {
                                "readable": readable,
                                "with": with_data,
                                "county": self.county.name,
                                "years": self.scope.years_label,
                            }
                        ),
                    ]
                ),
                self.slots.slot("regional-lagesbild"),
            ],
        )
        for goal in Goal.objects.all():
            section.sections.append(self.goal_section(goal))
        return section

    def services(self) -> Section:
        return Section(
            "verksamheter",
            _("Särskilda verksamheter i länet"),
            [*self.registers.service_blocks, self.slots.slot("verksamheter")],
        )

    def surveys(self) -> Section:
        return Section(
            "enkater",
            _("Enkätresultat"),
            [*self.registers.survey_blocks, self.slots.slot("enkater")],
        )

    def coverage_section(self, goal_rows) -> Section:
        rows, totals = [], [0] * 7
        for goal in Goal.objects.all():
            row = goal_rows[goal.number]
            usable = row.by_status.get("karnindikator", 0) + row.by_status.get("indikator", 0)
            values = [
                row.declared_total or 0,
                row.declared_regional or 0,
                row.in_catalogue,
                usable,
                row.readable["lan"],
                row.with_data["lan"],
                len(self.views[goal.number]),
            ]
            totals = [a + b for a, b in zip(totals, values)]
            rows.append([Cell(goal_title(goal)), *(Cell(str(v), numeric=True) for v in values)])
        rows.append(
            [
                Cell(_("Totalt"), strong=True),
                *(Cell(str(v), numeric=True, strong=True) for v in totals),
            ]
        )
        table = Table(
            caption=_("Indikatorer per målsättning som kan läsas på regional nivå, %(county)s")
            % {"county": self.county.name},
            columns=[
                _("Målsättning"),
                _("Enligt källan, totalt"),
                _("Enligt källan, regionalt"),
                _("I katalogen"),
                _("Kärnindikator eller indikator"),
                _("Kan läsas på länsnivå"),
                _("Med värden för länet, alla år"),
                _("Med värden för länet %(years)s") % {"years": self.scope.years_label},
            ],
            rows=rows,
            source=_("Källa: Lägesbilds indikatorkatalog; antalen enligt källan ur %(source)s.")
            % {
                "source": Goal.objects.exclude(declared_source="")
                .values_list("declared_source", flat=True)
                .first()
                or "–"
            },
        )
        fewest = min(
            Goal.objects.exclude(declared_total=None),
            key=lambda g: g.declared_regional or 0,
            default=None,
        )
        sentences = [
            _(
                "Enligt källan går %(regional)s av totalt %(total)s indikatorer att läsa på regional nivå."
            )
            % {"regional": totals[1], "total": totals[0]},
            _(
                "För %(county)s finns värden för %(with)s av de %(readable)s indikatorer som kan läsas på länsnivå under "
                "%(years)s."
            )
            % {
                "county": self.county.name,
                "with": totals[6],
                "readable": totals[4],
                "years": self.scope.years_label,
            },
        ]
        if fewest is not None:
            sentences.append(
                _(
                    "Minst antal indikatorer på regional nivå finns för mål %(number)s (%(regional)s av "
                    "%(total)s)."
                )
                % {
                    "number": fewest.number,
                    "regional": fewest.declared_regional or 0,
                    "total": fewest.declared_total,
                }
            )
        return Section(
            "tackning",
            _("Indikatortäckning"),
            [Generated([Paragraph.of(" ".join(sentences))]), table, self.slots.slot("tackning")],
        )

    def analysis(self) -> Section:
        summary = [
            [f"{view.indicator.name}: {view.sentences()[0]}"]
            for views in self.views.values()
            for view in views
            if view.sentences()
        ]
        generated = [
            Paragraph.of(
                _(
                    "Underlag ur data: den första beskrivande meningen för varje indikator med värden "
                    "för länet."
                )
            )
        ]
        generated.append(
            BulletList(summary)
            if summary
            else Paragraph.of(
                _("Länet har inga indikatorvärden för %(years)s.")
                % {"years": self.scope.years_label}
            )
        )
        section = Section(
            "analys",
            _("Analys och rekommendationer"),
            [
                Generated(generated),
                self.slots.slot(
                    "analys",
                    _(
                        "Länsstyrelsen har inte skrivit någon analys. Analysen skrivs på rapportsidan i Lägesbild."
                    ),
                ),
            ],
        )
        section.sections.append(
            Section(
                "rekommendationer",
                _("Rekommendationer"),
                [
                    self.slots.slot(
                        "rekommendationer",
                        _("Länsstyrelsen har inte skrivit några rekommendationer."),
                    )
                ],
            )
        )
        return section

    def sources_section(self) -> Section:
        return Section(
            "kallor",
            _("Källor"),
            [
                *self.sources.section_blocks(self.language),
                BulletList(
                    [
                        [
                            f"{INDICATOR_PROPOSAL}. ",
                            Link(INDICATOR_PROPOSAL_URL, INDICATOR_PROPOSAL_URL),
                        ],
                        [
                            _(
                                "Länsstyrelsen Stockholm, Rapport 2019:6, Att förebygga och bekämpa mäns våld mot kvinnor (metoden för "
                                "urval och täckning)."
                            )
                        ],
                    ]
                ),
            ],
        )

    def build(self) -> Document:
        with translation.override(self.language):
            self.registers = registers.county_registers(self.county, self.year, self.language)
            self._indicator_views()
            goal_rows = {row.goal: row for row in coverage(self.county.code)}
            sections = [
                self.foreword(),
                self.about(),
                self.activities(),
                self.regional(),
                self.services(),
                self.surveys(),
                self.coverage_section(goal_rows),
                self.analysis(),
                self.sources_section(),
            ]
            example = self.has_example_data
            return Document(
                title=report_title(),
                subtitle=_("Regional lägesrapport %(year)s – %(county)s")
                % {"year": self.year, "county": self.county.name},
                issuer=issuer_of(self.county),
                issued=date.today(),
                language=self.language,
                example=example,
                example_notice=example_notice() if example else "",
                sections=sections,
                file_stem=f"lagesrapport-{self.year}-{self.county.code}-{slugify(self.county.name)}",
                about=[
                    _("Framtagen med Lägesbild %(day)s.")
                    % {"day": swedish_date(date.today(), self.language)},
                    _("Genererad text är markerad; länsstyrelsens egen text står för sig."),
                ],
            ).number()


def build_county_report(county: Territory, year: int, language: str = "sv") -> Document:
    return CountyReport(county, year, language).build()
