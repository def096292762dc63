"""Template context shared by every page."""

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language

from .language import in_language


def site(request):
    return {"SITE_NAME": "Lägesbild", "LANGUAGES": settings.LANGUAGES, **languages(request)}


def _is_page(path: str, language: str) -> bool:
    """Whether the address exists: the API and the admin are outside the language prefixes, so
    their pages have no /en/ address to switch to (they follow Accept-Language instead)."""
    with translation.override(language):
        try:
            resolve(path)
        except Resolver404:
            return False
    return True


def languages(request) -> dict:
    """The page's address in each language, for the language switch and the hreflang links."""
    path = request.get_full_path()
    current = get_language() or settings.LANGUAGE_CODE
    addresses = [
        {"code": code, "name": name, "url": in_language(path, code)}
        for code, name in settings.LANGUAGES
        if _is_page(in_language(request.path, code), code)
    ]
    return {
        "language_addresses": addresses,
        "other_languages": [a for a in addresses if not current.startswith(a["code"])],
    }
