"""A version of the published data, for caching rendered pages, charts and API answers.

Every change to observations goes through an ImportBatch, and the catalogue is synced by
`sync_catalogue`; the version is built from the newest batch and a fingerprint of the catalogue
rows, so a cache keyed on it can never serve figures older than the database."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db.models import Max

CACHE_SECONDS = 5


def data_version() -> str:
    """Cheap enough to call per request: one small query at most every few seconds per process."""
    version = cache.get("lagesbild:data-version")
    if version is None:
        from lagesbild.indicators.models import ImportBatch, Indicator

        newest = ImportBatch.objects.aggregate(newest=Max("id"))["newest"] or 0
        catalogue = Indicator.objects.order_by("id").values_list(
            "id", "status", "levels", "unit", "decimals"
        )
        fingerprint = hashlib.sha1(repr(list(catalogue)).encode()).hexdigest()[:10]
        version = f"{newest}-{fingerprint}"
        cache.set("lagesbild:data-version", version, CACHE_SECONDS)
    return version


def forget_data_version() -> None:
    """Called after writes in this process so its own next request sees them at once."""
    cache.delete("lagesbild:data-version")
