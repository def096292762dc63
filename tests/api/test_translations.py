"""An English-speaking developer gets the API's messages and its documentation page in English."""

from pathlib import Path

import lagesbild.api

PO_FILE = Path(lagesbild.api.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def entries(text: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a .po file, continuation lines joined."""
    pairs, current, field = [], {}, None
    for line in text.splitlines() + [""]:
        if line.startswith(("msgid ", "msgstr ")):
            field, _, rest = line.partition(" ")
            current[field] = rest[1:-1]
        elif line.startswith('"') and field:
            current[field] += line[1:-1]
        elif not line.strip() and current:
            pairs.append((current.get("msgid", ""), current.get("msgstr", "")))
            current, field = {}, None
    return pairs


def test_every_message_has_an_english_translation():
    pairs = entries(PO_FILE.read_text(encoding="utf-8"))
    assert len(pairs) > 30
    assert [msgid for msgid, msgstr in pairs if msgid and not msgstr] == []


def test_a_wrong_type_is_explained_in_english(anonymous_visitor):
    response = anonymous_visitor.get("/api/v1/observations?limit=many", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "limit: give a whole number"
