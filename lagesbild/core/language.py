"""The language is part of the address: Swedish unprefixed, English under /en/ (ADR 10).

A page's address alone decides its language, so an anonymous page is the same for everyone who asks
for that address and a proxy may keep it. Only the open API, which has no pages, still follows the
client's Accept-Language (or the old language cookie); its documentation page also takes `?lang=en`.

An old link that relied on the language cookie keeps working: an unprefixed page asked for with the
cookie set to English is redirected once to its /en/ address and the cookie is removed, after which
the address alone decides."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers

# Addresses outside i18n_patterns whose answers follow the client's language preferences.
NEGOTIATED_PREFIXES = ("/api/", "/admin/", "/i18n/")
# Stand-ins for the visitor's address in a page rendered once for the cache (lagesbild.lab): the
# whole address, and the address without its language prefix.
PATH_MARK = "/lagesbild-return-path-placeholder"
UNPREFIXED_MARK = "/lagesbild-unprefixed-path-placeholder"
ENCODED_MARK = "/lagesbild-encoded-path-placeholder"  # the whole address as one query value


def is_negotiated(path: str) -> bool:
    return path.startswith(NEGOTIATED_PREFIXES)


def language_of_path(path: str) -> str | None:
    return translation.get_language_from_path(path)


def unprefixed(path: str) -> str:
    """The address without its language prefix: '/en/indikatorer/' → '/indikatorer/'."""
    if path == PATH_MARK:
        return UNPREFIXED_MARK
    language = language_of_path(path)
    if language is None:
        return path
    rest = path[len(language) + 1 :]
    return rest if rest.startswith("/") else "/" + rest


def as_query_value(path: str) -> str:
    """The address as the value of a query parameter (login's `next`), its own & and ? encoded."""
    if path == PATH_MARK:
        return ENCODED_MARK
    return quote(path, safe="/")


def in_language(path: str, language: str) -> str:
    """The same address in another language. An address without language in it (the API's
    documentation) takes the language as `?lang=`."""
    if is_negotiated(path):
        return _with_lang_parameter(path, language)
    base = unprefixed(path)
    if language == settings.LANGUAGE_CODE:
        return base
    return f"/{language}{base}"


def _supported() -> set[str]:
    return {code for code, _ in settings.LANGUAGES}


def _with_lang_parameter(path: str, language: str) -> str:
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
    query.append(("lang", language))
    return urlunsplit(("", "", parts.path, urlencode(query), ""))


def _asked_language(request) -> str | None:
    """`?lang=en` on an address without language in it."""
    asked = request.GET.get("lang")
    return asked if asked in _supported() else None


def _cookie_language(request) -> str | None:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in _supported() and chosen != settings.LANGUAGE_CODE:
        return chosen
    return None


class LanguageInAddressMiddleware:
    """Activates the address's language before the URL is resolved (i18n_patterns needs it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        negotiated = is_negotiated(path)
        language = language_of_path(path)
        if language is None and negotiated:
            language = _asked_language(request) or translation.get_language_from_request(
                request, check_path=False
            )
        elif language is None:
            remembered = _cookie_language(request)
            if remembered and request.method in ("GET", "HEAD"):
                return self._redirect(request, remembered)
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        if negotiated:
            patch_vary_headers(response, ("Accept-Language",))
        return response

    @staticmethod
    def _redirect(request, language: str):
        response = HttpResponseRedirect(in_language(request.get_full_path(), language))
        response.delete_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
        )
        return response
