"""The OpenAPI description made exact, and the `api-info` resource.

django-ninja describes each parameter by its Python type; the API reads several leniently (a level may
be written `län`, a territory by name). Here the description is completed so that it promises exactly
what is answered: every closed vocabulary as an enum, every identifier and period with its pattern and
length, lists with their bounds, and every error status each operation gives, as RFC 9457 problem
details. A request the description calls valid is answered with 200, or with 404 when it names an
indicator, territory or page that does not exist (tests/fuzz/test_api_schemas.py holds us to it).

It also adds what the national REST API profile (Digg) asks of the description: contact, licence,
terms and service level (DOK.03, DOK.08), known limitations (DOK.09) and where the documentation is
(DOK.01)."""

from __future__ import annotations

import copy

from django.conf import settings

from lagesbild.core.problems import PROBLEM_SCHEMA, problem_response

NO_NUL = "^[^\\u0000]*$"
ITEM = "^[^\\u0000,]+$"
LIST_ITEMS = 20
LEVEL = {"type": "string", "enum": ["riket", "lan", "län", "kommun"]}
STATUS = ["karnindikator", "indikator", "utvecklingsindikator", "kärnindikator"]
INDICATOR_ID = {"type": "string", "minLength": 1, "maxLength": 80, "pattern": "^[A-Za-z0-9_-]+$"}
TERRITORY = {"type": "string", "minLength": 1, "maxLength": 40, "pattern": ITEM}
PATH_ID = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[^\\u0000/]+$"}


def listed(item: dict) -> dict:
    return {"type": "array", "items": item, "maxItems": LIST_ITEMS}


# (operation path, parameter) → its exact schema.
PARAMETERS = {
    ("/indicators", "status"): {"type": "string", "enum": STATUS},
    ("/indicators", "level"): LEVEL,
    ("/indicators", "q"): {"type": "string", "maxLength": 200, "pattern": NO_NUL},
    ("/indicators/{indicator_id}", "indicator_id"): PATH_ID,
    ("/territories", "level"): LEVEL,
    ("/territories", "parent"): TERRITORY,
    ("/territories/{code}", "code"): PATH_ID,
    ("/coverage", "territory"): TERRITORY,
    ("/observations", "indicator"): listed(INDICATOR_ID),
    ("/observations", "territory"): listed(TERRITORY),
    ("/observations", "level"): listed(LEVEL),
    ("/observations", "period"): {
        "type": "string",
        "pattern": "^(19|20)[0-9]{2}(-(19|20)[0-9]{2})?$",
        "description": "Ett år eller ett intervall av år, i valfri ordning. A year or a range of years.",
    },
    ("/observations", "sex"): {"type": "string", "enum": ["T", "K", "M"]},
    ("/observations", "breakdown"): listed(
        {"type": "string", "minLength": 1, "maxLength": 80, "pattern": ITEM}
    ),
    ("/observations", "cursor"): {
        "type": "string",
        "maxLength": 400,
        "pattern": "^[A-Za-z0-9_-]*$",
        "description": "Var sidan börjar; kommer från `next` (en markör som inte hör till någon sida ger 404).",
    },
}
# Every operation answers 400 for an unreadable address (a NUL character, an over-long query).
ERRORS = {
    "/": (400,),
    "/api-info": (400,),
    "/goals": (400,),
    "/indicators": (400, 422),
    "/indicators/{indicator_id}": (400, 404),
    "/territories": (400, 404),
    "/territories/{code}": (400, 404),
    "/coverage": (400, 404),
    "/observations": (400, 404, 422),
}


def completed(document: dict) -> dict:
    document = copy.deepcopy(document)
    document["info"] |= {
        "contact": {
            "name": settings.PUBLISHER_NAME,
            "url": settings.PUBLISHER_URI,
            "email": settings.CONTACT_EMAIL,
        },
        "license": {"name": settings.DATA_LICENSE_NAME, "url": settings.DATA_LICENSE},
        "termsOfService": settings.DATA_LICENSE,
        "x-sla": {
            "availability": "Ingen utfäst tillgänglighet; se installationens förvaltare. "
            "No availability is promised; ask the installation's publisher.",
            "responseTime": "Svar cachas per dataversion. Answers are cached per data version.",
            "support": settings.CONTACT_EMAIL,
        },
    }
    document["externalDocs"] = {
        "description": "Dokumentation med exempel / documentation with examples",
        "url": "/api/v1/docs",
    }
    document.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    document["components"]["schemas"].pop("Message", None)
    for path, operations in document.get("paths", {}).items():
        short = path.removeprefix("/api/v1") or "/"
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                exact = PARAMETERS.get((short, parameter["name"]))
                if exact:
                    described = parameter["schema"].get("description")
                    parameter["schema"] = {
                        **exact,
                        **({"description": described} if described else {}),
                    }
            responses = operation.setdefault("responses", {})
            for status in [s for s in responses if str(s) != "200"]:
                responses.pop(status)
            for status in ERRORS.get(short, (400,)):
                responses[str(status)] = problem_response(status)
    return document


def api_info(request, api) -> dict:
    """The `api-info` resource (REST API profile VER.06)."""
    return {
        "api_name": api.title,
        "api_version": api.version,
        "api_status": "active",
        "api_released": settings.API_RELEASED,
        "api_documentation": request.build_absolute_uri("/api/v1/docs"),
        "api_specification": request.build_absolute_uri("/api/v1/openapi.json"),
        "description": "Öppna data om uppföljningen av strategin mot mäns våld mot kvinnor. "
        "Open data following up Sweden's strategy against men's violence against women.",
        "publisher": {
            "name": settings.PUBLISHER_NAME,
            "uri": settings.PUBLISHER_URI,
            "email": settings.CONTACT_EMAIL,
        },
        "license": settings.DATA_LICENSE,
        "catalog": request.build_absolute_uri("/dcat/catalog.rdf"),
        "bulk_download": request.build_absolute_uri("/oppna-data/lagesbild-data.zip"),
    }
