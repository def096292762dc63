"""The Lägesbild HSDS profile as machine-readable documents: the profile itself (extension properties
as a JSON Merge Patch over the compiled service schema, and the taxonomies) and this API's OpenAPI
description (the official one with our information filled in and the paths we serve).
docs/hsds-profile.md says the same for people."""

from __future__ import annotations

import copy

from lagesbild.core.problems import PROBLEM_SCHEMA, problem_response
from lagesbild.territories.models import Level, Territory

from ..models import CatchmentLevel, Taxonomy
from . import validation
from .documents import LINK_TYPE, VERSION

PROFILE_NAME = "lagesbild"
PROFILE_VERSION = "1.0"
SERVED_PATHS = (
    "/",
    "/services",
    "/services/{id}",
    "/organizations",
    "/organizations/{id}",
    "/taxonomies",
    "/taxonomies/{id}",
    "/taxonomy_terms",
    "/taxonomy_terms/{id}",
)

SERVICE_EXTENSIONS = {
    "catchment_level": {
        "type": "string",
        "enum": list(CatchmentLevel.values),
        "description": "Upptagningsområdets nivå: kommuner (service_areas är kommuner), lan (hela län) eller riket "
        "(hela landet). The level of the catchment area.",
    },
    "county_code": {
        "type": "string",
        "pattern": "^[0-9]{2}$",
        "description": "SCB-kod för länet som ansvarar för uppgifterna, 00 för nationella verksamheter. "
        "The county board responsible for the record (00: national).",
    },
    "location_confidential": {
        "type": "boolean",
        "description": "Sant när verksamheten har en skyddad adress (till exempel skyddat boende). Adressen och "
        "platsen lämnas då aldrig ut: service_at_locations saknas. True when the address is protected "
        "and therefore never published.",
    },
    "example_data": {
        "type": "boolean",
        "description": "Sant för genererade exempeldata (Exempeldata – fiktiva värden), som då också står i alert. "
        "True for generated example data.",
    },
}


def profile_document(base_url: str) -> dict:
    return {
        "name": PROFILE_NAME,
        "version": PROFILE_VERSION,
        "hsds_version": VERSION,
        "title": "Lägesbild – profil för stödverksamheter mot mäns våld mot kvinnor",
        "description": (
            "Utökar HSDS 3.0 med matrisens variabler från Länsstyrelsen Stockholm, Rapport 2019:6: utsatthet, "
            "målgrupp och sektor som attribut med egna taxonomier, upptagningsområdets nivå, skyddad adress och "
            "märkning av exempeldata. Extends HSDS 3.0 with the variables of the Swedish support-service matrix."
        ),
        "profile_uri": f"{base_url}/hsds/profile/",
        "documentation": "docs/hsds-profile.md i Lägesbilds källkod",
        "schema_patches": {
            "service.json": {"properties": SERVICE_EXTENSIONS},
            "service_list.json": {"properties": SERVICE_EXTENSIONS},
        },
        "attributes": {
            LINK_TYPE[taxonomy_id]: {
                "taxonomy": taxonomy_id,
                "taxonomy_uri": f"{base_url}/hsds/taxonomies/{uuid}",
            }
            for taxonomy_id, uuid in Taxonomy.objects.values_list("id", "uuid")
            if taxonomy_id in LINK_TYPE
        },
        "service_area_uri": "urn:se:scb:{kommun|lan|riket}:{SCB-kod}, till exempel urn:se:scb:kommun:0181",
        "schedules": "Tider är lokal svensk tid (Europe/Stockholm) utan UTC-förskjutning, eftersom den skiftar med "
        "sommartid. Dygnet runt anges som alla dagar 00:00–23:59. Times are Swedish local time.",
        "query_parameters": {
            "/services": {
                "municipality": "Fyrsiffrig kommunkod: verksamheter vars "
                "upptagningsområde omfattar kommunen."
            }
        },
    }


