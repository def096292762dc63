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


def example_notice() -> str:
    """The notice in the active language, for people."""
    return gettext(EXAMPLE_NOTICE)


def marked(text: str, is_example: bool) -> str:
    """A text (a value, a source, a sentence) with the notice after it when it is example data."""
    return f"{text} ({example_notice()})" if is_example else text
