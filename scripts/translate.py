"""Fills English msgstr entries of an app's django.po from a YAML or JSON dictionary, then compiles.

Usage: .venv/bin/python scripts/translate.py lagesbild/<app> translations.json
Entries whose msgid is missing from the dictionary are listed, so nothing is left untranslated silently."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib


def main(app_dir: str, dictionary_file: str) -> int:
    po_path = Path(app_dir) / "locale" / "en" / "LC_MESSAGES" / "django.po"
    translations = json.loads(Path(dictionary_file).read_text(encoding="utf-8"))
    catalogue = polib.pofile(str(po_path))
    missing = []
    for entry in catalogue:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif not entry.msgstr:
            missing.append(entry.msgid)
    catalogue.save()
    catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
