"""The tablet CLI as INTERFACES.md fixes it: commands, the case JSON shape, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CASE_KEYS = {"id", "code", "official_number", "type", "subtype", "status", "hazard", "location",
             "address", "description", "district", "fields", "officers", "photos", "inspector",
             "device", "created_at", "updated_at", "sync", "review_note"}
PHOTO_KEYS = {"sha256", "size", "taken_at", "lat", "lon", "width", "height", "make", "model", "kind",
              "note"}
OFFICERS = ["--officer", "李明:41010020230012", "--officer", "王强:41010020230013"]
PARTY = ["--field", "area_m2=35", "--field", "floors=2", "--field", "structure=steel_frame",
         "--field", "stage=under_construction", "--field", "party_name=张伟",
         "--field", "party_id_number=11010519491231002X", "--field", "party_phone=13912345678"]


def test_catalogue(cli) -> None:
    code, doc, _ = cli("catalogue")
    assert code == 0
    assert [t["code"] for t in doc["types"]] == ["illegal_construction", "manhole_cover"]


def test_a_manhole_case_from_photos_takes_its_location_from_the_first_gps_photo(cli, photo) -> None:
    first, second = photo(lat=34.75, lon=113.62), photo(lat=34.76, lon=113.63)
    code, case, err = cli("case", "new", "--type", "manhole_cover", "--subtype", "broken",
                          "--field", "owner=gas", "--address", "郑州市金水区花园路 1 号",
                          "--photo", str(first), "--photo", str(second))
    assert (code, err) == (0, "")
    assert set(case) >= CASE_KEYS
    assert case["status"] == "draft" and case["sync"] == "local"
    assert case["location"] == {"lat": pytest.approx(34.75), "lon": pytest.approx(113.62),
                                "accuracy_m": None, "source": "photo"}
    assert [p["kind"] for p in case["photos"]] == ["overview", "close_up"]
    assert all(set(p) >= PHOTO_KEYS for p in case["photos"])
    assert case["photos"][0]["taken_at"] == "2026-11-20T09:30:12+08:00"
    assert case["hazard"] == "high"
    assert case["code"].split("-")[1].isdigit()


def test_full_draft_to_submitted_flow_and_lookups(cli, photo) -> None:
    _, case, _ = cli("case", "new", "--type", "illegal_construction", "--subtype", "rooftop",
                     "--lat", "34.7", "--lon", "113.6", *PARTY)
    assert case["location"]["source"] == "manual"
    # Not enough evidence yet: refused with exit 4, naming what is missing.
    code, doc, err = cli("case", "submit", case["id"])
    assert code == 4 and "at least 2 photos" in err and "officers" in err
    assert doc["error"]["code"] == "validation_failed"
    code, case2, _ = cli("case", "add-photos", case["code"], str(photo()), str(photo()))
    assert code == 0 and len(case2["photos"]) == 2
    code, case3, _ = cli("case", "edit", case["id"][:8], *OFFICERS, "--description", "楼顶彩钢板房")
    assert code == 0 and len(case3["officers"]) == 2
    code, submitted, _ = cli("case", "submit", case["code"])
    assert code == 0 and submitted["status"] == "submitted" and submitted["sync"] == "pending"
    # Locked: editing and withdrawing are refused, and nothing changes.
    code, _, err = cli("case", "edit", case["id"], "--description", "changed")
    assert code == 4 and "submitted" in err
    code, _, err = cli("case", "delete", case["id"])
    assert code == 4
    code, shown, _ = cli("case", "show", case["id"])
    assert shown["description"] == "楼顶彩钢板房"
    code, log, _ = cli("case", "log", case["id"])
    assert [e["action"] for e in log] == ["create", "add_photos", "edit", "submit"]
    code, listed, _ = cli("case", "list", "--status", "submitted")
    assert [c["id"] for c in listed] == [case["id"]]
    assert cli("check")[0] == 0


def test_photo_kind_can_be_changed_by_hash_prefix(cli, photo) -> None:
    _, case, _ = cli("case", "new", "--type", "manhole_cover", "--subtype", "other",
                     "--field", "owner=power", "--photo", str(photo()))
    sha = case["photos"][0]["sha256"]
    code, edited, _ = cli("case", "edit", case["id"], "--photo-kind", f"{sha[:10]}=signage")
    assert code == 0 and edited["photos"][0]["kind"] == "signage"
    code, _, err = cli("case", "edit", case["id"], "--photo-kind", f"{sha[:10]}=selfie")
    assert code == 4 and "selfie" in err


def test_withdraw_a_draft(cli) -> None:
    _, case, _ = cli("case", "new", "--type", "manhole_cover", "--subtype", "missing",
                     "--field", "owner=unknown")
    code, doc, _ = cli("case", "delete", case["code"])
    assert code == 0 and doc["deleted"] is True
    assert cli("case", "show", case["id"])[0] == 3
    assert cli("case", "list")[1] == []
    assert cli("check")[0] == 0


@pytest.mark.parametrize(
    ("args", "exit_code", "words"),
    [
        (["case", "new", "--type", "graffiti", "--subtype", "x"], 4, "unknown case type"),
        (["case", "new", "--type", "manhole_cover", "--subtype", "stolen"], 4, "unknown subtype"),
        (["case", "new", "--type", "manhole_cover", "--subtype", "missing", "--lat", "95", "--lon", "1"],
         4, "latitude"),
        (["case", "new", "--type", "manhole_cover", "--subtype", "missing", "--field", "colour=red"], 4,
         "unknown field"),
        (["case", "new", "--type", "manhole_cover", "--subtype", "missing", "--field", "nokey"], 2, "KEY=VALUE"),
        (["case", "new", "--type", "manhole_cover"], 2, "--subtype"),
        (["case", "show", "nothing-like-this"], 3, "no case"),
        (["case", "list", "--status", "pending"], 4, "unknown state"),
        (["frobnicate"], 2, "invalid choice"),
    ],
)
def test_errors_are_one_line_with_the_right_exit_code(cli, args, exit_code, words) -> None:
    code, doc, err = cli(*args)
    assert code == exit_code
    assert words in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert set(doc) == {"error"}
    # Nothing was created.
    assert cli("case", "list")[1] == []


def test_bad_photo_is_refused_naming_the_file_and_nothing_is_stored(cli, photo, tmp_path, data_dir) -> None:
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a photo")
    code, _, err = cli("case", "new", "--type", "manhole_cover", "--subtype", "broken",
                       "--photo", str(photo()), "--photo", str(bad))
    assert code == 4 and "notes.jpg" in err
    assert cli("case", "list")[1] == []
    stored = [p for p in (data_dir / "originals").rglob("*") if p.is_file()]
    assert stored == []


def test_unique_prefix_and_ambiguity(cli) -> None:
    ids = [cli("case", "new", "--type", "manhole_cover", "--subtype", "other")[1]["code"] for _ in range(2)]
    prefix = os.path.commonprefix(ids)
    assert cli("case", "show", prefix)[0] == 3  # ambiguous: more than one
    assert cli("case", "show", ids[1])[1]["code"] == ids[1]


def test_plain_output_and_json_flag_positions(cli, data_dir, capsys) -> None:
    from app.cli import main

    assert main(["--data-dir", str(data_dir), "--json", "case", "list"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    code, text, _ = cli("case", "new", "--type", "manhole_cover", "--subtype", "other", as_json=False)
    assert code == 0 and "manhole_cover/other" in text


def test_demo_makes_cases_quickly_without_photos(cli) -> None:
    code, doc, _ = cli("demo", "--cases", "500", "--photos-per-case", "0", "--seed", "1")
    assert code == 0 and doc["created"] == 500
    assert len(cli("case", "list")[1]) == 500
    assert cli("check")[0] == 0


def test_demo_with_photos_goes_through_ingest(cli) -> None:
    code, _, _ = cli("demo", "--cases", "3", "--photos-per-case", "2", "--seed", "3")
    assert code == 0
    cases = cli("case", "list")[1]
    assert len(cases) == 3 and all(len(c["photos"]) == 2 for c in cases)
    assert all(c["location"]["source"] == "photo" for c in cases)
    report = cli("check")[1]
    assert report["ok"] and report["photos_checked"] == 6


def test_the_console_script_runs_without_a_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("fieldcase")
    proc = subprocess.run([str(exe), "--data-dir", str(tmp_path / "d"), "case", "show", "x", "--json"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3
    assert json.loads(proc.stdout)["error"]["code"] == "not_found"
    assert proc.stderr.startswith("fieldcase: ")
