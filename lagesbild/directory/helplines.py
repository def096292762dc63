"""The national numbers shown on every Hitta stöd page.

Every fact here was checked against a public page of the organisation that runs the line (or, where
noted, of the body that operates it) and the page is named next to the data: publisher, title,
address and the sentence that states the fact. A fact that could not be confirmed is left out (the
empty string) rather than guessed; docs/helplines.md lists what is missing and why. Check the pages
again before a release: numbers and opening hours change."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Source:
    publisher: str
    title: str
    url: str
    quote: str


@dataclass(frozen=True)
class Helpline:
    key: str
    name: str | Promise
    number: str  # as the organisation writes it
    purpose: str | Promise
    hours: str | Promise = ""  # "" when not confirmed
    languages: str | Promise = ""  # "" when not confirmed
    note: str | Promise = ""
    sources: tuple[Source, ...] = ()

    @property
    def tel(self) -> str:
        """The number for a tel: link: digits only (Swedish numbers dialled from Sweden)."""
        return "".join(ch for ch in self.number if ch.isdigit())


HELPLINES: tuple[Helpline, ...] = (
    Helpline(
        key="112",
        name=_("Nödnumret"),
        number="112",
        purpose=_("Vid akut fara för liv, egendom eller miljö."),
        # Opening hours and languages: not confirmed on SOS Alarm's own pages; left out.
        sources=(
            Source(
                "SOS Alarm",
                "112",
                "https://www.sosalarm.se/112",
                "Nödnumret 112 ska användas vid akuta nödsituationer då det är fara för liv, "
                "egendom eller miljö.",
            ),
        ),
    ),
    Helpline(
        key="11414",
        name=_("Polisen"),
        number="114 14",
        purpose=_("När det inte är akut, till exempel för att anmäla ett brott."),
        hours=_("Dygnet runt, alla dagar."),
        languages=_("Svenska och engelska."),
        sources=(
            Source(
                "Polismyndigheten",
                "Så förenklas kontakten med polisen",
                "https://polisen.se/om-polisen/uppdrag-och-mal/sa-forenklas-kontakten-med-polisen",
                "För icke akuta ärenden som inte är lika brådskande kan man ringa 114 14.",
            ),
            # Hours and languages as SOS Alarm, which works with the police on 112 and 114 14, states them.
            Source(
                "SOS Alarm",
                "114 14 – Polismyndighetens telefonnummer",
                "https://www.sosalarm.se/inblick/redaktionella-artiklar/"
                "114-14-polismyndighetens-telefonnummer/",
                "Det är öppet dygnet runt, alla årets dagar, och de som svarar pratar svenska "
                "och engelska.",
            ),
        ),
    ),
    Helpline(
        key="kvinnofridslinjen",
        name="Kvinnofridslinjen",
        number="020-50 50 50",
        purpose=_(
            "För kvinnor som utsatts för hot, våld eller sexuella övergrepp, och för närstående."
        ),
        hours=_("Dygnet runt."),
        languages=_("Tolk för de flesta språk som talas i Sverige."),
        note=_("Samtalet är gratis och syns inte på telefonräkningen."),
        sources=(
            Source(
                "Nationellt centrum för kvinnofrid (NCK), Uppsala universitet",
                "Kvinnofridslinjen ger stöd per telefon",
                "https://nck.uu.se/kvinnofridslinjen/kvinnofridslinjen-ger-stod-per-telefon/",
                "Kvinnofridslinjen är öppen dygnet runt, samtalet kostar ingenting och det syns "
                "inte på telefonräkningen. […] Personalen har tillgång till tolkservice för de "
                "flesta språk som talas i Sverige.",
            ),
            Source(
                "Nationellt centrum för kvinnofrid (NCK), Uppsala universitet",
                "Fortsatt många samtal till Kvinnofridslinjen (2023-02-07)",
                "https://www.nck.uu.se/nyhetsarkiv/nyhetsvisningssida/?tarContentId=1050738",
                "Kvinnofridslinjen 020-50 50 50 startade 2007 och ger stöd till kvinnor som är "
                "utsatta för fysiskt, psykiskt eller sexuellt våld.",
            ),
        ),
    ),
    Helpline(
        key="valj-att-sluta",
        name="Välj att sluta",
        number="020-555 666",
        purpose=_(
            "För dig som utövar våld i en nära relation eller är rädd att göra det. "
            "Du kan vara anonym."
        ),
        # Opening hours and languages: not confirmed on a current page of the line; left out.
        sources=(
            Source(
                "Nationellt centrum för kvinnofrid (NCK), Kunskapsbanken",
                "Telefonlinjen Välj att sluta blir nationell (2021-02-15)",
                "https://www.nck.uu.se/kunskapsbanken/om-kunskapsbanken/"
                "kunskapsbankens-nyhetsarkiv/nyhetsvisningssida/?tarContentId=928948",
                "Till Välj att sluta kan personer som utövar eller riskerar att utöva våld i en "
                "nära relation ringa anonymt för att få hjälp så att våldet kan upphöra. […] "
                "Välj att sluta har nummer 020–555 666.",
            ),
        ),
    ),
    Helpline(
        key="bris",
        name="Bris",
        number="116 111",
        purpose=_("För barn och unga. Du kan också chatta eller mejla på bris.se."),
        hours=_("Dygnet runt."),
        # Languages: not confirmed on Bris's pages; left out.
        sources=(
            Source(
                "Bris",
                "Bris har stärkt den nationella stödlinjen för barn med en sms-kanal",
                "https://www.bris.se/om-bris/aktuellt/"
                "bris-har-starkt-den-nationella-stodlinjen-for-barn-med-en-sms-kanal/",
                "Förra året hade Bris över 44 420 kurativa kontakter med barn i den nationella "
                "stödlinjen 116 111 (telefon, chatt och mejl) […] Bris jobbat aktivt för att "
                "stärka tillgängligheten genom att utöka till dygnet runt-öppet",
            ),
        ),
    ),
)
