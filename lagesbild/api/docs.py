"""The API documentation page, served entirely by the platform.

django-ninja's own page fetches Swagger UI from a CDN unless `ninja` is an installed app; ours renders
inside the site's frame (language switch, navigation), lists the endpoints with examples for readers
without JavaScript, and loads Swagger UI from the copy django-ninja ships as static files."""

from __future__ import annotations

import json

from django.shortcuts import render
from ninja.openapi.docs import DocsBase

SWAGGER_SETTINGS = {
    "layout": "BaseLayout",
    # Deep links put a link inside each operation's toggle button, which screen readers cannot use.
    "deepLinking": False,
    # Swagger UI would otherwise send the schema's address to validator.swagger.io.
    "validatorUrl": None,
    "defaultModelsExpandDepth": 0,
    # Its colour themes put low-contrast text on the dark code background.
    "syntaxHighlight": False,
}


class LocalDocs(DocsBase):
    template = "api/docs.html"

    def render_page(self, request, api, **kwargs):
        openapi_url = self.get_openapi_url(api, kwargs)
        context = {
            "api": api,
            "openapi_url": openapi_url,
            "swagger_settings": json.dumps({**SWAGGER_SETTINGS, "url": openapi_url}),
            "alternates": [{"format": "json", "url": openapi_url, "type": "application/json"}],
        }
        response = render(request, self.template, context)
        response["Link"] = (
            f'<{openapi_url}>; rel="service-desc"; type="application/vnd.oai.openapi+json"'
        )
        return response
