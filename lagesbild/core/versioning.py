"""The content version and the one cache helper every cache uses.

Each content area (observations, catalogue, territories, directory, registers, reports) has a random
token in `ContentVersion`, renewed by `bump()` in the same transaction as any change to the area:
every model of an app that declares `content_area` on its AppConfig bumps on save and delete
(signals, connected in CoreConfig.ready), and the write paths that bypass signals (bulk inserts of
imports and shipped data) call `bump()` themselves. A cached value is keyed on the tokens of the
areas it was built from (`versioned_cache`, `versioned`), so a change gives new keys at once and a
stale answer cannot be served. Tokens are random, never counters, so a rolled-back change can never
make an old token mean new content.

Within a web request the tokens are read once (ContentVersionMiddleware) and again after a bump."""

from __future__ import annotations

import functools
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.utils import timezone

from .models import Area, ContentVersion

ALL_AREAS = tuple(Area.values)
# What the lab, the API and the downloads are made of.
PUBLIC_DATA = (Area.OBSERVATIONS, Area.CATALOGUE, Area.TERRITORIES)
DEFAULT_TIMEOUT = 24 * 3600  # keys change with the content; the timeout only frees memory
LOCAL_LIMIT = 2000

_memo = threading.local()
_local: OrderedDict = OrderedDict()
_local_lock = threading.Lock()
_MISSING = object()


# --- Tokens ------------------------------------------------------------------------------------


def bump(*areas: str) -> None:
    """Gives each area a new token; call inside the transaction that changes it."""
    now = timezone.now()
    for area in areas:
        ContentVersion.objects.update_or_create(
            area=area, defaults={"token": secrets.token_hex(8), "changed_at": now}
        )
    _memo.versions = None


def versions() -> dict[str, str]:
    """Every area's token; read once per request while the middleware is active."""
    found = getattr(_memo, "versions", None)
    if found is None:
        found = dict(ContentVersion.objects.values_list("area", "token"))
        if getattr(_memo, "in_request", False):
            _memo.versions = found
    return found


def version_of(*areas: str) -> str:
    tokens = versions()
    return "-".join(tokens.get(area, "0") for area in areas)


def data_version() -> str:
    """The version of the public data (observations, catalogue, territories)."""
    return version_of(*PUBLIC_DATA)


def last_changed(*areas: str):
    """When any of the areas last changed (for Last-Modified), or None if never."""
    stamps = ContentVersion.objects.filter(area__in=areas or ALL_AREAS).values_list(
        "changed_at", flat=True
    )
    return max(stamps, default=None)


class ContentVersionMiddleware:
    """Reads the tokens at most once per request (and again after a change in the same request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _memo.in_request, _memo.versions = True, None
        try:
            return self.get_response(request)
        finally:
            _memo.in_request, _memo.versions = False, None


# --- The cache ---------------------------------------------------------------------------------


def versioned_cache(
    name: str,
    areas: Iterable[str],
    key: object,
    compute: Callable[[], object],
    *,
    local: bool = False,
    timeout: int = DEFAULT_TIMEOUT,
):
    """The value cached for `key` under the current tokens of `areas`, computed once when missing.

    `local` keeps it in this process's memory (large or hot Python objects, never pickled); otherwise
    it goes to Django's cache (shared between servers when LAGESBILD_CACHE_URL names Redis)."""
    full = versioned_key(name, areas, key)
    return _local_get(full, compute) if local else _shared_get(full, compute, timeout)


def versioned_key(name: str, areas: Iterable[str], key: object) -> str:
    return f"lagesbild:{name}:{version_of(*areas)}:{key}"


def versioned_lookup(name: str, areas: Iterable[str], key: object):
    """What `versioned_store` kept for `key` under the current tokens, or None: for callers that
    decide only after computing whether a value is worth keeping."""
    return cache.get(versioned_key(name, areas, key))


def versioned_store(
    name: str, areas: Iterable[str], key: object, value, timeout: int = DEFAULT_TIMEOUT
) -> None:
    cache.set(versioned_key(name, areas, key), value, timeout)


def _shared_get(full: str, compute, timeout: int):
    value = cache.get(full, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full, value, timeout)
    return value


def _local_get(full: str, compute):
    with _local_lock:
        value = _local.get(full, _MISSING)
        if value is not _MISSING:
            _local.move_to_end(full)
            return value
    value = compute()
    with _local_lock:
        _local[full] = value
        while len(_local) > LOCAL_LIMIT:
            _local.popitem(last=False)
    return value


def clear_caches() -> None:
    """Empties every cache, as a newly started server has them (benchmarks measure cold answers)."""
    cache.clear()
    with _local_lock:
        _local.clear()


def versioned(name: str, areas: Iterable[str], *, local: bool = True):
    """Decorator: memoises a function of hashable arguments under the tokens of `areas`."""
    areas = tuple(areas)

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args):
            return versioned_cache(name, areas, repr(args), lambda: func(*args), local=local)

        return wrapper

    return decorate


def connect_content_signals(app_configs) -> None:
    """Every save or delete of a model in an app with `content_area` bumps that area."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for config in app_configs:
        default = getattr(config, "content_area", None)
        if not default:
            continue
        for model in config.get_models():
            if model.__name__.startswith("Historical"):
                continue  # the record that the change happened; the change itself has bumped
            handler = _bumper(getattr(config, "content_area_of", {}).get(model.__name__, default))
            post_save.connect(
                handler, sender=model, weak=False, dispatch_uid=f"content:{model._meta.label}:save"
            )
            post_delete.connect(
                handler,
                sender=model,
                weak=False,
                dispatch_uid=f"content:{model._meta.label}:delete",
            )
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    handler,
                    sender=field.remote_field.through,
                    weak=False,
                    dispatch_uid=f"content:{model._meta.label}:{field.name}",
                )


def _bumper(area: str):
    def handler(sender, **kwargs):
        if kwargs.get("raw"):
            return  # loaddata: the restore bumps everything once it is done
        if kwargs.get("action", "post_").startswith("post_"):
            bump(area)

    return handler
