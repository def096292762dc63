"""Validation against the official HSDS 3.0 schemas (vendored in schema/3.0/).

The schemas refer to each other by URL (`openapi.json` points at the compiled schemas on GitHub), so
they are registered in a `referencing.Registry` under those URLs and nothing is fetched from the
network. Three schemas `openapi.json` names are not published as compiled files in the 3.0 branch:
`taxonomy.json` and `taxonomy_term.json` are taken from where the compiled service schema embeds them
(an attribute's `taxonomy_term` and its `taxonomy_detail`), and `organization_list.json` is the
compiled organization schema without its arrays, the same way `service_list.json` relates to
`service.json`."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

FOLDER = Path(__file__).resolve().parent / "schema" / "3.0"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI = "urn:lagesbild:hsds:3.0:openapi"
PATHS = (
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


@cache
def official(name: str) -> dict:
    return json.loads((FOLDER / name).read_text(encoding="utf-8"))


def one_to_one(schema: dict) -> dict:
    """The list form of a compiled schema: the same object without its array-valued properties."""
    properties = {k: v for k, v in schema["properties"].items() if v.get("type") != "array"}
    return {**schema, "properties": properties}


def taxonomy_term_schema() -> dict:
    return official("service.json")["properties"]["attributes"]["items"]["properties"][
        "taxonomy_term"
    ]


def taxonomy_schema() -> dict:
    return taxonomy_term_schema()["properties"]["taxonomy_detail"]


@cache
def registry() -> Registry:
    documents = {
        f"{BASE}compiled/service.json": official("service.json"),
        f"{BASE}compiled/service_list.json": official("service_list.json"),
        f"{BASE}compiled/organization.json": official("organization.json"),
        f"{BASE}compiled/organization_list.json": one_to_one(official("organization.json")),
        f"{BASE}taxonomy_term.json": taxonomy_term_schema(),
        f"{BASE}taxonomy.json": taxonomy_schema(),
        OPENAPI: official("openapi.json"),
    }
    return Registry().with_resources(
        (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
        for uri, contents in documents.items()
    )


@cache
def validator(uri: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": uri}, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def response_schema_uri(path: str) -> str:
    """The schema `openapi.json` gives for a 200 answer of one of the HSDS paths."""
    if path not in PATHS:
        raise KeyError(path)
    return OPENAPI + _pointer(
        "paths", path, "get", "responses", "200", "content", "application/json", "schema"
    )


def errors(document, uri: str) -> list:
    return sorted(validator(uri).iter_errors(document), key=lambda e: list(e.absolute_path))


def service_errors(document: dict) -> list:
    return errors(document, f"{BASE}compiled/service.json")


def response_errors(path: str, body) -> list:
    return errors(body, response_schema_uri(path))


def describe(error) -> tuple[str, str]:
    """(where, what) for a person: a JSON path like `service_areas[0].uri` and the schema's complaint."""
    where = "".join(
        f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path
    ).lstrip(".")
    return where or "(hela tjänsten)", error.message
