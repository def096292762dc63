"""Swedish first, English second: every string of the directory has its English translation."""

import gettext
import re
from pathlib import Path

import lagesbild.directory

CATALOGUE = Path(lagesbild.directory.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def test_every_message_has_an_english_translation():
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]
    untranslated = [
        e for e in entries if re.search(r'^msgstr(\[\d\])? ""$', e, flags=re.M) and '"\n"' not in e
    ]
    assert untranslated == []
    with (CATALOGUE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.gettext("Hitta stöd") == "Find support"
    assert compiled.gettext("Är du i akut fara? Ring") == "Are you in immediate danger? Call"
    assert len({key[0] if isinstance(key, tuple) else key for key in compiled._catalog}) - 1 == len(
        entries
    )


def test_an_english_visitor_reads_the_analysis_in_english(client):
    page = client.get("/en/hitta-stod/analys/01/").content.decode()
    assert (
        "Services by type of exposure and sector" in page
        and "Several principals in collaboration" in page
    )
    assert "Verksamheter per utsatthet" not in page
