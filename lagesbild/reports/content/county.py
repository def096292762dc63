"""The county report (regional lägesrapport) for one län and year, in the structure of Rapport 2019:6:
foreword; summary; about the report; the county board's activities per sub-assignment; the regional
situation per goal with the indicators the report's method selects (and the county's own strategy's
goals beside the national four); targeted services; surveys; indicator coverage; analysis and
recommendations; sources.

A report is built as a draft (for the county's editors: every place for the county board's own text
is shown, with a note where it is missing) or as the edition a reader gets, where a section without
text is left out rather than printed with a placeholder."""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lagesbild.core.formatting import format_period
from lagesbild.core.marking import example_notice
from lagesbild.indicators.coverage import coverage, select_indicators
from lagesbild.indicators.models import Goal, Indicator, Unit
from lagesbild.indicators.regional import regional_goals_of
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
    Sentence,
    Table,
    prune,
)
from . import registers, sentences
from .common import (
    CommentarySlots,
    Scope,
    SourceLedger,
    example_notice_block,
    issuer_of,
    lan_territories,
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
    def __init__(self, county: Territory, year: int, language: str = "sv", draft: bool = False):
        self.scope = Scope(county, year, language)
        self.county = county
        self.year = year
        self.language = language
        self.draft = draft
        self.slots = CommentarySlots(county, year, draft=draft)
        self.sources = SourceLedger()
        self.national = riket()
        self.views: dict[int, list[CountyIndicator]] = {}
        self.missing: dict[int, list[Indicator]] = {}
        self.regional_goals = regional_goals_of(county.code)

    # --- data ------------------------------------------------------------------------------------

    def _indicator_views(self) -> None:
        counties = [c.code for c in lan_territories()]
        for goal in Goal.objects.all():
            self.views[goal.number], self.missing[goal.number] = [], []
            for indicator in select_indicators(level=Level.LAN, goal=goal.number):
                everyone = report_points(indicator, [*counties, RIKET_CODE], self.scope)
                points = [p for p in everyone if p.territory in (self.county.code, RIKET_CODE)]
                view = CountyIndicator(
                    indicator,
                    self.county,
                    self.national,
                    points,
                    self.scope,
                    self.sources,
                    peers=[p for p in everyone if p.territory != RIKET_CODE],
                )
                if view.has_county_figures:
                    self.views[goal.number].append(view)
                else:
                    self.missing[goal.number].append(indicator)

    @property
    def all_views(self) -> list[CountyIndicator]:
        return [view for views in self.views.values() for view in views]

    @property
    def has_example_data(self) -> bool:
        return any(p.is_example for v in self.all_views for p in v.points) or self.registers.example

    # --- sections --------------------------------------------------------------------------------

    def foreword(self) -> Section:
        return Section("forord", _("Förord"), [self.slots.slot("forord")])

    def summary(self) -> Section:
        """Key findings per goal from the data, a table of every indicator, and the analyst's summary."""
        findings = SummaryFindings(self.views, self.missing, self.county.name, self.scope)
        blocks = [Generated.of(*findings.sentences())]
        if self.all_views:
            blocks += [findings.goal_table(), findings.indicator_table()]
        blocks.append(self.slots.slot("sammanfattning"))
        return Section("sammanfattning", _("Sammanfattning"), blocks)

    def about(self) -> Section:
        blocks = []
        if self.has_example_data:
            blocks.append(example_notice_block())
        blocks.append(
            Generated.of(
                Sentence(
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
                )
            )
        )
        blocks.append(method_paragraph())
        blocks.append(
            Paragraph.of(
                _(
                    "Figurer, tabeller och beskrivande meningar är framtagna ur Lägesbilds data: de anger "
                    "förändringen sedan föregående värde, skillnaden mot riket och länets placering bland de län "
                    "som har värden. Länsstyrelsens egen text står för sig och ändras aldrig av plattformen."
                )
            )
        )
        blocks.append(self.slots.slot("om-rapporten"))
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
            Sentence(declared_sentence(goal)) if declared_sentence(goal) else None,
            Sentence(
                ngettext(
                    "I plattformens katalog kan %(readable)s av målets indikatorer med status kärnindikator "
                    "eller indikator läsas på länsnivå; för %(county)s finns värden för %(with)s av dem under "
                    "%(years)s.",
                    "I plattformens katalog kan %(readable)s av målets indikatorer med status kärnindikator "
                    "eller indikator läsas på länsnivå; för %(county)s finns värden för %(with)s av dem under "
                    "%(years)s.",
                    readable,
                )
                % {
                    "readable": readable,
                    "county": self.county.name,
                    "with": len(views),
                    "years": self.scope.years_label,
                }
            ),
        ]
        blocks = [Generated.of(*intro)]
        if missing:
            blocks.append(
                Table(
                    caption=_(
                        "Indikatorer för mål %(number)s utan värden för %(county)s, %(years)s"
                    )
                    % {
                        "number": goal.number,
                        "county": self.county.name,
                        "years": self.scope.years_label,
                    },
                    columns=[_("Indikator"), _("Källa")],
                    rows=[[Cell(i.name), Cell(i.data_source or "–")] for i in missing],
                    source=_("Källa: Lägesbilds indikatorkatalog."),
                )
            )
        blocks.append(self.slots.slot(f"mal-{goal.number}"))
        section = Section(f"mal-{goal.number}", goal_title(goal), blocks)
        for view in views:
            section.sections.append(self.indicator_section(view))
        return section

    def regional_goals_sentence(self, view: CountyIndicator) -> Sentence | None:
        mine = [g for g in self.regional_goals if view.indicator in g.indicators.all()]
        if not mine:
            return None
        goals = [
            _("mål %(number)s (%(name)s)") % {"number": g.number, "name": g.name} for g in mine
        ]
        return Sentence(
            ngettext(
                "Indikatorn följer också länets egen strategi, %(goals)s.",
                "Indikatorn följer också länets egen strategi, %(goals)s.",
                len(goals),
            )
            % {"goals": sentences.join_names(goals)}
        )

    def indicator_section(self, view: CountyIndicator) -> Section:
        indicator = view.indicator
        blocks = []
        if indicator.description:
            blocks.append(Paragraph.of(indicator.description))
        blocks += [
            Generated.of(*view.sentences(), self.regional_goals_sentence(view)),
            view.figure(),
            view.table(),
            self.slots.slot(f"indikator-{indicator.id}"),
        ]
        return Section(f"indikator-{indicator.id}", indicator.name, blocks)

    def regional(self) -> Section:
        with_data = len(self.all_views)
        readable = with_data + sum(len(m) for m in self.missing.values())
        section = Section(
            "regional-lagesbild",
            _("Läget per målsättning"),
            [
                Generated.of(
                    Sentence(
                        _(
                            "Kapitlet följer strategins fyra målsättningar. Av %(readable)s indikatorer som kan läsas "
                            "på länsnivå har %(with)s värden för %(county)s under %(years)s. Varje indikator visas "
                            "med figur och tabell, jämförs med riket och med tidigare år och placeras bland länen."
                        )
                        % {
                            "readable": readable,
                            "with": with_data,
                            "county": self.county.name,
                            "years": self.scope.years_label,
                        }
                    )
                ),
                self.slots.slot("regional-lagesbild"),
            ],
        )
        for goal in Goal.objects.all():
            section.sections.append(self.goal_section(goal))
        return section

    def regional_strategy(self) -> Section | None:
        """The county's own strategy's goals beside the national four, with the indicators that follow
        each and where the report shows them."""
        if not self.regional_goals:
            return None
        shown = {v.indicator.id: v for v in self.all_views}
        rows = []
        for goal in self.regional_goals:
            indicators = list(goal.indicators.all())
            with_data = [i for i in indicators if i.id in shown]
            rows.append(
                [
                    Cell(
                        _("Mål %(number)s: %(name)s") % {"number": goal.number, "name": goal.name}
                    ),
                    Cell(str(len(indicators)), numeric=True),
                    Cell(str(len(with_data)), numeric=True),
                    Cell("; ".join(i.name for i in with_data) or "–"),
                ]
            )
        strategy = self.regional_goals[0].strategy
        total = len({i.id for g in self.regional_goals for i in g.indicators.all()})
        followed = len(
            {i.id for g in self.regional_goals for i in g.indicators.all() if i.id in shown}
        )
        text = ngettext(
            "%(county)s har en egen strategi, %(strategy)s, med %(goals)s mål. Till målen hör %(total)s "
            "indikatorer i katalogen; %(with)s av dem har värden i rapporten och visas under den nationella "
            "målsättning de hör till.",
            "%(county)s har en egen strategi, %(strategy)s, med %(goals)s mål. Till målen hör %(total)s "
            "indikatorer i katalogen; %(with)s av dem har värden i rapporten och visas under den nationella "
            "målsättning de hör till.",
            len(self.regional_goals),
        ) % {
            "county": self.county.name,
            "strategy": strategy,
            "goals": len(self.regional_goals),
            "total": total,
            "with": followed,
        }
        table = Table(
            caption=_("Länets egna mål och indikatorerna som följer dem, %(county)s")
            % {"county": self.county.name},
            columns=[
                _("Länets mål"),
                _("Indikatorer"),
                _("Med värden"),
                _("Indikatorer med värden i rapporten"),
            ],
            rows=rows,
            source=_("Källa: Lägesbilds indikatorkatalog (länets strategi)."),
        )
        return Section(
            "regional-strategi",
            _("Länets egen strategi"),
            [Generated.of(Sentence(text)), table, self.slots.slot("regional-strategi")],
        )

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
        found = [
            Sentence(
                _(
                    "Enligt källan går %(regional)s av totalt %(total)s indikatorer att läsa på regional nivå."
                )
                % {"regional": totals[1], "total": totals[0]}
            ),
            Sentence(
                _(
                    "För %(county)s finns värden för %(with)s av de %(readable)s indikatorer som kan läsas på "
                    "länsnivå under %(years)s."
                )
                % {
                    "county": self.county.name,
                    "with": totals[6],
                    "readable": totals[4],
                    "years": self.scope.years_label,
                }
            ),
        ]
        if fewest is not None:
            found.append(
                Sentence(
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
            )
        return Section(
            "tackning",
            _("Indikatortäckning"),
            [Generated.of(*found), table, self.slots.slot("tackning")],
        )

    def analysis(self) -> Section:
        section = Section("analys", _("Analys och rekommendationer"), [self.slots.slot("analys")])
        section.sections.append(
            Section(
                "rekommendationer",
                _("Länsstyrelsens rekommendationer"),
                [self.slots.slot("rekommendationer")],
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
                self.summary(),
                self.about(),
                self.activities(),
                self.regional(),
                self.regional_strategy(),
                self.services(),
                self.surveys(),
                self.coverage_section(goal_rows),
                self.analysis(),
                self.sources_section(),
            ]
            sections = [s for s in sections if s is not None]
            if not self.draft:
                sections = prune(sections)
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
                ],
                draft=self.draft,
                place_code=self.county.code,
                year=self.year,
            ).number()


