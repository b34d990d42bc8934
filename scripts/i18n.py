"""Bring the shipped translations up to date with ui/: lupdate, fill in, lrelease.

    .venv/bin/python scripts/i18n.py

1. pyside6-lupdate over every ui/*.py into resources/translations/fieldcase_{en,zh_CN}.ts
   (strings that left the code are dropped).
2. en: a new string's translation is its source (numerus strings get both forms from it).
3. zh_CN: a new string's translation comes from resources/translations/zh_CN/*.tsv, lines of
   `context<TAB>source<TAB>translation` (a context of `*` matches any); each area of the UI
   keeps its own file, so people adding strings at the same time do not edit one file.
4. pyside6-lrelease both.

A string with no zh_CN translation yet is left out of both .ts files (and listed; exit 1), so
what is committed is always complete: someone else's work in progress never lands half-translated.
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


def _fill(ts: Path, translate: dict[tuple[str, str], str] | None, drop: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """Fill unfinished messages (from the source for en, from the TSV files for zh_CN), drop the
    ones in `drop` and the ones with no translation; the list of those dropped for that reason."""
    tree = ET.parse(ts)
    missing: list[tuple[str, str]] = []
    root = tree.getroot()
    for ctx in list(root.iter("context")):
        name = ctx.findtext("name") or ""
        for msg in list(ctx.iter("message")):
            tr = msg.find("translation")
            if tr is None or tr.get("type") != "unfinished":
                continue
            source = msg.findtext("source") or ""
            if translate is None:
                text: str | None = None if (name, source) in drop else source
            else:
                text = translate.get((name, source), translate.get(("*", source)))
            if text is None:
                if translate is not None:
                    missing.append((name, source))
                ctx.remove(msg)
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
    for ctx in list(root.iter("context")):
        if ctx.find("message") is None:
            root.remove(ctx)
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return missing


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    missing: list[tuple[str, str]] = []
    for language in ("zh_CN", "en"):  # zh_CN first: what it lacks is left out of en too
        ts = TRANSLATIONS / f"fieldcase_{language}.ts"
        subprocess.run(
            [str(TOOLS / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        if language == "zh_CN":
            missing = _fill(ts, _tsv_entries(), set())
        else:
            _fill(ts, None, set(missing))
        subprocess.run(
            [str(TOOLS / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )
    for context, source in missing:
        print(f"left out, no zh_CN translation yet: {context}\t{source}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
