"""Goals, indicators, territories and coverage: the small, slowly changing parts of the API."""

from django.db.models import Count
from django.utils.translation import gettext as _
from ninja import Query, Router

from lagesbild.core.outputs import marked_document
from lagesbild.indicators import summaries
from lagesbild.indicators.coverage import coverage as goal_coverage
from lagesbild.indicators.coverage import declared_totals
from lagesbild.indicators.models import Goal, Indicator, Observation, RegionalGoal
from lagesbild.territories.models import Territory

from . import params, schemas
from .caching import answer, cached_answer
from .links import link
from .params import ApiError

router = Router()
ERRORS = {400: schemas.Message, 404: schemas.Message, 422: schemas.Message}


def has_example_data(observations) -> bool:
    """Asked through the import batches: the few example batches are found by the batch index."""
    return observations.filter(batch__is_example=True).exists()


@router.get(
    "/goals",
    response={200: schemas.GoalList, **ERRORS},
    url_name="goals",
    tags=["katalog"],
    summary="Målsättningarna",
    description="Strategins fyra målsättningar, med antalen källan anger.",
)
@cached_answer
def goals(request):
    counts = dict(Indicator.objects.values_list("goal_id").annotate(n=Count("id")))
    rows = [
        {
            "number": g.number,
            "name_sv": g.name_sv,
            "name_en": g.name_en,
            "description_sv": g.description_sv,
            "description_en": g.description_en,
            "declared_total": g.declared_total,
            "declared_regional": g.declared_regional,
            "declared_source": g.declared_source,
            "notes": g.notes,
            "indicators": counts.get(g.number, 0),
        }
        for g in Goal.objects.all()
    ]
    regional = [
        {**regional_goal_dict(g), "indicators": [i.id for i in g.indicators.all()]}
        for g in RegionalGoal.objects.prefetch_related("indicators")
    ]
    return answer({"count": len(rows), "goals": rows, "regional_goals": regional})


def regional_goal_dict(goal: RegionalGoal) -> dict:
    return {
        "county": goal.county_id,
        "number": goal.number,
        "name_sv": goal.name_sv,
        "name_en": goal.name_en,
        "strategy_sv": goal.strategy_sv,
        "strategy_en": goal.strategy_en,
        "references": goal.references,
    }


def indicator_dict(request, indicator: Indicator) -> dict:
    return {
        "id": indicator.id,
        "goal": indicator.goal_id,
        "name_sv": indicator.name_sv,
        "name_en": indicator.name_en,
        "description_sv": indicator.description_sv,
        "description_en": indicator.description_en,
        "area": indicator.area,
        "status": indicator.status,
        "status_note": indicator.status_note,
        "data_source": indicator.data_source,
        "agency": indicator.agency,
        "unit": indicator.unit,
        "decimals": indicator.decimals,
        "levels": list(indicator.levels or []),
        "by_sex": indicator.by_sex,
        "breakdown": indicator.dimension or None,
        "higher_is_better": indicator.higher_is_better,
        "scope": indicator.scope,
        "references": indicator.references,
        "notes": indicator.notes,
        "regional_goals": [
            regional_goal_dict(g)
            for g in sorted(indicator.regional_goals.all(), key=lambda g: (g.county_id, g.number))
        ],
        "links": {
            "self": link(request, "indicator", indicator_id=indicator.id),
            "observations": link(request, "observations", {"indicator": indicator.id}),
        },
    }


def matches_text(indicator: Indicator, words: list[str]) -> bool:
    haystack = " ".join(
        [
            indicator.id,
            indicator.name_sv,
            indicator.name_en,
            indicator.description_sv,
            indicator.description_en,
            indicator.area,
            indicator.data_source,
            indicator.agency,
        ]
    ).casefold()
    return all(word in haystack for word in words)


