"""Catchment areas written as people write them ("Botkyrka, Huddinge", "Stockholms län", "hela
landet") read into territories, and back."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from lagesbild.territories.models import (
    RIKET_CODE,
    Level,
    Territory,
    TerritoryIndex,
    UnknownTerritory,
    fold,
    territory_index,
)

from .models import CatchmentLevel

NATION_WORDS = {
    "hela landet",
    "riket",
    "sverige",
    "nationell",
    "nationellt",
    "whole country",
    "national",
    "00",
}


class CatchmentError(ValueError):
    pass


def split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", text or "") if part.strip()]


def read_catchment(level: str, text: str) -> list[Territory]:
    """The territories of a catchment given its level and a list of names or codes."""
    if level == CatchmentLevel.NATION:
        return [territory_index().by_code[RIKET_CODE]]
    wanted = Level.KOMMUN if level == CatchmentLevel.MUNICIPALITIES else Level.LAN
    found: dict[str, Territory] = {}
    for part in split_list(text):
        territory = resolve_at_level(part, wanted)
        found[territory.code] = territory
    if not found:
        raise CatchmentError(
            _("ange minst en kommun") if wanted == Level.KOMMUN else _("ange minst ett län")
        )
    return sorted(found.values(), key=lambda t: t.code)


def resolve_at_level(text: str, wanted: str) -> Territory:
    index = territory_index()
    try:
        territory = index.resolve(text)
    except UnknownTerritory as error:
        raise CatchmentError(str(error)) from None
    if territory.level == wanted:
        return territory
    if wanted == Level.LAN and territory.level == Level.KOMMUN:
        # "Stockholm" as a county means Stockholms län, not Stockholm kommun.
        for alias in (f"{text} län", f"{text}s län"):
            county = index.by_name.get(fold(alias))
            if county is not None and county.level == Level.LAN:
                return county
    if wanted == Level.KOMMUN:
        raise CatchmentError(
            _("%(name)s är inte en kommun (välj “hela län” för ett helt län)")
            % {"name": territory.name}
        )
    raise CatchmentError(_("%(name)s är inte ett län") % {"name": territory.name})


def read_catchment_text(text: str) -> tuple[str, list[Territory]]:
    """The spreadsheet column: 'hela landet', a list of län or a list of kommuner (level guessed)."""
    if fold(text or "") in NATION_WORDS:
        return CatchmentLevel.NATION, read_catchment(CatchmentLevel.NATION, "")
    parts = split_list(text)
    if not parts:
        raise CatchmentError(_("upptagningsområde saknas (ange kommuner, län eller “hela landet”)"))
    index = territory_index()
    counties = [p for p in parts if _names_a_county(index, p)]
    if counties and len(counties) == len(parts):
        return CatchmentLevel.COUNTIES, read_catchment(CatchmentLevel.COUNTIES, text)
    if counties:
        raise CatchmentError(
            _("blanda inte län och kommuner i samma upptagningsområde: %(text)s") % {"text": text}
        )
    return CatchmentLevel.MUNICIPALITIES, read_catchment(CatchmentLevel.MUNICIPALITIES, text)


def _names_a_county(index: TerritoryIndex, text: str) -> bool:
    folded = fold(text)
    if text.strip().isdigit():
        territory = index.by_code.get(
            text.strip().zfill(2) if len(text.strip()) < 3 else text.strip()
        )
        return territory is not None and territory.level == Level.LAN
    territory = index.by_name.get(folded)
    return (
        (territory is not None and territory.level == Level.LAN)
        or folded.endswith(" lan")
        or folded.startswith("region ")
    )


def catchment_text(level: str, territories) -> str:
    """The inverse of `read_catchment_text`, for exports and forms."""
    if level == CatchmentLevel.NATION:
        return "hela landet"
    return ", ".join(t.name for t in sorted(territories, key=lambda t: t.code))


def describe(level: str, territories, limit: int = 6) -> str:
    """For people: 'Hela landet', 'Hela Stockholms län', 'Botkyrka, Huddinge och 3 till'."""
    territories = sorted(territories, key=lambda t: t.code)
    if level == CatchmentLevel.NATION:
        return _("Hela landet")
    names = [t.name for t in territories]
    if level == CatchmentLevel.COUNTIES:
        names = [_("hela %(county)s") % {"county": n} for n in names]
    if len(names) > limit:
        shown = ", ".join(names[:limit])
        return _("%(names)s och %(count)s till") % {"names": shown, "count": len(names) - limit}
    text = ", ".join(names)
    return text[:1].upper() + text[1:]
