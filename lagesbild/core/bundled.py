"""The registry through which each app loads the data it ships (territories, the catalogue, published
figures, the registers' real data) when `lagesbild init` runs.

Each app registers its loader in its AppConfig.ready(), so `init` (and the tests' reference data) load
everything without this layer naming any app above it. Loaders run in `order`, lowest first, and
return one line per change they made; running them again changes nothing and returns nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BundledData:
    name: str
    order: int
    load: Callable[[], list[str]]


_REGISTRY: dict[str, BundledData] = {}


def register(name: str, order: int, load: Callable[[], list[str]]) -> None:
    """Called from an AppConfig.ready(); registering the same name again replaces it."""
    _REGISTRY[name] = BundledData(name, order, load)


def registered() -> list[BundledData]:
    return sorted(_REGISTRY.values(), key=lambda item: (item.order, item.name))


def load_all() -> list[str]:
    messages: list[str] = []
    for item in registered():
        messages += item.load()
    return messages
