"""The Lägesbild HSDS profile as machine-readable documents: the profile itself (extension properties
as a JSON Merge Patch over the compiled service schema, and the taxonomies) and this API's OpenAPI
description (the official one with our information filled in and the paths we serve).
docs/hsds-profile.md says the same for people."""

from __future__ import annotations

import copy

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
    return document
