"""Reading and rewriting case bundles in tests: what someone tampering with one would do."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.evidence.signing import fingerprint, public_b64, sign_json
from app.evidence.verify import unsigned_item, unsigned_manifest


def read(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    return json.loads(files.pop("manifest.json")), files


def write(path: Path, manifest: dict[str, Any], files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
    return path


def resign_all(manifest: dict[str, Any], key: Ed25519PrivateKey, *, claim_enrolled: bool) -> None:
    """Replace the device's key with `key` and sign everything again with it."""
    fp = fingerprint(key.public_key())
    manifest["keys"] = [{**manifest["keys"][0], "fingerprint": fp, "public_key": public_b64(key.public_key())}]
    for event in manifest["events"]:
        event["signature"] = {"key": fp, "value": sign_json(key, unsigned_item(event))}
    for photo in manifest["photos"]:
        photo["signature"] = {"key": fp, "value": sign_json(key, photo["record"])}
    if claim_enrolled:
        manifest["enrolled_key"] = fp
    manifest["signature"] = {"key": fp, "value": sign_json(key, unsigned_manifest(manifest))}
