"""Two languages: the shipped translations are complete and current, and switching takes effect at once."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from app.demo import make_demo
from app.paths import resources_dir
from ui import i18n
from ui.main_window import MainWindow
from ui.models.case_list import SubtypeNameRole
from ui.session import Session
from ui.theme import ui_font_family

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = resources_dir() / "translations"
TOOLS = Path(sys.executable).parent


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    out = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out.append((name, msg.findtext("source") or "", msg))
    return out


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_string_is_translated_with_its_placeholders(language: str) -> None:
    messages = _messages(TRANSLATIONS / f"fieldcase_{language}.ts")
    assert len(messages) > 100
    for context, source, msg in messages:
        tr = msg.find("translation")
        assert tr is not None and tr.get("type") not in ("unfinished", "obsolete", "vanished"), (context, source)
        texts = [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]
        for text in texts:
            assert text.strip(), (context, source)
            assert sorted(re.findall(r"%\d|%n", source)) == sorted(re.findall(r"%\d|%n", text)), (
                context,
                source,
                text,
            )


def test_chinese_is_chinese() -> None:
    messages = _messages(TRANSLATIONS / "fieldcase_zh_CN.ts")
    han = sum(1 for _, _, m in messages if re.search(r"[\u4e00-\u9fff]", m.findtext("translation") or ""))
    assert han >= 0.9 * len(messages)


@pytest.mark.skipif(not (TOOLS / "pyside6-lupdate").exists(), reason="needs pyside6-lupdate")
def test_translation_sources_cover_every_string_in_ui(tmp_path: Path) -> None:
    """The .ts files are current: lupdate over ui/ finds no string they lack."""
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), *sources, "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    wanted = {(c, s) for c, s, _ in _messages(fresh)}
    for language in i18n.LANGUAGES:
        have = {(c, s) for c, s, _ in _messages(TRANSLATIONS / f"fieldcase_{language}.ts")}
        assert sorted(wanted - have) == [], f"run pyside6-lupdate and translate ({language})"


@pytest.mark.skipif(not (TOOLS / "pyside6-lrelease").exists(), reason="needs pyside6-lrelease")
def test_compiled_catalogues_match_their_sources(tmp_path: Path) -> None:
    for language in i18n.LANGUAGES:
        ts = TRANSLATIONS / f"fieldcase_{language}.ts"
        shutil.copy(ts, tmp_path / ts.name)
        subprocess.run(
            [str(TOOLS / "pyside6-lrelease"), str(tmp_path / ts.name)], check=True, capture_output=True, timeout=60
        )
        built = (tmp_path / ts.name).with_suffix(".qm").read_bytes()
        assert built == (TRANSLATIONS / f"fieldcase_{language}.qm").read_bytes(), f"run pyside6-lrelease ({ts.name})"


def test_install_translator(qapp: QApplication) -> None:
    assert i18n.install_translator(qapp, "zh_CN")
    assert QCoreApplication.translate("CaseListPage", "New case") == "新建案件"
    assert i18n.current_language() == "zh_CN"
    assert i18n.install_translator(qapp, "en")
    assert QCoreApplication.translate("CaseListPage", "New case") == "New case"


def test_a_chinese_font_is_used(qapp: QApplication) -> None:
    family = ui_font_family()
    if family is None:
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk)")
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def test_switching_language_retranslates_the_window(main_window: MainWindow, session: Session, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_demo(session.tablet, 10, 0, seed=8)
    session.notify_changed("")
    page = main_window.list_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 10, timeout=10000)
    assert page.new_case.text() == "New case"
    assert page.chips["drafts"].text().startswith("Drafts")

    session.set_language("zh_CN")
    # Qt posts LanguageChange to every widget: it lands on the next turn of the event loop.
    qtbot.waitUntil(lambda: page.new_case.text() == "新建案件", timeout=3000)
    assert page.chips["drafts"].text().startswith("草稿")
    assert page.search.placeholderText() == "搜索编号、地址、描述"
    assert main_window.status.connectivity_label.text() == "服务器：—"
    assert main_window.windowTitle() == "Fieldcase 城管执法案件采集"
    names = {page.model.data(page.model.index(r), SubtypeNameRole) for r in range(10)}
    assert names and all(re.search(r"[\u4e00-\u9fff]", n) for n in names)

    session.set_language("en")
    qtbot.waitUntil(lambda: page.new_case.text() == "New case", timeout=3000)
    assert main_window.status.connectivity_label.text() == "Server: —"
    names = {page.model.data(page.model.index(r), SubtypeNameRole) for r in range(10)}
    assert all(not re.search(r"[\u4e00-\u9fff]", n) for n in names)
    session.tasks.wait()
    assert session.tablet.settings.get("language") == "en"


def test_default_language_is_chinese(tablet, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    assert tablet.settings.get("language") == "zh_CN"