NO_NUL = "^[^\\u0000]*$"
# The parameters as this API reads them: the official description leaves types loose ("page" any
# integer, "modified_after" format "datetime"); these are exactly what is answered with 200.
PARAMETER_SCHEMAS = {
    "search": {"type": "string", "maxLength": 500, "pattern": NO_NUL},
    "page": {"type": "integer", "minimum": 1, "maximum": 1_000_000},
    "per_page": {"type": "integer", "minimum": 1, "maximum": 500},
    "minimal": {"type": "boolean"},
    "full": {"type": "boolean"},
    "full_service": {"type": "boolean"},
    "top_only": {"type": "boolean"},
    "taxonomy_term_id": {"type": "string", "format": "uuid"},
    "taxonomy_id": {"type": "string", "format": "uuid"},
    "organization_id": {"type": "string", "format": "uuid"},
    "parent_id": {"type": "string", "format": "uuid"},
    "modified_after": {
        "type": "string",
        "description": "ISO 8601: a date, or a date and time with an optional offset.",
        "pattern": "^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
        "(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](Z|[+-](0[0-9]|1[0-3]):[0-5][0-9])?)?$",
    },
}
NDJSON = "application/x-ndjson"


def exact_parameters(document: dict) -> None:
    """Parameters, formats and the error answers each operation gives, as problem details."""
    components = document.setdefault("components", {})
    for name, parameter in components.get("parameters", {}).items():
        if name in PARAMETER_SCHEMAS:
            parameter["schema"] = PARAMETER_SCHEMAS[name]
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    codes = sorted(Territory.objects.filter(level=Level.KOMMUN).values_list("code", flat=True))
    for path, item in document["paths"].items():
        operation = item["get"]
        listing = not path.endswith("}") and path != "/"
        for parameter in operation.get("parameters", []):
            if parameter.get("name") in PARAMETER_SCHEMAS:
                parameter["schema"] = PARAMETER_SCHEMAS[parameter["name"]]
            elif parameter.get("name") == "municipality":
                parameter["schema"] = {"type": "string", "enum": codes}
            elif parameter.get("$ref", "").endswith("/format"):
                operation["parameters"][operation["parameters"].index(parameter)] = {
                    "name": "format",
                    "in": "query",
                    "required": False,
                    "description": "json (a page) or, for services, ndjson (every one, streamed).",
                    "schema": {
                        "type": "string",
                        "enum": ["json", "ndjson"] if path == "/services" else ["json"],
                    },
                }
        if path == "/services":
            content = operation["responses"]["200"].setdefault("content", {})
            content[NDJSON] = {"schema": {"type": "string"}}
        statuses = (400,) if listing else (404,) if path != "/" else ()
        for status in statuses:
            operation["responses"][str(status)] = problem_response(status)
        if path.endswith("}"):
            for parameter in item.get("parameters", []):
                parameter.setdefault("description", "The record's id (a UUID).")
                parameter["schema"] = {
                    "type": "string",
                    "minLength": 1,
                    "pattern": "^[^\\u0000/]+$",
                }
            if any(
                p.get("name") == "full_service" or p.get("$ref", "").endswith("/full_service")
                for p in operation.get("parameters", [])
            ):
                operation["responses"]["400"] = problem_response(400)


def openapi_document(base_url: str) -> dict:
    document = copy.deepcopy(validation.official("openapi.json"))
    document["info"] = {
        "title": "Lägesbild HSDS API",
        "version": f"{VERSION}-{PROFILE_NAME}-{PROFILE_VERSION}",
        "summary": "Stödverksamheter mot mäns våld mot kvinnor i HSDS 3.0-format",
        "description": "Publicerade stödverksamheter från Lägesbild enligt Open Referral HSDS 3.0 och Lägesbild-profilen. "
        "Skyddade adresser lämnas aldrig ut. Genererade exempeldata är märkta example_data.",
        "contact": {"name": "Lägesbild", "url": f"{base_url}/hitta-stod/"},
        "license": {
            "name": "Villkor för öppna data anges av plattformens förvaltare",
            "url": f"{base_url}/hitta-stod/",
        },
    }
    document["servers"] = [{"url": f"{base_url}/hsds"}]
    document["paths"] = {
        path: spec for path, spec in document["paths"].items() if path in SERVED_PATHS
    }
    document["paths"]["/services"]["get"]["parameters"].append(
        {
            "name": "municipality",
            "in": "query",
            "required": False,
            "description": "Lägesbild-profilen: fyrsiffrig kommunkod; verksamheter vars upptagningsområde omfattar kommunen.",
            "schema": {"type": "string", "pattern": "^[0-9]{4}$"},
        }
    )
    exact_parameters(document)
    return document
