"""The analysts' own text in a report: one commentary per territory, year and section, with history.

Generated text is never stored; a report is built from the data each time and the commentary is read
beside it, so nothing the platform writes can replace what an analyst wrote."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lagesbild.accounts.scope import scope_of

MAX_COMMENTARY_LENGTH = 20_000


def may_edit_report(user, territory_code: str) -> bool:
    """A county's editors edit its report; the national compilation (riket) only national admins."""
    return scope_of(user).may_edit_county(territory_code)


class CommentaryQuerySet(models.QuerySet):
    def of_report(self, territory_code: str, year: int):
        return self.filter(territory_id=territory_code, year=year)

    def texts(self, territory_code: str, year: int) -> dict[str, Commentary]:
        return {c.section: c for c in self.of_report(territory_code, year).exclude(text="")}


class Commentary(models.Model):
    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__in": ["riket", "lan"]},
        verbose_name=_("län eller riket"),
    )
    year = models.PositiveSmallIntegerField(_("rapportår"))
    section = models.SlugField(_("avsnitt"), max_length=120)
    text = models.TextField(_("text"), blank=True, max_length=MAX_COMMENTARY_LENGTH)
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ändrad av"),
    )
    history = HistoricalRecords()

    objects = CommentaryQuerySet.as_manager()

    class Meta:
        ordering = ["territory_id", "year", "section"]
        verbose_name = _("kommentar i lägesrapport")
        verbose_name_plural = _("kommentarer i lägesrapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "year", "section"], name="commentary_unique_section"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.territory_id} {self.year} {self.section}"

    def can_edit(self, user) -> bool:
        return may_edit_report(user, self.territory_id)


@transaction.atomic
def save_commentaries(territory_code: str, year: int, texts: dict[str, str], user) -> list[str]:
    """Stores the sections whose text changed; returns their keys. Unchanged sections get no new history."""
    existing = {
        c.section: c for c in Commentary.objects.of_report(territory_code, year).select_for_update()
    }
    changed = []
    for section, text in texts.items():
        text = normalise(text)
        current = existing.get(section)
        if current is None and not text:
            continue
        if current is not None and current.text == text:
            continue
        if current is None:
            current = Commentary(territory_id=territory_code, year=year, section=section)
        current.text, current.updated_by = text, user
        current.save()
        changed.append(section)
    return changed


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    """Unix line ends, no trailing blanks and no control characters (text pasted from a word processor
    can carry them, and no document format may hold them), so an unchanged text compares equal."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    lines = CONTROL_CHARACTERS.sub("", text).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()
