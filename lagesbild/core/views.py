"""The frame's own answers: the favicon and the page shown when the server fails."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

FAVICON = Path(__file__).parent / "static" / "core" / "favicon.ico"


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; answer with the site's icon."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


def server_error(request):
    """Django's handler500: the framed page in the visitor's language, rendered with a minimal
    context so that nothing that may have failed (database, session, user) is touched again."""
    path = getattr(request, "path_info", "") or ""
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        body = loader.get_template("500.html").render(
            {"SITE_NAME": "Lägesbild", "LANGUAGE_CODE": language, "minimal": True}
        )
    return HttpResponseServerError(body)
