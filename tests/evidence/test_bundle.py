"""`fieldcase export` and `fieldcase verify`: the bundle verifies on its own, and each tampering is named."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.evidence.bundle import export_case
from app.evidence.signing import sign_json
from app.evidence.verify import verify_bundle
from app.services import Tablet
from tests.evidence import bundles

ROOT = Path(__file__).resolve().parents[2]


def _case(tablet: Tablet, photo, n: int = 2, *, submit: bool = True) -> str:
    case = tablet.new_case(
        type="manhole_cover",
        subtype="broken",
        fields={"owner": "gas"},
        address="金水路 12 号",
        photos=[photo() for _ in range(n)],
    )
    if submit:
        tablet.submit(case.id)
    return case.id


@pytest.fixture
def bundle(tablet: Tablet, photo, tmp_path: Path) -> Path:
    case_id = _case(tablet, photo, 2)
    out = tmp_path / "case.zip"
    export_case(tablet, case_id, out)
    return out


def _first(path: Path, **kw) -> str:
    report = verify_bundle(path, **kw)
    assert not report.ok, "the tampering went unnoticed"
    return report.problems[0]


def test_a_fresh_bundle_verifies_and_says_what_it_checked(bundle: Path, tablet: Tablet) -> None:
    report = verify_bundle(bundle)
    assert report.ok, report.problems
    manifest, files = bundles.read(bundle)
    assert report.photos_rehashed == 2 and report.bytes_rehashed == sum(p["size"] for p in manifest["photos"])
    assert report.events_chained == len(manifest["events"]) == 3  # create, add_photos, submit
    assert report.signatures_verified == 3 + 2 + 1  # events, photo records, the manifest
    assert report.keys == [tablet.custody.fingerprint()] and report.signed_by == tablet.custody.fingerprint()


def test_the_originals_are_in_the_bundle_byte_for_byte(bundle: Path, tablet: Tablet) -> None:
    manifest, files = bundles.read(bundle)
    for entry in manifest["photos"]:
        with tablet.originals.open(entry["sha256"]) as fh:
            assert files[entry["path"]] == fh.read()
        assert hashlib.sha256(files[entry["path"]]).hexdigest() == entry["sha256"]


def test_a_flipped_byte_in_a_photo(bundle: Path, tmp_path: Path) -> None:
    manifest, files = bundles.read(bundle)
    path = manifest["photos"][0]["path"]
    data = bytearray(files[path])
    data[len(data) // 2] ^= 0x01
    files[path] = bytes(data)
    bad = bundles.write(tmp_path / "bad.zip", manifest, files)
    assert (
        _first(bad)
        == f"photo {manifest['photos'][0]['sha256']}: its content does not match its SHA-256 (altered or swapped)"
    )


def test_a_removed_event(bundle: Path, tmp_path: Path) -> None:
    manifest, files = bundles.read(bundle)
    del manifest["events"][1]
    problem = _first(bundles.write(tmp_path / "bad.zip", manifest, files))
    assert "event 3: expected event 2 (an event is missing or moved)" in problem


def test_a_removed_last_event(bundle: Path, tmp_path: Path) -> None:
    manifest, files = bundles.read(bundle)
    manifest["events"].pop()
    problem = _first(bundles.write(tmp_path / "bad.zip", manifest, files))
    assert "the events end at 2, but the case's chain head is 3 (an event was removed or added)" in problem


def test_two_events_swapped(bundle: Path, tmp_path: Path) -> None:
    manifest, files = bundles.read(bundle)
    ev = manifest["events"]
    ev[1], ev[2] = ev[2], ev[1]
    problem = _first(bundles.write(tmp_path / "bad.zip", manifest, files))
    assert "event 3: expected event 2" in problem


def test_a_photo_swapped_between_two_cases_bundles(tablet: Tablet, photo, tmp_path: Path) -> None:
    a, b = _case(tablet, photo, 2), _case(tablet, photo, 2)
    export_case(tablet, a, tmp_path / "a.zip")
    export_case(tablet, b, tmp_path / "b.zip")
    ma, fa = bundles.read(tmp_path / "a.zip")
    mb, fb = bundles.read(tmp_path / "b.zip")
    # The bytes of B's photo put under the name of A's: the hash gives it away.
    fa1 = dict(fa)
    fa1[ma["photos"][0]["path"]] = fb[mb["photos"][0]["path"]]
    problem = _first(bundles.write(tmp_path / "bad1.zip", ma, fa1))
    assert problem.startswith(f"photo {ma['photos'][0]['sha256']}: its file has")  # not the bytes recorded
    # B's photo moved over whole (file, record and its valid signature): the record names case B.
    ma2, fa2 = json.loads(json.dumps(ma)), dict(fa)
    del fa2[ma2["photos"][0]["path"]]
    ma2["photos"][0] = mb["photos"][0]
    fa2[mb["photos"][0]["path"]] = fb[mb["photos"][0]["path"]]
    problem = _first(bundles.write(tmp_path / "bad2.zip", ma2, fa2))
    assert problem == f"photo {mb['photos'][0]['sha256']}: its signed record belongs to case {b}, not {a}"


def test_a_forged_signature(bundle: Path, tmp_path: Path) -> None:
    manifest, files = bundles.read(bundle)
    event = manifest["events"][1]
    event["changes"]["photos"][0]["lat"] = 30.0  # moved, and the hash chain redone to match
    from app.domain.audit import AuditEvent, make_event

    events = [AuditEvent.from_json(e) for e in manifest["events"]]
    previous = events[0]
    for index, old in enumerate(events[1:], start=1):
        new = make_event(
            previous,
            case_id=old.case_id,
            at=old.at,
            actor=old.actor,
            role=old.role,
            device=old.device,
            action=old.action,
            from_state=old.from_state,
            to_state=old.to_state,
            changes=manifest["events"][index]["changes"],
        )
        forged = sign_json(Ed25519PrivateKey.generate(), new.to_json())  # by another key, under the device's name
        manifest["events"][index] = {**new.to_json(), "signature": {**old_sig(manifest, index), "value": forged}}
        previous = new
    manifest["chain_head"] = {"seq": previous.seq, "hash": previous.hash}
    problem = _first(bundles.write(tmp_path / "bad.zip", manifest, files))
    assert "event 2: its signature does not verify with key" in problem and "forged" in problem


def old_sig(manifest: dict, index: int) -> dict:
    return {"key": manifest["keys"][0]["fingerprint"]}


def test_a_manifest_edited_after_signing(bundle: Path, tmp_path: Path) -> None:
    manifest, files = bundles.read(bundle)
    manifest["case"]["address"] = "别处"
    problem = _first(bundles.write(tmp_path / "bad.zip", manifest, files))
    assert problem.startswith("manifest.json: its signature does not verify")


def test_a_stripped_signature_is_noticed(bundle: Path, tmp_path: Path) -> None:
    manifest, files = bundles.read(bundle)
    manifest["events"][0]["signature"] = None
    report = verify_bundle(bundles.write(tmp_path / "bad.zip", manifest, files))
    assert report.problems == [
        "manifest.json: its signature does not verify with key "
        f"{manifest['keys'][0]['fingerprint'][:16]} (edited after signing, or forged)"
    ]


def test_a_key_that_does_not_match_the_enrolled_one(tablet: Tablet, bundle: Path, tmp_path: Path) -> None:
    enrolled = tablet.custody.fingerprint()
    manifest, files = bundles.read(bundle)
    manifest["enrolled_key"] = enrolled  # as enrollment recorded it (this tablet never enrolled)
    manifest["signature"] = {
        "key": enrolled,
        "value": sign_json(tablet.custody.key(), bundles.unsigned_manifest(manifest)),
    }
    good = bundles.write(tmp_path / "good.zip", manifest, files)
    assert verify_bundle(good, expect_key=enrolled).ok
    # Someone re-signs everything with a key of their own, keeping the enrolled fingerprint.
    attacker = Ed25519PrivateKey.generate()
    forged = json.loads(json.dumps(manifest))
    bundles.resign_all(forged, attacker, claim_enrolled=False)
    problem = _first(bundles.write(tmp_path / "bad.zip", forged, files))
    assert problem == f"the enrolled key {enrolled[:16]} is not in the bundle (a key was swapped)"
    # …or naming their own key as the enrolled one: the server's record of the key tells.
    bundles.resign_all(forged, attacker, claim_enrolled=True)
    bad = bundles.write(tmp_path / "bad2.zip", forged, files)
    assert verify_bundle(bad).ok  # self-consistent: only the enrolled key's fingerprint anchors a bundle
    assert "not the expected" in _first(bad, expect_key=enrolled)
    # A public key that is not the one its fingerprint names.
    swapped = json.loads(json.dumps(manifest))
    swapped["keys"][0]["public_key"] = forged["keys"][0]["public_key"]
    problem = _first(bundles.write(tmp_path / "bad3.zip", swapped, files))
    assert "its public key does not match its fingerprint" in problem


def test_an_extra_file_and_a_missing_photo(bundle: Path, tmp_path: Path) -> None:
    manifest, files = bundles.read(bundle)
    files["photos/extra.jpg"] = b"x"
    assert "photos/extra.jpg: in the bundle but not in its manifest" in _first(
        bundles.write(tmp_path / "a.zip", manifest, files)
    )
    del files["photos/extra.jpg"]
    del files[manifest["photos"][1]["path"]]
    assert "is missing from the bundle" in _first(bundles.write(tmp_path / "b.zip", manifest, files))


def test_not_a_bundle(tmp_path: Path) -> None:
    (tmp_path / "x.zip").write_bytes(b"PK\x03\x04 nonsense")
    assert "not a readable bundle" in _first(tmp_path / "x.zip")


def test_unsigned_events_from_before_keys_are_reported_not_broken(unsigned_tablet: Tablet, photo, data_dir, tmp_path):
    case_id = _case(unsigned_tablet, photo, 2, submit=False)
    unsigned_tablet.close()
    with Tablet(data_dir) as tablet:
        tablet.submit(case_id)
        export_case(tablet, case_id, tmp_path / "old.zip")
    report = verify_bundle(tmp_path / "old.zip")
    assert report.ok, report.problems
    assert report.events_unsigned == 2 and report.photos_unsigned == 2 and report.signatures_verified == 2


def test_the_cli_exports_and_verifies(cli, tablet: Tablet, photo, tmp_path: Path, data_dir: Path) -> None:
    case_id = _case(tablet, photo, 2)
    code = tablet.case(case_id).code
    tablet.close()
    out = tmp_path / "cli.zip"
    rc, doc, _ = cli("export", code, "--out", str(out))
    assert rc == 0 and doc["photos"] == 2 and doc["events"] == 3
    rc, doc, _ = cli("verify", str(out))
    assert rc == 0 and doc["ok"] and doc["photos_rehashed"] == 2 and doc["events_chained"] == 3
    manifest, files = bundles.read(out)
    del manifest["events"][1]
    bad = bundles.write(tmp_path / "bad.zip", manifest, files)
    rc, doc, _ = cli("verify", str(bad))
    assert rc == 1 and not doc["ok"] and "expected event 2" in doc["first_problem"]
    rc, text, _ = cli("verify", str(bad), as_json=False)
    assert rc == 1 and "events chained       2" in text and text.strip().splitlines()[-1].startswith("NOT OK: case")
    rc, doc, err = cli("verify", str(tmp_path / "nothing.zip"))
    assert rc == 3 and "no such file" in err
    rc, doc, err = cli("export", "NOPE", "--out", str(tmp_path / "x.zip"))
    assert rc == 3 and not (tmp_path / "x.zip").exists()
    rc, doc, err = cli("export", code, "--out", str(tmp_path / "no-such-folder" / "x.zip"))
    assert rc == 4 and "no such folder" in err


def test_verify_needs_no_fieldcase_database(bundle: Path, tmp_path: Path) -> None:
    """In a fresh interpreter with no data folder: the verifier imports nothing of storage, sync or server."""
    env = {**os.environ, "FIELDCASE_DATA_DIR": str(tmp_path / "never-made")}
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.evidence.verify import verify_bundle\n"
        f"r = verify_bundle(Path({str(bundle)!r}))\n"
        "assert r.ok, r.problems\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('storage', 'sync', 'server', 'ui'))\n"
        "assert not loaded, loaded\n"
        "assert 'app.services' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, timeout=60)
    assert not (tmp_path / "never-made").exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_byte_changed_in_the_manifest_fails_unless_its_meaning_is_unchanged(bundle: Path, tmp_path: Path, data):
    """Layout is free (the signature covers canonical JSON); any change of meaning is caught."""
    manifest_bytes, files = _raw(bundle)
    index = data.draw(st.integers(0, len(manifest_bytes) - 1), label="offset")
    value = data.draw(st.integers(0, 255).filter(lambda v: v != manifest_bytes[index]), label="byte")
    changed = manifest_bytes[:index] + bytes([value]) + manifest_bytes[index + 1 :]
    target = tmp_path / f"fuzz-{index}-{value}.zip"
    with zipfile.ZipFile(target, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
        zf.writestr("manifest.json", changed)
    try:
        same = json.loads(changed.decode("utf-8")) == json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        same = False
    assert verify_bundle(target).ok == same


def _raw(path: Path) -> tuple[bytes, dict[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    return files.pop("manifest.json"), files


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
_KEYS = [
    "format",
    "version",
    "case",
    "photos",
    "events",
    "receipts",
    "keys",
    "copies",
    "chain_head",
    "signature",
    "enrolled_key",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(replacements=st.dictionaries(st.sampled_from(_KEYS), _JSON, min_size=1, max_size=3))
def test_a_manifest_of_any_shape_is_a_problem_not_a_crash(bundle: Path, tmp_path: Path, replacements) -> None:
    manifest, files = bundles.read(bundle)
    manifest.update(replacements)
    before = json.loads(json.dumps(bundles.read(bundle)[0]))
    report = verify_bundle(bundles.write(tmp_path / "shape.zip", manifest, files))
    assert report.ok == (manifest == before)


def test_a_deeply_nested_manifest_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    deep = '{"format": "fieldcase-bundle", "version": 1, "case": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with zipfile.ZipFile(tmp_path / "deep.zip", "w") as zf:
        zf.writestr("manifest.json", deep)
    report = verify_bundle(tmp_path / "deep.zip")
    assert not report.ok and "manifest.json" in report.problems[0]
