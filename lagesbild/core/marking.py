"""How generated example data is marked, everywhere it appears.

The notice is defined here once. Files and machine-readable answers carry it in Swedish, as the
platform's marker ("Exempeldata – fiktiva värden"), so consumers can match it whatever the page
language; people read it in their own language through `example_notice()`. Pages show it through
the base template's banner (`has_example_data`) and the `example_badge` template tag."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as noop

EXAMPLE_NOTICE = noop("Exempeldata – fiktiva värden")
EXAMPLE_WORD = noop("Exempeldata")
EXAMPLE_EXPLANATION = noop("Sidan visar genererade värden som inte beskriver verkligheten.")
# The source of a batch of generated example data: stored in Swedish, shown in the reader's language.
EXAMPLE_SOURCE = noop("genererad med lagesbild example-data --seed %(seed)s")


def example_notice() -> str:
    """The notice in the active language, for people."""
    return gettext(EXAMPLE_NOTICE)


def marked(text: str, is_example: bool) -> str:
    """A text (a value, a source, a sentence) with the notice after it when it is example data."""
    return f"{text} ({example_notice()})" if is_example else text


def example_source(seed: int) -> str:
    """The stored source of generated example data (Swedish, like every stored source)."""
    return EXAMPLE_SOURCE % {"seed": seed}


def readable_source(source: str, is_example: bool, parameters: dict | None) -> str:
    """A batch's source for people: generated example data described in their language; a real
    source is a proper name (a publisher's title) and stays as published."""
    seed = (parameters or {}).get("seed")
    if is_example and seed is not None and source == example_source(seed):
        return gettext(EXAMPLE_SOURCE) % {"seed": seed}
    return source
