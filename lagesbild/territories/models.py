"""Sweden's territories: riket, the 21 län and the 290 kommuner, keyed by SCB codes."""

from __future__ import annotations

import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

from lagesbild.core.errors import UserError

RIKET_CODE = "00"


class Level(models.TextChoices):
    RIKET = "riket", _("Riket")
    LAN = "lan", _("Län")
    KOMMUN = "kommun", _("Kommun")


class UnknownTerritory(UserError, ValueError):
    """Raised with a message that can be shown to the person who typed the code or name."""


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form, so 'malmo', 'MALMÖ' and 'Malmö' meet."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


class TerritoryQuerySet(models.QuerySet):
    def lan(self):
        return self.filter(level=Level.LAN)

    def kommuner(self):
        return self.filter(level=Level.KOMMUN)

    def resolve(self, text: str) -> Territory:
        return TerritoryIndex(self).resolve(text)


class Territory(models.Model):
    code = models.CharField(_("kod"), max_length=4, primary_key=True)
    name = models.CharField(_("namn"), max_length=100)
    level = models.CharField(_("nivå"), max_length=6, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("territorium")
        verbose_name_plural = _("territorier")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def lan_code(self) -> str | None:
        if self.level == Level.KOMMUN:
            return self.code[:2]
        if self.level == Level.LAN:
            return self.code
        return None

    def lineage(self) -> list[Territory]:
        """This territory followed by its län (for a kommun) and riket."""
        chain = [self]
        node = self
        while node.parent_id:
            node = node.parent
            chain.append(node)
        return chain


class TerritoryIndex:
    """Resolves codes and names to territories without a query per lookup."""

    RIKET_ALIASES = ("riket", "sverige", "hela landet", "sweden", "national")

    def __init__(self, queryset=None):
        territories = list(queryset if queryset is not None else Territory.objects.all())
        self.by_code = {t.code: t for t in territories}
        self.by_name: dict[str, Territory] = {}
        for territory in sorted(territories, key=lambda t: t.level != Level.KOMMUN):
            for alias in self._aliases(territory):
                self.by_name.setdefault(fold(alias), territory)

    def _aliases(self, territory: Territory) -> list[str]:
        if territory.level == Level.RIKET:
            return [territory.name, *self.RIKET_ALIASES]
        if territory.level == Level.KOMMUN:
            return [territory.name, f"{territory.name} kommun"]
        short = territory.name.removesuffix(" län")
        return [
            territory.name,
            f"{short} län",
            f"{short}s län",
            f"region {short}",
            short.removesuffix("s"),
        ]

    def resolve(self, text: str) -> Territory:
        raw = (text or "").strip()
        if not raw:
            raise UnknownTerritory(_("territorium saknas"))
        code = raw
        if code.isdigit() and len(code) in (1, 3):
            code = code.zfill(len(code) + 1)
        if code in self.by_code:
            return self.by_code[code]
        found = self.by_name.get(fold(raw))
        if found is None:
            raise UnknownTerritory(
                _(
                    "okänt territorium %(value)r: ange en SCB-kod (00, 01–25, fyrsiffrig kommunkod) eller ett namn"
                )
                % {"value": raw}
            )
        return found


def territory_index() -> TerritoryIndex:
    """The register as an index, kept in this process until the territories change."""
    from lagesbild.core.versioning import versioned_cache

    return versioned_cache("territory-index", ("territories",), "all", TerritoryIndex, local=True)
