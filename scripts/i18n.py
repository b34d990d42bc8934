"""Bring the shipped translations up to date with ui/: lupdate, fill in, lrelease.

    .venv/bin/python scripts/i18n.py

1. pyside6-lupdate over every ui/*.py into resources/translations/fieldcase_{en,zh_CN}.ts
   (strings that left the code are dropped).
2. en: a new string's translation is its source (numerus strings get both forms from it).
3. zh_CN: a new string's translation comes from resources/translations/zh_CN/*.tsv, lines of
   `context<TAB>source<TAB>translation` (a context of `*` matches any); each area of the UI
   keeps its own file, so people adding strings at the same time do not edit one file.
4. pyside6-lrelease both.

Exits 1, listing them, if any zh_CN string is still untranslated (the .ts is written anyway,
so the list is also visible there as type="unfinished").
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
TOOLS = Path(sys.executable).parent


def _tsv_entries() -> dict[tuple[str, str], str]:
    entries: dict[tuple[str, str], str] = {}
    for path in sorted((TRANSLATIONS / "zh_CN").glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise SystemExit(f"{path}:{number}: expected context<TAB>source<TAB>translation")
            context, source, text = parts
            entries[(context, source.replace("\\n", "\n"))] = text.replace("\\n", "\n")
    return entries


def _fill(ts: Path, translate: dict[tuple[str, str], str] | None) -> list[tuple[str, str]]:
    """Fill unfinished messages (from the source for en, from the TSV files for zh_CN); what is left."""
    tree = ET.parse(ts)
    missing: list[tuple[str, str]] = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") != "unfinished":
                continue
            source = msg.findtext("source") or ""
            if translate is None:
                text: str | None = source
            else:
                text = translate.get((name, source), translate.get(("*", source)))
            if text is None:
                missing.append((name, source))
                continue
            del tr.attrib["type"]
            if msg.get("numerus") == "yes":
                for child in list(tr):
                    tr.remove(child)
                tr.text = None
                forms = 2 if translate is None else 1
                for _ in range(forms):
                    ET.SubElement(tr, "numerusform").text = text
            else:
                tr.text = text
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return missing


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    missing: list[tuple[str, str]] = []
    for language in ("en", "zh_CN"):
        ts = TRANSLATIONS / f"fieldcase_{language}.ts"
        subprocess.run(
            [str(TOOLS / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        left = _fill(ts, None if language == "en" else _tsv_entries())
        missing += left
        subprocess.run(
            [str(TOOLS / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )
    for context, source in missing:
        print(f"untranslated (zh_CN): {context}\t{source}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