@router.get(
    "/indicators",
    response={200: schemas.IndicatorList, **ERRORS},
    url_name="indicators",
    tags=["katalog"],
    summary="Indikatorerna",
    description="Katalogens indikatorer, filtrerade på målsättning, status, nivå och fritext (`q`).",
)
@cached_answer
def indicators(
    request,
    goal: int | None = Query(None, ge=1, le=99, description="Målsättning 1–4."),
    status: str | None = Query(
        None, description="karnindikator, indikator eller utvecklingsindikator."
    ),
    level: str | None = Query(
        None, description="riket, lan eller kommun: indikatorer som kan läsas där."
    ),
    q: str | None = Query(
        None, description="Ord som ska finnas i id, namn, beskrivning, område eller källa."
    ),
):
    chosen_status = params.status(status)
    chosen_levels = params.levels(params.many("level", [level] if level else []))
    words = params.text("q", q).casefold().split()
    found = Indicator.objects.prefetch_related("regional_goals")
    if goal is not None:
        found = found.filter(goal_id=goal)
    if chosen_status:
        found = found.filter(status=chosen_status)
    rows = [
        indicator_dict(request, i)
        for i in found
        if all(i.readable_at(lvl) for lvl in chosen_levels) and matches_text(i, words)
    ]
    return answer({"count": len(rows), "indicators": rows})


@router.get(
    "/indicators/{indicator_id}",
    response={200: schemas.IndicatorDetail, **ERRORS},
    url_name="indicator",
    tags=["katalog"],
    summary="En indikator",
    description="Indikatorns beskrivning och en sammanfattning av dess data (antal, år, territorier).",
)
@cached_answer
def indicator(request, indicator_id: str):
    found = Indicator.objects.filter(pk=indicator_id).first()
    if found is None:
        raise ApiError(
            404,
            "indicator",
            _("okänd indikator %(id)r (se /api/v1/indicators)") % {"id": indicator_id},
        )
    summary = summaries.indicator_data(found.id)
    data = {**indicator_dict(request, found), "data": summary}
    return answer(marked_document(data, summary["example_data"]))


def territory_dict(territory: Territory) -> dict:
    return {
        "code": territory.code,
        "name": territory.name,
        "level": territory.level,
        "parent": territory.parent_id,
    }


@router.get(
    "/territories",
    response={200: schemas.TerritoryList, **ERRORS},
    url_name="territories",
    tags=["territorier"],
    summary="Territorierna",
    description="Riket, de 21 länen och de 290 kommunerna med SCB-koder; filtrera på nivå och överordnat territorium.",
)
@cached_answer
def territories(
    request,
    level: str | None = Query(None, description="riket, lan eller kommun."),
    parent: str | None = Query(None, description="Kod eller namn på ett län: dess kommuner."),
):
    found = Territory.objects.all()
    chosen_levels = params.levels(params.many("level", [level] if level else []))
    if chosen_levels:
        found = found.filter(level__in=chosen_levels)
    parent_code = params.territory_code("parent", parent)
    if parent_code:
        found = found.filter(parent_id=parent_code)
    rows = [territory_dict(t) for t in found]
    return answer({"count": len(rows), "territories": rows})


@router.get(
    "/territories/{code}",
    response={200: schemas.TerritoryDetail, **ERRORS},
    url_name="territory",
    tags=["territorier"],
    summary="Ett territorium",
)
@cached_answer
def territory(request, code: str):
    found = Territory.objects.filter(pk=code).first()
    if found is None:
        raise ApiError(
            404,
            "territory",
            _("okänt territorium %(code)r (se /api/v1/territories)") % {"code": code},
        )
    children = list(found.children.values_list("code", flat=True))
    return answer({**territory_dict(found), "children": children})


@router.get(
    "/coverage",
    response={200: schemas.Coverage, **ERRORS},
    url_name="coverage",
    tags=["katalog"],
    summary="Täckning per målsättning",
    description="Som Rapport 2019:6 räknar: indikatorer per målsättning och status, läsbara och med data per nivå.",
)
@cached_answer
def coverage(
    request,
    territory: str | None = Query(None, description="Räkna bara data för detta territorium."),
):
    code = params.territory_code("territory", territory)
    rows = goal_coverage(code)
    regional, total = declared_totals(rows)
    data = {
        "territory": code,
        "declared": {"regional": regional, "total": total},
        "goals": [row.as_dict() for row in rows],
    }
    example = (
        has_example_data(Observation.objects.filter(territory_id=code))
        if code
        else summaries.has_example_data()
    )
    return answer(marked_document(data, example))
