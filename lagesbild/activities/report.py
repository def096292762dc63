"""The activities' section of the county report: what the county board did in the year, per
sub-assignment (registered as "activities" in lagesbild.registers.report_sections)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lagesbild.core.formatting import format_date, format_number
from lagesbild.core.marking import example_notice
from lagesbild.registers.report_sections import (
    Bullets,
    Part,
    Prose,
    SectionContent,
    Strong,
    Text,
    nothing_registered,
)

from .models import SubAssignment
from .summaries import for_report


def count_text(number: int | None, qualifier: str = "exakt") -> str:
    """'ca 75', 'minst 300 000', '70' — a registered figure as the county board gave it."""
    text = format_number(number)
    if qualifier == "ungefar":
        return _("ca %(number)s") % {"number": text}
    if qualifier == "minst":
        return _("minst %(number)s") % {"number": text}
    return text


def _activity_item(activity, language: str) -> list:
    facts = [str(activity.get_kind_display())]
    if activity.start_date:
        facts.append(format_date(activity.start_date, language))
    if activity.participants is not None:
        facts.append(
            _("%(count)s deltagare")
            % {"count": count_text(activity.participants, activity.participants_qualifier)}
        )
    for figure in activity.reach_figures:
        facts.append(
            f"{count_text(figure.get('value'), figure.get('qualifier', 'exakt'))} {figure['measure_label']}"
        )
    if activity.partner_list:
        facts.append(
            _("tillsammans med %(partners)s") % {"partners": ", ".join(activity.partner_list)}
        )
    item: list = [Strong(activity.title), f" ({'; '.join(facts)})."]
    if activity.description:
        item.append(" " + " ".join(activity.description.split()))
    if activity.is_example:
        item.append(f" [{example_notice()}]")
    return item


def sum_sentence(total) -> str:
    """'19 aktiviteter är registrerade, med sammanlagt ca 295 deltagare.'; no participants, no clause."""
    activities = ngettext(
        "%(n)s aktivitet är registrerad", "%(n)s aktiviteter är registrerade", total.activities
    ) % {"n": total.activities}
    if not total.participants:
        return activities + "."
    people = count_text(total.participants, "ungefar" if total.participants_inexact else "exakt")
    return _("%(activities)s, med sammanlagt %(people)s deltagare.") % {
        "activities": activities,
        "people": people,
    }


def activities_section(county, year: int, language: str) -> SectionContent:
    summary = for_report(county.code, year)
    if not summary.activities:
        return nothing_registered(
            _(
                "Inga aktiviteter är registrerade för %(county)s %(year)s. Länsstyrelsens aktiviteter per "
                "deluppdrag registreras i Lägesbild och visas här när de finns."
            )
            % {"county": county.name, "year": year}
        )
    opening = _(
        "Länsstyrelsen har registrerat sitt arbete %(year)s per deluppdrag i det särskilda uppdraget. "
    ) % {"year": year}
    content = SectionContent(
        [Prose([Text.of(opening + sum_sentence(summary.total))])], example=summary.has_example_data
    )
    by_number = {int(s.key): s for s in summary.by_sub_assignment}
    for sub in SubAssignment.objects.all():
        mine = [a for a in summary.activities if a.sub_assignment_id == sub.number]
        if mine:
            items = [_activity_item(a, language) for a in mine]
            blocks = [Prose([Text.of(sum_sentence(by_number[sub.number])), Bullets(items)])]
        else:
            blocks = [
                Prose(
                    [
                        Text.of(
                            _("Inga aktiviteter är registrerade för deluppdraget %(year)s.")
                            % {"year": year}
                        )
                    ]
                )
            ]
        content.parts.append(Part(f"deluppdrag-{sub.number}", sub.name, blocks))
    return content
