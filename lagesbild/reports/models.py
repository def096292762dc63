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


# --- Per-county settings for the published report --------------------------------------------------

LOGO_TYPES = {"png": b"\x89PNG", "jpg": b"\xff\xd8\xff", "svg": b""}
MAX_LOGO_BYTES = 512 * 1024


class ReportSettings(models.Model):
    """How a county board's report looks when published: its logo, the name and number of its
    report series, ISBN and contact, printed on the cover and colophon of every format, and whether
    the published edition marks generated text. Edited by the county's editors, with history."""

    territory = models.OneToOneField(
        "territories.Territory",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__in": ["riket", "lan"]},
        verbose_name=_("län eller riket"),
    )
    series = models.CharField(_("rapportserie"), max_length=200, blank=True)
    series_number = models.CharField(_("nummer i serien"), max_length=40, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    contact = models.CharField(_("kontakt"), max_length=300, blank=True)
    logo = models.BinaryField(_("logotyp"), blank=True, default=b"", editable=True)
    logo_type = models.CharField(_("logotypens format"), max_length=3, blank=True)
    generated_labels = models.BooleanField(
        _("märk genererad text i publicerad utgåva"),
        default=False,
        help_text=_(
            "Utan märkning säger kolofonen vilken text plattformen har skrivit. Utkast märks alltid."
        ),
    )
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ändrad av"),
    )
    history = HistoricalRecords(excluded_fields=["logo"])

    class Meta:
        verbose_name = _("inställningar för lägesrapport")
        verbose_name_plural = _("inställningar för lägesrapporter")

    def __str__(self) -> str:
        return _("Rapportinställningar för %(place)s") % {"place": self.territory.name}

    def can_edit(self, user) -> bool:
        return may_edit_report(user, self.territory_id)


# --- Published editions: frozen files ---------------------------------------------------------------


class EditionQuerySet(models.QuerySet):
    def of_report(self, territory_code: str, year: int, language: str = "sv"):
        return self.filter(territory_id=territory_code, year=year, language=language)

    def latest_of(self, territory_code: str, year: int, language: str = "sv"):
        return self.of_report(territory_code, year, language).order_by("-number").first()


class ImmutableError(RuntimeError):
    """A published edition is never changed or removed; a new one gets a new number."""


class Edition(models.Model):
    """A published report: the files as they were sent, with the data version and the catalogue
    fingerprint they were made from, who published them and when. Never changed once stored."""

    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("län eller riket"),
    )
    year = models.PositiveSmallIntegerField(_("rapportår"))
    language = models.CharField(_("språk"), max_length=2, default="sv")
    number = models.PositiveSmallIntegerField(_("utgåva"))
    published_at = models.DateTimeField(_("publicerad"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("publicerad av"),
    )
    data_version = models.JSONField(_("dataversion"), default=dict)
    catalogue_fingerprint = models.CharField(_("katalogens fingeravtryck"), max_length=64)
    generated_labels = models.BooleanField(_("genererad text märkt"), default=False)
    digest = models.JSONField(_("innehåll per avsnitt"), default=dict)
    page = models.JSONField(_("rapportsidans delar"), default=dict)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["territory_id", "year", "language", "number"]
        verbose_name = _("publicerad utgåva av lägesrapport")
        verbose_name_plural = _("publicerade utgåvor av lägesrapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "year", "language", "number"], name="edition_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return _("Lägesrapport %(year)s, %(place)s, utgåva %(number)s") % {
            "year": self.year,
            "place": self.territory.name,
            "number": self.number,
        }

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError(_("En publicerad utgåva ändras aldrig."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("En publicerad utgåva tas aldrig bort."))

    def file(self, fmt: str):
        return self.files.filter(format=fmt).first()


class EditionFile(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="files", verbose_name=_("utgåva")
    )
    format = models.CharField(_("format"), max_length=5)
    name = models.CharField(_("filnamn"), max_length=200)
    content = models.BinaryField(_("innehåll"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("storlek (byte)"))

    class Meta:
        ordering = ["edition_id", "format"]
        verbose_name = _("fil i publicerad utgåva")
        verbose_name_plural = _("filer i publicerade utgåvor")
        constraints = [
            models.UniqueConstraint(fields=["edition", "format"], name="edition_file_unique_format")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError(_("En publicerad fil ändras aldrig."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("En publicerad fil tas aldrig bort."))
