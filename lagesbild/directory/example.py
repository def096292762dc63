"""Generated example directory for all 21 counties: deterministic, and marked as example data on
every service and huvudman ("(exempel)" in every name, `is_example`, and "Exempeldata – fiktiva
värden" wherever it is shown or exported). Phone numbers start with 000 and web addresses use the
reserved example.org domain, so nothing can be mistaken for, or reach, a real service.

A few Stockholm services borrow names the seed report mentions (Mika-mottagningen, KAST, Stödcentrum
för unga, Origo) to make the example recognisable; their descriptions say that the details are
invented and do not describe the real services. Running the command again updates the same services
(their ids are derived from the seed), so it never duplicates them."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.territories.models import RIKET_CODE, Territory

from .editing import ServiceChanges, save_organization, save_service
from .hours import parse_week
from .models import (
    EXPOSURE,
    SECTOR,
    TARGET_GROUP,
    CatchmentLevel,
    Language,
    Organization,
    Service,
    ServiceStatus,
    TaxonomyTerm,
    derived_uuid,
)
from .vocabulary import sync_vocabularies

DESCRIPTION = (
    f"{EXAMPLE_NOTICE}. Genererad verksamhet som visar hur katalogen fungerar; den finns inte."
)
BORROWED = (
    f"{EXAMPLE_NOTICE}. Namnet är lånat från en verksamhet som nämns i Länsstyrelsen Stockholms Rapport "
    "2019:6, men alla uppgifter här är påhittade och beskriver inte den verkliga verksamheten."
)
OFFICE_HOURS = [
    "mån–fre 08:00–16:00",
    "mån–fre 09:00–16:00",
    "mån–tor 08:00–17:00; fre 08:00–15:00",
    "mån–fre 08:30–12:00, 13:00–16:30",
]
HELPLINE_HOURS = [
    "dygnet runt",
    "mån–fre 09:00–21:00; lör–sön 12:00–18:00",
    "alla dagar 10:00–22:00",
]
COMMON_LANGUAGES = ["en", "ar", "fa", "so", "ti", "pl", "bs", "tr", "fi", "es", "ru", "uk"]


@dataclass
class Plan:
    key: str
    name: str
    organization: tuple[str, str]  # (name, sector code)
    exposures: list[str]
    targets: list[str]
    catchment: tuple[str, list[str]]  # (level, territory codes)
    hours: str = ""
    languages: list[str] = field(default_factory=list)
    easy_to_read: bool = False
    confidential: bool = False
    description: str = DESCRIPTION
    notes: str = ""


def _short(county: Territory) -> str:
    return county.name.removesuffix(" län").removesuffix("s")


def plans_for_county(county: Territory, rng: random.Random) -> list[Plan]:
    short = _short(county)
    municipalities = list(Territory.objects.kommuner().filter(parent=county).order_by("code"))
    plans = []
    for kommun in municipalities:
        plans.append(
            Plan(
                f"{kommun.code}:vald",
                f"Relationsvåldsteamet i {kommun.name} (exempel)",
                (f"{kommun.name} kommun (exempel)", "kommun"),
                ["vald-i-nara-relation"] + (["hedersrelaterat-vald"] if rng.random() < 0.5 else []),
                ["kvinnor", "man"] + rng.sample(["flickor", "pojkar", "hbtqi"], rng.randint(0, 3)),
                (CatchmentLevel.MUNICIPALITIES, [kommun.code]),
                rng.choice(OFFICE_HOURS),
                ["sv"] + rng.sample(COMMON_LANGUAGES, rng.randint(0, 3)),
                rng.random() < 0.4,
            )
        )
        if rng.random() < 0.45:
            neighbours = [m.code for m in municipalities if m.code != kommun.code]
            shared = [kommun.code] + rng.sample(neighbours, min(len(neighbours), rng.randint(0, 2)))
            sector = "samverkan" if len(shared) > 1 else "kommun"
            plans.append(
                Plan(
                    f"{kommun.code}:utovare",
                    f"Mottagning för den som utövar våld, {kommun.name} (exempel)",
                    (f"{kommun.name} kommun (exempel)", sector),
                    ["utovar-vald-narstaende"],
                    ["man", "kvinnor"],
                    (CatchmentLevel.MUNICIPALITIES, sorted(shared)),
                    rng.choice(OFFICE_HOURS),
                    ["sv", "en"],
                )
            )
    whole = (CatchmentLevel.COUNTIES, [county.code])
    plans += [
        Plan(
            f"{county.code}:jour",
            f"Kvinnojouren Exempla {short} (exempel)",
            (f"Kvinnojouren Exempla {short} (exempel)", "civilsamhalle"),
            ["vald-i-nara-relation", "hedersrelaterat-vald", "sexualiserat-vald"],
            ["kvinnor", "flickor"],
            whole,
            rng.choice(HELPLINE_HOURS),
            ["sv", "en", "ar", "fa", "so"],
            True,
        ),
        Plan(
            f"{county.code}:boende",
            f"Skyddat boende Exempla {short} (exempel)",
            (f"Kvinnojouren Exempla {short} (exempel)", "civilsamhalle"),
            ["vald-i-nara-relation", "hedersrelaterat-vald"],
            ["kvinnor", "flickor", "pojkar"],
            whole,
            "dygnet runt",
            ["sv", "en"],
            False,
            True,
        ),
        Plan(
            f"{county.code}:tjej",
            f"Tjej- och transjouren Exempla {short} (exempel)",
            (f"Tjejjouren Exempla {short} (exempel)", "civilsamhalle"),
            ["vald-i-nara-relation", "sexualiserat-vald", "prostitution-manniskohandel"],
            ["flickor", "hbtqi"],
            whole,
            "mån–tor 18:00–21:00; sön 18:00–21:00",
            ["sv", "en"],
            True,
        ),
        Plan(
            f"{county.code}:akut",
            f"Akutmottagning efter sexuellt våld, Region {short} (exempel)",
            (f"Region {short} (exempel)", "region"),
            ["sexualiserat-vald"],
            ["kvinnor", "man", "flickor", "pojkar", "hbtqi"],
            whole,
            "dygnet runt",
            ["sv", "en", "swl"],
            False,
        ),
        Plan(
            f"{county.code}:prostitution",
            f"Regionkoordinatorn mot prostitution och människohandel, {short} (exempel)",
            (f"Länsstyrelsen i {short} och Region {short} i samverkan (exempel)", "samverkan"),
            ["prostitution-manniskohandel"],
            ["kvinnor", "man", "flickor", "pojkar"],
            whole,
            rng.choice(OFFICE_HOURS),
            ["sv", "en", "ro", "th"],
            False,
        ),
        Plan(
            f"{county.code}:heder",
            f"Kompetensteam mot hedersrelaterat våld, {short} (exempel)",
            (f"Kommunerna i {short} i samverkan (exempel)", "samverkan"),
            ["hedersrelaterat-vald"],
            ["kvinnor", "man", "flickor", "pojkar", "hbtqi"],
            whole,
            rng.choice(OFFICE_HOURS),
            ["sv", "ar", "ckb", "so"],
            True,
        ),
    ]
    if rng.random() < 0.3:
        plans.append(
            Plan(
                f"{county.code}:sexualbrott",
                f"Mottagning för den som är rädd att begå sexualbrott, {short} (exempel)",
                (f"Region {short} (exempel)", "region"),
                ["risk-sexualbrott"],
                ["man", "pojkar"],
                whole,
                rng.choice(OFFICE_HOURS),
                ["sv"],
            )
        )
    if county.code == "01":
        plans += stockholm_report_examples()
    return plans


def stockholm_report_examples() -> list[Plan]:
    """Named after services the seed report mentions; every detail is invented."""
    city = ("Stockholms stad (exempel)", "kommun")
    return [
        Plan(
            "01:mika",
            "Mika-mottagningen (exempel)",
            city,
            ["prostitution-manniskohandel"],
            ["kvinnor", "man", "hbtqi"],
            (CatchmentLevel.MUNICIPALITIES, ["0180"]),
            "mån–fre 09:00–16:00",
            ["sv", "en"],
            False,
            description=BORROWED,
        ),
        Plan(
            "01:kast",
            "KAST-mottagningen (exempel)",
            city,
            ["risk-sexualbrott"],
            ["man"],
            (CatchmentLevel.MUNICIPALITIES, ["0180"]),
            "mån–fre 09:00–16:00",
            ["sv", "en"],
            description=BORROWED,
        ),
        Plan(
            "01:stodcentrum",
            "Stödcentrum för unga (exempel)",
            ("Stockholms stad och Lidingö stad i samverkan (exempel)", "samverkan"),
            ["prostitution-manniskohandel", "sexualiserat-vald"],
            ["flickor", "pojkar", "hbtqi"],
            (CatchmentLevel.MUNICIPALITIES, ["0180", "0186"]),
            "mån–fre 10:00–17:00",
            ["sv", "en"],
            True,
            description=BORROWED,
        ),
        Plan(
            "01:origo",
            "Origo (exempel)",
            ("Origo i samverkan (exempel)", "samverkan"),
            ["hedersrelaterat-vald"],
            ["kvinnor", "man", "flickor", "pojkar", "hbtqi"],
            (CatchmentLevel.COUNTIES, ["01"]),
            "mån–fre 09:00–16:00",
            ["sv", "en", "ar", "fa", "ckb", "so"],
            True,
            description=BORROWED,
        ),
    ]


def national_plans() -> list[Plan]:
    nation = (CatchmentLevel.NATION, [RIKET_CODE])
    return [
        Plan(
            "00:stodlinje",
            "Nationella stödlinjen Exempla (exempel)",
            ("Exempelmyndigheten (exempel)", "statlig-myndighet"),
            [
                "vald-i-nara-relation",
                "hedersrelaterat-vald",
                "sexualiserat-vald",
                "prostitution-manniskohandel",
            ],
            ["kvinnor", "flickor", "hbtqi"],
            nation,
            "dygnet runt",
            ["sv", "en", "ar", "fa", "so", "ti", "pl", "ru", "es", "swl"],
            True,
        ),
        Plan(
            "00:utovare",
            "Stödlinjen för den som är rädd att skada någon (exempel)",
            ("Exempelmyndigheten (exempel)", "statlig-myndighet"),
            ["utovar-vald-narstaende"],
            ["man", "kvinnor"],
            nation,
            "mån–fre 09:00–19:00",
            ["sv", "en"],
            True,
        ),
        Plan(
            "00:chatt",
            "Chatten Exempla för unga (exempel)",
            ("Föreningen Exempla (exempel)", "civilsamhalle"),
            ["sexualiserat-vald", "vald-i-nara-relation"],
            ["flickor", "pojkar", "hbtqi"],
            nation,
            "alla dagar 14:00–22:00",
            ["sv", "en"],
            True,
        ),
    ]


class ExampleWriter:
    def __init__(self, seed: int):
        self.seed = seed
        self.terms = {(t.taxonomy_id, t.code): t for t in TaxonomyTerm.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        self.territories = {t.code: t for t in Territory.objects.all()}
        self.organizations: dict[tuple[str, str], Organization] = {}
        self.today = timezone.localdate()

    def organization(self, county: str, name: str) -> Organization:
        key = (county, name)
        if key not in self.organizations:
            found = Organization.objects.filter(
                pk=derived_uuid("example", self.seed, "organization", county, name)
            ).first()
            self.organizations[key] = found or save_organization(
                Organization(
                    id=derived_uuid("example", self.seed, "organization", county, name),
                    name=name,
                    county_id=county,
                    description=DESCRIPTION,
                    is_example=True,
                ),
                None,
                "exempeldata",
            )
        return self.organizations[key]

    def write(self, county: str, plan: Plan, rng: random.Random) -> bool:
        week = parse_week(plan.hours)
        status = rng.choices(
            [ServiceStatus.PUBLISHED, ServiceStatus.DRAFT, ServiceStatus.ARCHIVED], [93, 5, 2]
        )[0]
        verified = None if rng.random() < 0.1 else self.today - timedelta(days=rng.randint(0, 700))
        slug = plan.key.replace(":", "-")
        service_id = derived_uuid("example", self.seed, "service", plan.key)
        service = Service.objects.filter(pk=service_id).first() or Service(id=service_id)
        fields = {
            "county_id": county,
            "name": plan.name,
            "organization": self.organization(county, plan.organization[0]),
            "sector": self.terms[(SECTOR, plan.organization[1])],
            "catchment_level": plan.catchment[0],
            "always_open": week.always_open,
            "weekly_hours": week.as_json(),
            "opening_notes": plan.notes,
            "easy_to_read": plan.easy_to_read,
            "description": plan.description,
            "website": f"https://example.org/lagesbild/{slug}",
            "phone": f"000-{county} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            "email": f"{slug}@example.org",
            "location_confidential": plan.confidential,
            "street_address": f"Exempelgatan {rng.randint(1, 60)}",
            "postal_code": f"000 {rng.randint(10, 99)}",
            "city": self.territories[plan.catchment[1][0]].name
            if plan.catchment[0] == CatchmentLevel.MUNICIPALITIES
            else "Exempelstad",
            "status": status,
            "verified_at": verified,
            "is_example": True,
        }
        return save_service(
            service,
            ServiceChanges(
                fields=fields,
                relations={
                    "exposure_types": [self.terms[(EXPOSURE, code)] for code in plan.exposures],
                    "target_groups": [
                        self.terms[(TARGET_GROUP, code)] for code in dict.fromkeys(plan.targets)
                    ],
                    "catchment_areas": [self.territories[code] for code in plan.catchment[1]],
                    "languages": [self.languages[code] for code in dict.fromkeys(plan.languages)],
                },
                reason="exempeldata",
            ),
            None,
        )


def load_example_directory(
    seed: int = 1, counties: list[str] | None = None, national: bool = True
) -> dict:
    """Creates or refreshes the example directory; returns counts of services written and unchanged."""
    sync_vocabularies()
    writer = ExampleWriter(seed)
    chosen = Territory.objects.lan().order_by("code")
    if counties:
        chosen = chosen.filter(code__in=counties)
    counts = {"written": 0, "unchanged": 0}
    work = [
        (county.code, plans_for_county(county, random.Random(f"{seed}:{county.code}")))
        for county in chosen
    ]
    if national:
        work.append((RIKET_CODE, national_plans()))
    for county, plans in work:
        rng = random.Random(f"{seed}:{county}:details")
        for plan in plans:
            counts["written" if writer.write(county, plan, rng) else "unchanged"] += 1
    return counts
