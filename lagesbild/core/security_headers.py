"""A Content-Security-Policy on every response (ADR 11).

Everything a page needs comes from the platform itself and no page has an inline script or style,
so the policy allows only 'self' (and data: images, which Swagger UI's stylesheet uses). Only the
embeddable charts, which a view marks with Django's `xframe_options_exempt`, may be framed by other
sites; every other page refuses to be framed."""

from __future__ import annotations

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors {framing}"
)


def policy_for(response) -> str:
    framing = "*" if getattr(response, "xframe_options_exempt", False) else "'none'"
    return POLICY.format(framing=framing)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy_for(response))
        return response
