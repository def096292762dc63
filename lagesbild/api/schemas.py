"""The shapes of the API's answers, for the OpenAPI document.

Views build their JSON directly (and cache it), so these classes describe the answers rather than
validate them; tests check that the answers and these descriptions agree."""

from __future__ import annotations

from ninja import Field, Schema


class Message(Schema):
    detail: str = Field(
        description="Vad som är fel, med namnet på parametern först (t.ex. 'period: …')."
    )


class Links(Schema):
    self: str
    observations: str


class Goal(Schema):
    number: int
    name_sv: str
    name_en: str
    description_sv: str
    description_en: str
    declared_total: int | None = Field(
        description="Antal indikatorer enligt källan (Rapport 2019:6)."
    )
    declared_regional: int | None = Field(
        description="Antal läsbara på regional nivå enligt källan."
    )
    declared_source: str
    notes: str = Field(description="Vad som inte har hittats, till exempel avskurna källistor.")
    indicators: int = Field(description="Antal indikatorer i katalogen.")


class RegionalGoal(Schema):
    county: str = Field(description="Länets kod.")
    number: int
    name_sv: str
    name_en: str
    strategy_sv: str = Field(description="Den regionala strategins namn.")
    strategy_en: str
    references: list[str] = Field(description="Adresser där målet är publicerat.")


class RegionalGoalWithIndicators(RegionalGoal):
    indicators: list[str] = Field(description="Indikatorerna som följer upp målet.")


class GoalList(Schema):
    count: int
    goals: list[Goal]
    regional_goals: list[RegionalGoalWithIndicators] = Field(
        description="Målen i länens egna strategier, bredvid de fyra nationella."
    )


class Indicator(Schema):
    id: str
    goal: int
    name_sv: str
    name_en: str
    description_sv: str
    description_en: str
    area: str
    status: str = Field(description="karnindikator, indikator eller utvecklingsindikator.")
    status_note: str
    data_source: str
    agency: str
    unit: str = Field(description="procent, antal, per_1000, per_10000 eller per_100000.")
    decimals: int
    levels: list[str] = Field(description="Nivåer där indikatorn kan läsas: riket, lan, kommun.")
    by_sex: bool
    breakdown: dict | None = Field(
        description="Extra dimension (t.ex. brottstyp) med dess kategorier, om någon."
    )
    higher_is_better: bool | None
    scope: str = Field(
        description="nationell (nationellt rekommenderad) eller regional (ett läns tillägg)."
    )
    references: list[str] = Field(description="Adresser där indikatorns definition är publicerad.")
    notes: str = Field(description="Kommentar, till exempel var en källa är ofullständig.")
    regional_goals: list[RegionalGoal] = Field(
        description="Mål i länens egna strategier som indikatorn följer upp."
    )
    links: Links


class IndicatorList(Schema):
    count: int
    indicators: list[Indicator]


class DataSummary(Schema):
    count: int
    first_year: int | None
    last_year: int | None
    territories: int
    example_data: bool


class IndicatorDetail(Indicator):
    data: DataSummary
    notice: str | None = Field(
        None, description="'Exempeldata – fiktiva värden' när indikatorn har exempeldata."
    )


class Observation(Schema):
    indicator: str
    indicator_name: str
    territory: str
    territory_name: str
    level: str
    period_start: int
    period_end: int
    sex: str = Field(description="T (totalt), K (kvinnor) eller M (män).")
    breakdown: str
    value: float | None
    lower: float | None = Field(
        description="Nedre gräns när värdet är publicerat som ett intervall."
    )
    upper: float | None
    unit: str
    status: str = Field(description="ok, missing, suppressed eller preliminary.")
    note: str
    source: str = Field(
        description="Källan; för exempeldata inleds den med 'Exempeldata – fiktiva värden'."
    )
    example_data: bool = Field(
        description="Sant för genererade exempelvärden, som inte beskriver verkligheten."
    )


class ObservationPage(Schema):
    count: int = Field(description="Antal observationer i hela urvalet (alla sidor).")
    limit: int
    next: str | None = Field(description="Adressen till nästa sida, eller null på sista sidan.")
    csv: str = Field(description="Hela urvalet som CSV.")
    notice: str | None = Field(
        None, description="'Exempeldata – fiktiva värden' när sidan innehåller exempeldata."
    )
    observations: list[Observation]


class Territory(Schema):
    code: str = Field(description="SCB-kod: 00 riket, 01–25 län, fyrsiffrig kommunkod.")
    name: str
    level: str
    parent: str | None


class TerritoryDetail(Territory):
    children: list[str]


class TerritoryList(Schema):
    count: int
    territories: list[Territory]


class GoalCoverage(Schema):
    goal: int
    name_sv: str
    name_en: str
    declared_total: int | None
    declared_regional: int | None
    in_catalogue: int
    by_status: dict[str, int]
    readable: dict[str, int] = Field(description="Användbara indikatorer som kan läsas på nivån.")
    with_data: dict[str, int] = Field(
        description="Användbara indikatorer med minst ett värde på nivån."
    )
    difference: dict = Field(
        description="Indikatorerna bakom skillnaden mot källans antal: nationellt rekommenderade "
        "i katalogen (national), antal som inte hittats (not_found), läsbara regionalt (regional), "
        "användbara men inte regionalt läsbara (usable_not_regional), regionala tillägg och "
        "sammanställningar som inte räknas."
    )


class Declared(Schema):
    regional: int
    total: int


class Coverage(Schema):
    territory: str | None
    declared: Declared
    goals: list[GoalCoverage]
    notice: str | None = Field(
        None, description="'Exempeldata – fiktiva värden' när exempeldata räknas in."
    )


class Index(Schema):
    title: str
    version: str
    docs: str
    openapi: str
    api_info: str
    endpoints: dict[str, str]


class Publisher(Schema):
    name: str
    uri: str
    email: str


class ApiInfo(Schema):
    api_name: str
    api_version: str
    api_status: str = Field(description="active: i drift / in service.")
    api_released: str = Field(description="Datum då versionen släpptes (RFC 3339).")
    api_documentation: str
    api_specification: str
    description: str
    publisher: Publisher
    license: str = Field(description="Licensens adress / the licence's IRI.")
    catalog: str = Field(description="DCAT-AP-SE-katalogen / the DCAT-AP-SE catalogue.")
    bulk_download: str = Field(description="Alla öppna data som zip / all open data as a zip.")
