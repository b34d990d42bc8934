"""The interface's languages: installing Fieldcase's and Qt's own translators, switchable at run time.

Every visible string goes through Qt's translation system (`self.tr` in a class,
`QCoreApplication.translate("Context", …)` elsewhere). The sources are English;
`resources/translations/fieldcase_<lang>.ts` hold the translations and the compiled
`.qm` files are loaded here. Installing a translator sends every widget a
LanguageChange event; widgets answer it by calling their `retranslate_ui()`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app.paths import resources_dir

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
# Each language named in itself, so a user who cannot read the current one still finds theirs.
LANGUAGE_NAMES = {"zh_CN": "中文（简体）", "en": "English"}

_installed: list[QTranslator] = []
_current = ""


def translations_dir() -> str:
    return str(resources_dir() / "translations")


def current_language() -> str:
    return _current or DEFAULT_LANGUAGE


def install_translator(app: QCoreApplication, language: str) -> bool:
    """Switch the interface to `language` ("zh_CN" or "en"); True if Fieldcase's catalogue loaded."""
    global _current
    if language not in LANGUAGES:
        log.warning("unknown language %r; using %s", language, DEFAULT_LANGUAGE)
        language = DEFAULT_LANGUAGE
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    loaded = ours.load(f"fieldcase_{language}", translations_dir())
    if not loaded:
        log.warning("no translations for %s in %s", language, translations_dir())
    # Qt's own strings (standard buttons, file dialogs), where Qt ships them.
    qt = QTranslator(app)
    qt_loaded = language != "en" and qt.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    )
    for translator, ok in ((qt, qt_loaded), (ours, loaded)):
        if ok:
            app.installTranslator(translator)
            _installed.append(translator)
    _current = language
    return loaded


def translate(context: str, text: str, n: int = -1) -> str:
    return QCoreApplication.translate(context, text, None, n)