class SummaryFindings:
    """The summary chapter's findings: how the county stands against riket indicator by indicator,
    counted per goal, with the largest differences named. Only figures of the same kind (real with
    real, example with example) are compared."""

    def __init__(self, views, missing, place: str, scope: Scope):
        self.views, self.missing, self.place, self.scope = views, missing, place, scope

    @staticmethod
    def comparison(view: CountyIndicator):
        """(relation, county point, riket point) for the indicator's headline series, or None."""
        if view.mode == "breakdown" or view.indicator.unit == Unit.COUNT:
            return None
        sex = view.sexes[0]
        pair = sentences.latest_shared(
            view.series(sex, view.county.code), view.series(sex, RIKET_CODE)
        )
        if pair is None:
            return None
        c, n = pair
        if c.is_example != n.is_example:
            return None
        decimals = view.indicator.decimals
        if (c.is_range or n.is_range or sentences.has_margin(c) or sentences.has_margin(n)) and (
            sentences.intervals_overlap(c, n)
        ):
            return "same", c, n
        if round(c.centre, decimals) == round(n.centre, decimals):
            return "same", c, n
        return ("higher" if c.centre > n.centre else "lower"), c, n

    def like_with_like(self, views) -> list:
        """The indicators whose comparison with riket is of real figures, when there are any; else
        those of example figures. Results of the two kinds are never counted together."""
        compared = [(v, r) for v in views if (r := self.comparison(v))]
        real = [v for v, r in compared if not r[1].is_example]
        return real or [v for v, _r in compared]

    def counts(self, views) -> dict[str, int]:
        found = {"higher": 0, "lower": 0, "same": 0, "none": 0}
        for view in views:
            result = self.comparison(view)
            found[result[0] if result else "none"] += 1
        return found

    def sentences(self) -> list[Sentence]:
        views = [v for vs in self.views.values() for v in vs]
        readable = len(views) + sum(len(m) for m in self.missing.values())
        if not views:
            return [
                Sentence(
                    _(
                        "För %(place)s finns inga värden för de %(readable)s indikatorer som kan läsas på länsnivå "
                        "under %(years)s. Rapporten beskriver därför bara länsstyrelsens verksamhet, stödverksamheter "
                        "och enkäter."
                    )
                    % {"place": self.place, "readable": readable, "years": self.scope.years_label}
                )
            ]
        compared_views = self.like_with_like(views)
        counts = self.counts(compared_views)
        found = [
            Sentence(
                _(
                    "För %(place)s finns värden för %(with)s av de %(readable)s indikatorer som rapporten följer "
                    "(kärnindikatorer och indikatorer som kan läsas på länsnivå) under %(years)s."
                )
                % {
                    "place": self.place,
                    "with": len(views),
                    "readable": readable,
                    "years": self.scope.years_label,
                }
            )
        ]
        compared = counts["higher"] + counts["lower"] + counts["same"]
        if compared:
            parts = [
                text % {"n": counts[key]}
                for key, text in (
                    ("higher", _("högre för %(n)s")),
                    ("lower", _("lägre för %(n)s")),
                    ("same", _("på samma nivå för %(n)s")),
                )
                if counts[key]
            ]
            found.append(
                Sentence(
                    ngettext(
                        "Av den %(compared)s indikator där länet kan jämföras med riket ligger länet %(parts)s.",
                        "Av de %(compared)s indikatorer där länet kan jämföras med riket ligger länet %(parts)s.",
                        compared,
                    )
                    % {"compared": compared, "parts": sentences.join_names(parts)},
                    tuple(p for v in compared_views if (r := self.comparison(v)) for p in r[1:]),
                )
            )
        left_out = [v for v in views if v not in compared_views and self.comparison(v)]
        if left_out:
            found.append(
                Sentence(
                    ngettext(
                        "Ytterligare %(n)s jämförelse bygger på exempeldata (%(notice)s) och räknas inte med.",
                        "Ytterligare %(n)s jämförelser bygger på exempeldata (%(notice)s) och räknas inte med.",
                        len(left_out),
                    )
                    % {"n": len(left_out), "notice": example_notice()}
                )
            )
        largest = self.largest_difference(compared_views)
        if largest is not None:
            found.append(largest)
        return found

    def largest_difference(self, views) -> Sentence | None:
        """The percentage indicator where the county differs most from riket, beyond any margin."""
        candidates = []
        for view in views:
            result = self.comparison(view)
            if result and result[0] != "same" and view.indicator.unit == Unit.PERCENT:
                _relation, c, n = result
                candidates.append((abs(c.centre - n.centre), view, c, n))
        if not candidates:
            return None
        _size, view, c, n = max(candidates, key=lambda x: x[0])
        wording = sentences.Wording(view.indicator, self.scope.language)
        return Sentence(
            _(
                "Störst är skillnaden mot riket för %(name)s: %(county)s i länet mot %(riket)s i riket "
                "%(period)s."
            )
            % {
                "name": sentences.in_sentence(view.indicator.name),
                "county": wording.value(c),
                "riket": wording.value(n),
                "period": format_period(c.start, c.end),
            },
            (c, n),
        )

    def goal_table(self) -> Table:
        rows = []
        for number, views in self.views.items():
            counts = self.counts(views)
            rows.append(
                [
                    Cell(_("Mål %(number)s") % {"number": number}),
                    Cell(str(len(views) + len(self.missing[number])), numeric=True),
                    Cell(str(len(views)), numeric=True),
                    Cell(str(counts["higher"]), numeric=True),
                    Cell(str(counts["lower"]), numeric=True),
                    Cell(str(counts["same"]), numeric=True),
                ]
            )
        return Table(
            caption=_("Länet jämfört med riket per målsättning, %(years)s")
            % {"years": self.scope.years_label},
            columns=[
                _("Målsättning"),
                _("Kan läsas på länsnivå"),
                _("Med värden"),
                _("Högre än riket"),
                _("Lägre än riket"),
                _("Samma nivå"),
            ],
            rows=rows,
            remarks=[
                _(
                    "Jämförelsen gäller senaste period där både länet och riket har värden. Antal (inte andelar "
                    "eller tal) och värden av olika slag (publicerade och exempeldata) jämförs inte; skillnader "
                    "inom en publicerad felmarginal räknas som samma nivå."
                )
            ],
            source=_("Källa: Lägesbild, rapportens indikatorer."),
            example=any(
                p.is_example for v in self.views.values() for view in v for p in view.points
            ),
        )

    def indicator_table(self) -> Table:
        rows = []
        for views in self.views.values():
            for view in views:
                rows.append(view.summary_row())
        return Table(
            caption=_("Rapportens indikatorer i korthet, %(place)s") % {"place": self.place},
            columns=[
                _("Indikator"),
                _("Senaste värde"),
                _("Förändring sedan föregående"),
                _("Riket samma period"),
                _("Placering bland länen"),
            ],
            rows=rows,
            source=_(
                "Källa: Lägesbild, rapportens indikatorer; källa för varje värde under indikatorn."
            ),
            example=any(
                p.is_example for v in self.views.values() for view in v for p in view.points
            ),
        )


def build_county_report(
    county: Territory, year: int, language: str = "sv", draft: bool = False
) -> Document:
    return CountyReport(county, year, language, draft).build()
