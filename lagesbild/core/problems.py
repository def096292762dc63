"""Errors of the JSON APIs (/api/v1/ and /hsds/) as RFC 9457 problem details, as the national REST
API profile asks (FEL.01, FEL.02).

Every error of the API answers `application/problem+json` with `type`, `title`, `status`, `detail` and
`instance`. `type` is `about:blank` (RFC 9457 §4.2.1: the problem is what the HTTP status says), so
`title` is the status's standard phrase; `detail` is the message the API has always given, naming the
parameter first ("period: …"), in the visitor's language; `instance` is the address asked for; and
`parameter`, an extension member, names the parameter when one is at fault."""

from __future__ import annotations

from http import HTTPStatus

import orjson
from django.http import HttpResponse

PROBLEM_TYPE = "application/problem+json"


def problem_document(request, status: int, detail: str, parameter: str | None = None) -> dict:
    document = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.get_full_path() if request is not None else "",
    }
    if parameter:
        document["parameter"] = parameter
    return document


def problem(
    request, status: int, detail: str, parameter: str | None = None, **headers
) -> HttpResponse:
    response = HttpResponse(
        orjson.dumps(problem_document(request, status, detail, parameter)),
        status=status,
        content_type=PROBLEM_TYPE,
    )
    response["Access-Control-Allow-Origin"] = "*"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


PROBLEM_SCHEMA = {
    "type": "object",
    "title": "Problem",
    "description": "RFC 9457 problem details. / Felbeskrivning enligt RFC 9457.",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {
            "type": "string",
            "description": "about:blank: the problem is what the HTTP status says.",
        },
        "title": {"type": "string", "description": "The HTTP status's phrase."},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {
            "type": "string",
            "description": "Vad som är fel, med parameterns namn först (t.ex. 'period: …'). What is wrong, "
            "naming the parameter first.",
        },
        "instance": {"type": "string", "description": "The address that was asked for."},
        "parameter": {"type": "string", "description": "The parameter at fault, if any."},
    },
}

ERROR_DESCRIPTIONS = {
    400: "Ogiltig parameter / a parameter cannot be read (detail names it)",
    404: "Finns inte / no such indicator, territory or page",
    405: "Metoden stöds inte / only GET and HEAD are answered",
    422: "Parametern har fel typ eller ligger utanför sitt intervall / a parameter has the wrong type or range",
}


def problem_response(status: int, reference: str = "#/components/schemas/Problem") -> dict:
    return {
        "description": ERROR_DESCRIPTIONS.get(status, HTTPStatus(status).phrase),
        "content": {PROBLEM_TYPE: {"schema": {"$ref": reference}}},
    }
