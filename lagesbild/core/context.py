"""Template context shared by every page."""

from django.conf import settings
from django.utils.translation import get_language

from .language import as_query_value, in_language


def site(request):
    return {"SITE_NAME": "Lägesbild", "LANGUAGES": settings.LANGUAGES, **languages(request)}


def languages(request) -> dict:
    """The page's address in each language, for the language switch and the hreflang links."""
    path = request.get_full_path()
    current = get_language() or settings.LANGUAGE_CODE
    addresses = [
        {"code": code, "name": name, "url": in_language(path, code)}
        for code, name in settings.LANGUAGES
    ]
    return {
        "return_address": as_query_value(path),
        "language_addresses": addresses,
        "other_languages": [a for a in addresses if not current.startswith(a["code"])],
    }
