"""Setting a tablet up in the app: from the settings dialog, scan IT's QR code with the camera (JPEG bytes
through the capture seam) or choose the provisioning file, see what it says, apply it, and hear the outcome:
enrolled with the real server on 127.0.0.1, saved and waiting when the server cannot be reached, refused
(a used code, a picture without a QR code) with nothing changed.

The dialog's states are grabbed in Chinese; with FIELDCASE_SCREENSHOTS=docs/screenshots they are saved
there as provision-*.png.
"""

# ruff: noqa: F811  (the fixtures imported below are redefined as test arguments)
from __future__ import annotations

import io
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PIL import Image, ImageFilter
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from app import provision
from app.services import Tablet
from app.settings import Settings
from tests.packaging.conftest import TlsServer, server_cli, tls_server  # noqa: F401  (fixtures, by import)
from tests.server.conftest import LiveServer, _stop, databases, start_server, test_config  # noqa: F401
from ui import i18n
from ui.camera import CameraDialog, StaticCaptureSource
from ui.provision_dialog import ProvisionDialog, grouped_fingerprint
from ui.session import Session
from ui.settings_dialog import SettingsDialog
from ui.theme import apply_theme, touch_px

SHOTS = os.environ.get("FIELDCASE_SCREENSHOTS")


@pytest.fixture(scope="module")
def server(databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One real server (SQLite) for the module; each test provisions its own one-time code."""
    live = start_server(test_config(tmp_path_factory.mktemp("server"), databases.new("sqlite")), "sqlite")
    yield live
    _stop(live)


def _provision(  # type: ignore[no-untyped-def]
    server_cli, live: LiveServer | TlsServer, folder: Path, capsys, *, url: str = "", language: str = "zh_CN"
):
    """`fieldcase-server device provision`: the file and its QR code's PNG."""
    out, qr = folder / "tablet.json", folder / "tablet.png"
    code, _, err = server_cli(live, "--json", "device", "provision", "--district", "d1", "--out", str(out),
                              "--qr", str(qr), "--url", url or live.url, "--language", language,
                              capsys=capsys)  # fmt: skip
    assert code == 0, err
    return out, qr


def _photo_of(png: Path | None) -> bytes:
    """A camera's JPEG of the printed QR code: scaled, on a grey desk, a little turned and soft; or of the
    grey desk alone."""
    desk = Image.new("L", (1600, 1200), 118)
    if png is not None:
        code = Image.open(png).convert("L")
        code = code.resize((720, 720), Image.Resampling.NEAREST)
        desk.paste(code, (430, 230))
    shot = desk.rotate(5, resample=Image.Resampling.BICUBIC, fillcolor=118).filter(ImageFilter.GaussianBlur(1.0))
    buffer = io.BytesIO()
    shot.convert("RGB").save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _click(qtbot, button: QPushButton) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _shot(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    picture = widget.grab()
    assert not picture.isNull()
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        assert picture.save(str(Path(SHOTS) / f"provision-{name}.png"))


def _open(qtbot, session: Session, qapp: QApplication, camera: StaticCaptureSource | None = None, shot: str = ""):  # type: ignore[no-untyped-def]
    """The settings dialog of a tablet not enrolled yet, and its "Set up from a QR code…" dialog."""
    i18n.install_translator(qapp, session.language)
    apply_theme(qapp, session.theme)
    settings = SettingsDialog(session, capture_source=camera or StaticCaptureSource())
    qtbot.addWidget(settings)
    settings.set_account(None, "")
    settings.show()
    qtbot.waitExposed(settings)
    assert settings.server.isVisible() and settings.provision_button.isVisible()
    if shot:
        _shot(settings, shot)
    _click(qtbot, settings.provision_button)
    dialog = settings.provision_dialog
    assert isinstance(dialog, ProvisionDialog)
    qtbot.waitExposed(dialog)
    assert dialog.state == "choose"
    touch = touch_px(dialog)
    for button in (dialog.camera_button, dialog.file_button, dialog.cancel_button, settings.provision_button):
        assert button.height() >= touch and button.width() >= touch, button.objectName()
    return settings, dialog


def _choose_file(qtbot, dialog: ProvisionDialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    _click(qtbot, dialog.file_button)
    chooser = dialog.on_file_clicked()
    chooser.selectFile(str(path))
    chooser.accept()
    qtbot.waitUntil(lambda: dialog.state not in ("choose", "reading"), timeout=10000)


def _take_photo(qtbot, dialog: ProvisionDialog) -> None:  # type: ignore[no-untyped-def]
    _click(qtbot, dialog.camera_button)
    camera = dialog.findChild(CameraDialog, "provisionCameraDialog")
    assert camera is not None
    qtbot.waitUntil(camera.isVisible)
    _click(qtbot, camera.shutter)
    qtbot.waitUntil(lambda: dialog.state not in ("choose", "reading"), timeout=10000)
    assert not shiboken6.isValid(camera) or not camera.isVisible()  # closed (and deleted) after the shot


def _apply(qtbot, dialog: ProvisionDialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.state == "review"
    _click(qtbot, dialog.apply_button)
    qtbot.waitUntil(lambda: dialog.state in ("enrolled", "pending", "refused"), timeout=20000)


def _untouched(session: Session, language: str = "en") -> None:
    tablet = session.tablet
    session.tasks.wait()
    for key in ("server_url", "device_token", provision.META_CODE, provision.META_PIN, provision.META_DISTRICT):
        assert tablet.repo.meta(key) is None, key
    settings = Settings(tablet.paths.settings)
    assert settings.get("server_url") == "" and settings.get("language") == language
    assert not (tablet.paths.root / "server-certificate.pem").exists()
    assert i18n.current_language() == language


def test_from_a_file_the_tablet_enrolls_and_takes_the_files_language(
    qtbot,
    qapp: QApplication,
    session: Session,
    server: LiveServer,
    server_cli,
    tmp_path: Path,
    capsys,
) -> None:  # type: ignore[no-untyped-def]
    out, _ = _provision(server_cli, server, tmp_path, capsys, language="zh_CN")
    settings, dialog = _open(qtbot, session, qapp)
    assert session.language == "en"
    before = {d["id"] for d in server.core.accounts.list_devices()}

    _choose_file(qtbot, dialog, out)
    assert dialog.state == "review"
    assert dialog.server.text() == server.url
    assert dialog.district.text() == "d1"
    assert dialog.language.text() == "中文（简体）"
    assert "not encrypted" in dialog.certificate.text()  # plain http: nothing to pin
    assert session.tablet.repo.meta("server_url") is None  # nothing applied before Apply

    _apply(qtbot, dialog)
    assert dialog.state == "enrolled", dialog.outcome.text()
    device = session.tablet.repo.meta("server_device_id")
    assert device and session.tablet.repo.meta("device_token")
    assert {d["id"] for d in server.core.accounts.list_devices()} - before == {device}
    # The file's language, at once: the dialogs speak Chinese, and the settings say so.
    assert i18n.current_language() == "zh_CN" and session.language == "zh_CN"
    assert dialog.heading.text() == "本平板已设置完成"
    assert server.url in dialog.outcome.text() and device in dialog.outcome_detail.text()
    assert settings.heading.text() == "设置" and settings.language_choices["zh_CN"].isChecked()
    assert settings.server.text() == server.url
    session.tasks.wait()
    assert Settings(session.tablet.paths.settings).get("language") == "zh_CN"
    _shot(dialog, "enrolled")
    _click(qtbot, dialog.done_button)
    qtbot.waitUntil(lambda: settings.provision_dialog is None)


def test_from_a_photo_of_the_qr_code_the_tablet_enrolls(
    qtbot,
    qapp: QApplication,
    session: Session,
    server: LiveServer,
    server_cli,
    tmp_path: Path,
    capsys,
) -> None:  # type: ignore[no-untyped-def]
    _, png = _provision(server_cli, server, tmp_path, capsys, language="zh_CN")
    camera = StaticCaptureSource(_photo_of(png))
    session.set_language("zh_CN")
    settings, dialog = _open(qtbot, session, qapp, camera, shot="settings")
    assert settings.provision_button.text() == "通过二维码或配置文件设置…"
    _shot(dialog, "choose")

    _take_photo(qtbot, dialog)
    assert camera.captures == 1
    assert dialog.state == "review", dialog.outcome.text()
    assert dialog.server.text() == server.url and dialog.district.text() == "d1"
    _apply(qtbot, dialog)
    assert dialog.state == "enrolled", dialog.outcome.text()
    assert session.tablet.repo.meta("device_token")
    assert session.tablet.repo.meta(provision.META_CODE) is None  # the code is used up


def test_an_unreachable_server_saves_the_settings_and_enrolls_later(
    qtbot,
    qapp: QApplication,
    session: Session,
    server: LiveServer,
    server_cli,
    tmp_path: Path,
    capsys,
) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as sock:  # a port nobody listens on: the server is away
        sock.bind(("127.0.0.1", 0))
        away = f"http://127.0.0.1:{sock.getsockname()[1]}"
    out, _ = _provision(server_cli, server, tmp_path, capsys, url=away, language="zh_CN")
    session.set_language("zh_CN")
    settings, dialog = _open(qtbot, session, qapp)
    _choose_file(qtbot, dialog, out)
    _apply(qtbot, dialog)
    assert dialog.state == "pending", dialog.outcome.text()
    assert settings.server.text() == f"{away}（能连接服务器时注册）"
    again = SettingsDialog(session)  # opened later: it still says so
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.server.text() == settings.server.text())
    assert away in dialog.outcome.text() and "下次同步" in dialog.outcome.text()
    tablet = session.tablet
    assert tablet.repo.meta("server_url") == away and not tablet.repo.meta("device_token")
    assert tablet.repo.meta(provision.META_CODE) == json.loads(out.read_text(encoding="utf-8"))["code"]
    session.tasks.wait()
    assert Settings(tablet.paths.settings).get("server_url") == away
    _shot(dialog, "pending")


def test_a_picture_without_a_qr_code_is_refused_and_changes_nothing(
    qtbot, qapp: QApplication, session: Session, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    camera = StaticCaptureSource(_photo_of(None))
    session.set_language("zh_CN")
    _, dialog = _open(qtbot, session, qapp, camera)
    _take_photo(qtbot, dialog)
    assert dialog.state == "refused"
    assert "没有找到二维码" in dialog.outcome.text() and "本平板没有任何改动" in dialog.outcome.text()
    assert "no QR code found" in dialog.outcome_detail.text()
    _untouched(session, "zh_CN")
    _shot(dialog, "no-qr")
    # Try again: back to the choice, and a file that is no picture and no provisioning file is refused too.
    _click(qtbot, dialog.again_button)
    assert dialog.state == "choose"
    bad = tmp_path / "notes.json"
    bad.write_text('{"format": "something-else"}', encoding="utf-8")
    _choose_file(qtbot, dialog, bad)
    assert dialog.state == "refused" and "不是本平板可用的配置文件" in dialog.outcome.text()
    _untouched(session, "zh_CN")


def test_a_used_code_is_refused_and_changes_nothing(
    qtbot,
    qapp: QApplication,
    session: Session,
    server: LiveServer,
    server_cli,
    tmp_path: Path,
    capsys,
) -> None:  # type: ignore[no-untyped-def]
    out, _ = _provision(server_cli, server, tmp_path, capsys, language="zh_CN")
    with Tablet(tmp_path / "first-tablet") as first:  # another tablet used the code already
        assert provision.apply(first, provision.read(out))["enrolled"]
    devices = len(server.core.accounts.list_devices())

    _, dialog = _open(qtbot, session, qapp)
    _choose_file(qtbot, dialog, out)
    _apply(qtbot, dialog)
    assert dialog.state == "refused", dialog.outcome.text()
    assert "used already" in dialog.outcome.text() and "Nothing was changed" in dialog.outcome.text()
    _untouched(session, "en")  # not even the file's language
    assert len(server.core.accounts.list_devices()) == devices
    i18n.install_translator(qapp, "zh_CN")
    qtbot.waitUntil(lambda: "已被使用" in dialog.outcome.text())  # LanguageChange is posted
    _shot(dialog, "refused")


def test_https_the_certificate_fingerprint_is_shown_and_pinned(
    qtbot, qapp: QApplication, session: Session, tls_server: TlsServer, server_cli, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    out, _ = _provision(server_cli, tls_server, tmp_path, capsys, url=tls_server.url, language="zh_CN")
    session.set_language("zh_CN")
    _, dialog = _open(qtbot, session, qapp)
    _choose_file(qtbot, dialog, out)
    shown = dialog.certificate.text()
    assert shown == grouped_fingerprint(tls_server.fingerprint)
    assert shown.replace(":", "").replace(" ", "").lower() == tls_server.fingerprint
    _shot(dialog, "review")
    _apply(qtbot, dialog)
    assert dialog.state == "enrolled", dialog.outcome.text()
    tablet = session.tablet
    assert tablet.repo.meta(provision.META_PIN) == tls_server.fingerprint  # the self-signed certificate, pinned
    assert (tablet.paths.root / "server-certificate.pem").read_text().startswith("-----BEGIN CERTIFICATE-----")


def test_the_home_screen_asks_for_a_login_once_the_tablet_is_enrolled(
    qtbot,
    qapp: QApplication,
    main_window,
    session: Session,
    server: LiveServer,
    server_cli,
    tmp_path: Path,
    capsys,
) -> None:  # type: ignore[no-untyped-def]
    """Provisioned from the main window's settings: the window learns of it at once (no restart)."""
    out, _ = _provision(server_cli, server, tmp_path, capsys, language="en")
    assert main_window.stack.currentWidget() is main_window.list_page  # a tablet not enrolled: the list
    main_window.show_settings()
    settings = main_window.settings_dialog
    qtbot.waitExposed(settings)
    _click(qtbot, settings.provision_button)
    dialog = settings.provision_dialog
    qtbot.waitExposed(dialog)
    _choose_file(qtbot, dialog, out)
    _apply(qtbot, dialog)
    assert dialog.state == "enrolled", dialog.outcome.text()
    qtbot.waitUntil(lambda: main_window.stack.currentWidget() is main_window.login_page, timeout=10000)
    _click(qtbot, dialog.done_button)
