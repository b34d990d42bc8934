"""The `fieldcase-server` command (INTERFACES.md): run the server, migrate its database, and the IT
chores — districts, units, users, devices — and a look at the cases.

Every command takes `--json` and then prints exactly one JSON document on stdout. Exit codes:
0 done; 2 usage; 3 not found; 4 refused (validation, exists already, database not migrated);
5 the database cannot be reached. An error is one line on stderr; never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import sqlalchemy as sa

from server.config import ENV_DATABASE_URL, ServerConfig, default_data_dir
from server.errors import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_REFUSED,
    EXIT_SERVER,
    EXIT_USAGE,
    ServerError,
    exit_code,
)
from server.store import DatabaseUnreachableError, NotMigratedError, Store

log = logging.getLogger("fieldcase.server")

ROLES = ("inspector", "supervisor", "unit", "admin")
DEMO_DISTRICT = ("demo", "Demo district")
DEMO_USERS = (
    ("inspector", "inspector", ("demo",), None),
    ("supervisor", "supervisor", ("demo",), None),
    ("unit", "unit", (), "water_supply_co"),
    ("admin", "admin", (), None),
)


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="fieldcase-server", description="Fieldcase's central server and its IT commands.")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="data folder: SQLite database, photos, logs (default: $FIELDCASE_SERVER_DATA_DIR or the "
        "per-user data folder)",
    )
    parser.add_argument(
        "--database",
        default=None,
        metavar="URL",
        help="database URL, e.g. postgresql://user@host/db (default: $FIELDCASE_DATABASE_URL, else SQLite "
        "in the data folder)",
    )
    parser.add_argument("--json", action="store_true", help="print exactly one JSON document on stdout")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(name: str, text: str, parent: Any = sub) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(name, help=text, description=text)
        p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        return p

    p = command("serve", "run the HTTP API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8470)
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--migrate", action="store_true", help="migrate the database first if it is behind")
    p.add_argument("--token-ttl", type=float, default=None, metavar="SECONDS", help="login lifetime (default 12 h)")
    p.add_argument(
        "--keep-alive",
        type=float,
        default=65.0,
        metavar="SECONDS",
        help="how long an idle connection stays open (default 65 s, so a tablet's pause between sync "
        "phases does not meet a closed connection)",
    )
    command("migrate", "create or upgrade the database schema")

    district = command("district", "districts")
    district_sub = district.add_subparsers(dest="sub", parser_class=_Parser)
    p = command("add", "add a district", district_sub)
    p.add_argument("code")
    p.add_argument("--name", required=True)
    command("list", "list districts", district_sub)

    unit = command("unit", "disposal units")
    unit_sub = unit.add_subparsers(dest="sub", parser_class=_Parser)
    p = command("add", "add a disposal unit", unit_sub)
    p.add_argument("code")
    p.add_argument("--name", required=True)
    command("list", "list disposal units", unit_sub)

    user = command("user", "user accounts")
    user_sub = user.add_subparsers(dest="sub", parser_class=_Parser)
    p = command("add", "add a user; the password is read from the first line of stdin", user_sub)
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--district", action="append", default=[], metavar="CODE", help="a district (repeatable)")
    p.add_argument("--unit", default=None, metavar="CODE", help="the disposal unit of a unit user")
    p.add_argument("--password-stdin", action="store_true", required=True, help="read the password from stdin")
    p = command("disable", "disable a user: their logins stop working at once", user_sub)
    p.add_argument("name")
    command("list", "list users", user_sub)

    device = command("device", "tablets")
    device_sub = device.add_subparsers(dest="sub", parser_class=_Parser)
    p = command("enroll-code", "a one-time enrollment code (printed alone on the last line)", device_sub)
    p.add_argument("--district", default=None, metavar="CODE")
    p = command("revoke", "revoke a device: its credential and its logins stop working at once", device_sub)
    p.add_argument("device")
    command(
        "list",
        "list devices, each with the fingerprint of the key it enrolled with last (`fieldcase verify "
        "--expect-key`); --json adds every key it ever enrolled",
        device_sub,
    )
    p = command(
        "provision",
        "a provisioning file for one tablet: server URL, one-time enrollment code, district, language, "
        "the server's TLS certificate and its SHA-256 (https)",
        device_sub,
    )
    p.add_argument("--district", required=True, metavar="CODE")
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="the provisioning file (JSON) to write")
    p.add_argument("--qr", type=Path, default=None, metavar="FILE", help="the same as a QR-code PNG (no certificate)")
    p.add_argument("--url", default=None, help="the server's public URL tablets reach (default: $FIELDCASE_PUBLIC_URL)")
    p.add_argument("--language", default="zh_CN", choices=("zh_CN", "en"), help="the tablet's language")
    p.add_argument(
        "--tls-cert",
        type=Path,
        default=None,
        metavar="FILE",
        help="the PEM certificate the server presents (default: $FIELDCASE_TLS_CERT, else fetched from the URL)",
    )
    p.add_argument(
        "--no-tls-pin", action="store_true", help="pin no certificate: tablets trust the system's authorities"
    )
    p.add_argument(
        "--valid-hours", type=float, default=None, metavar="H", help="how long the code stays valid (default 24 h)"
    )
    p.add_argument(
        "--count", type=int, default=1, metavar="N", help="N files, each with its own code ({n} in --out and --qr)"
    )
    p.add_argument(
        "--basemap",
        type=Path,
        default=None,
        metavar="FILE",
        help="the city's offline basemap (MBTiles): checked, copied beside --out and named in it by its SHA-256",
    )
    p.add_argument(
        "--coordinate-system",
        choices=("wgs84", "gcj02"),
        default=None,
        help="how the basemap's tiles are drawn (default wgs84: Tianditu, CGCS2000; gcj02: commercial maps' offset)",
    )

    grid = command("grid", "the bureau's districts and grids (GeoJSON)")
    grid_sub = grid.add_subparsers(dest="sub", parser_class=_Parser)
    p = command(
        "import",
        "replace the districts and grids with a GeoJSON FeatureCollection's (one transaction: a bad file "
        "changes nothing)",
        grid_sub,
    )
    p.add_argument("file", type=Path, metavar="FILE", help="GeoJSON: properties code, name, kind, district")
    command("list", "list the districts and grids, and their version", grid_sub)

    received = command("log", "the append-only log of every case envelope received (by sync or import)")
    log_sub = received.add_subparsers(dest="sub", parser_class=_Parser)
    command(
        "verify",
        "walk the whole log: each envelope re-hashed, each entry's hash and its link to the one before checked; "
        "exit 1 names the first problem",
        log_sub,
    )
    p = command("list", "the latest entries, newest first", log_sub)
    p.add_argument("--case", default=None, metavar="ID", help="only this case's")
    p.add_argument("--limit", type=int, default=100, metavar="N")

    case = command("case", "cases on the server")
    case_sub = case.add_subparsers(dest="sub", parser_class=_Parser)
    command("list", "every case, newest first", case_sub)
    p = command(
        "reassign",
        "move inspectors' field work to another inspector of each case's district (as IT, any district)",
        case_sub,
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", action="append", dest="cases", metavar="ID", help="a case's UUID (repeatable)")
    which.add_argument("--from", dest="from_", metavar="INSPECTOR", help="every open case this inspector holds")
    p.add_argument("--to", required=True, metavar="INSPECTOR", help="the inspector who takes the work over")
    p.add_argument("--note", required=True, help="why (kept in each case's audit trail)")
    p.add_argument("--dry-run", action="store_true", help="say what would happen, changing nothing")

    p = command(
        "export",
        "export cases as CSV (UTF-8 with a BOM) or GeoJSON, streamed to a file; or, given CASE, that case's "
        "verifiable bundle signed by the server (docs/evidence.md; `fieldcase verify FILE` checks it)",
    )
    p.add_argument("case", nargs="?", default=None, metavar="CASE", help="a case's id, code or official number")
    p.add_argument("--format", default=None, choices=("csv", "geojson"), help="csv or geojson (without CASE)")
    p.add_argument("--from", dest="start", default=None, metavar="DATE", help="reported on or after (YYYY-MM-DD)")
    p.add_argument("--to", dest="end", default=None, metavar="DATE", help="reported on or before (YYYY-MM-DD)")
    p.add_argument("--state", action="append", default=[], metavar="STATE", help="only this state (repeatable)")
    p.add_argument("--district", default=None, metavar="CODE")
    p.add_argument("--unit", default=None, metavar="CODE")
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="the file to write ('-': stdout)")

    p = command(
        "import",
        "import cases carried without a network: a tablet's batch (`fieldcase export --all-unsynced`) or one case "
        "bundle; each checked as `fieldcase verify` does and against the device's enrolled key, then accepted "
        "as sync would (idempotent by case and revision); a bad file changes nothing (exit 4)",
    )
    p.add_argument("file", type=Path, metavar="FILE")

    p = command("backup", "back up the database and the photos into one archive (the server may keep running)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="the archive to write (tar)")
    p = command("restore", "restore a backup into an empty data folder and database of the same kind")
    p.add_argument("file", type=Path, metavar="FILE", help="an archive `backup` wrote")
    command("demo-accounts", "a demo district, units and one user per role with known passwords")
    command("demo", "the same as demo-accounts")
    return parser


class Output:
    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def emit(self, document: Any, text: str | Callable[[], str]) -> None:
        if self.as_json:
            sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write((text() if callable(text) else text).rstrip("\n") + "\n")
        sys.stdout.flush()


def _config(args: argparse.Namespace) -> ServerConfig:
    data_dir = args.data_dir or default_data_dir()
    url = args.database or os.environ.get(ENV_DATABASE_URL, "")
    env_config = ServerConfig.from_env(data_dir=Path(data_dir), database_url=url)
    return env_config


def _read_password() -> str:
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _setup_logging(config: ServerConfig) -> None:
    from logging.handlers import RotatingFileHandler

    config.logs_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(config.logs_dir / "server.log", maxBytes=10 << 20, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def run(args: argparse.Namespace, out: Output) -> int:
    config = _config(args)
    if args.command == "migrate":
        store = Store(config.database_url, pool_size=1)
        try:
            before, after = store.migrate()
        finally:
            store.close()
        from server.keys import ServerKey

        key = ServerKey.open(config.data_dir)  # the server's signing key, made now if there is none
        out.emit(
            {"database": _safe_url(config.database_url), "from": before, "to": after, "key": key.fingerprint},
            f"database at revision {after} (was {before or 'empty'}); server key {key.fingerprint}",
        )
        return EXIT_OK
    if args.command == "serve":
        return _serve(args, config, out)
    if args.command in ("backup", "restore"):
        return _backup_restore(args, config, out)
    from server.core import Core

    if args.command == "device" and getattr(args, "sub", None) == "provision" and args.valid_hours is not None:
        if args.valid_hours <= 0:
            raise UsageError("--valid-hours must be a positive number")
        config = config.with_changes(enroll_code_ttl_s=args.valid_hours * 3600)
    if args.command in ("demo-accounts", "demo"):
        store = Store(config.database_url, pool_size=1)
        try:
            store.migrate()
        finally:
            store.close()
    core = Core.open(config, pool_size=2)
    try:
        core.store.require_current()
        return _admin(args, core, out)
    finally:
        core.close()


def _backup_restore(args: argparse.Namespace, config: ServerConfig, out: Output) -> int:
    from server import backup

    if args.command == "backup":
        manifest = backup.backup(config, args.out)
        out.emit(
            manifest | {"out": str(args.out)},
            f"backed up the {manifest['dialect']} database (revision {manifest['revision']}) and "
            f"{manifest['blobs']} photos ({manifest['blob_bytes']} bytes) to {args.out}",
        )
        return EXIT_OK
    result = backup.restore(config, args.file)
    hint = "" if result["current"] else "; run `fieldcase-server migrate` to bring it to this version's schema"
    out.emit(
        result,
        f"restored the database (revision {result['revision']}) and {result['restored_blobs']} photos from "
        f"{args.file} (backed up {result['created_at']}){hint}",
    )
    return EXIT_OK


def _safe_url(url: str) -> str:
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def _serve(args: argparse.Namespace, config: ServerConfig, out: Output) -> int:
    import uvicorn

    if args.token_ttl is not None:
        if args.token_ttl <= 0:
            raise UsageError("--token-ttl must be a positive number of seconds")
        config = config.with_changes(token_ttl_s=args.token_ttl)
    store = Store(config.database_url, pool_size=1)
    try:
        if args.migrate:
            store.migrate()
        store.require_current()
    finally:
        store.close()
    config.data_dir.mkdir(parents=True, exist_ok=True)
    _setup_logging(config)
    log.info("serving on http://%s:%d (database %s)", args.host, args.port, _safe_url(config.database_url))
    if args.workers > 1:
        from server.workers import run_workers

        os.environ.update(config.to_env())
        run_workers(
            uvicorn.Config(
                "server.app:create_app_from_env",
                factory=True,
                host=args.host,
                port=args.port,
                workers=args.workers,
                access_log=False,
                timeout_keep_alive=args.keep_alive,
            )
        )
    else:
        from server.app import create_app, settle_heap

        app = create_app(config)
        settle_heap()
        uvicorn.run(app, host=args.host, port=args.port, access_log=False, timeout_keep_alive=args.keep_alive)
    return EXIT_OK


def _admin(args: argparse.Namespace, core: Any, out: Output) -> int:
    from server import schema as t

    accounts = core.accounts
    command, sub = args.command, getattr(args, "sub", None)
    if command in ("district", "unit", "user", "device", "case", "grid", "log") and sub is None:
        raise UsageError(f"fieldcase-server {command}: name a subcommand (see --help)")
    if command == "district" and sub == "add":
        doc = accounts.add_district(args.code, args.name)
        out.emit(doc, f"district {doc['code']} added")
    elif command == "unit" and sub == "add":
        doc = accounts.add_unit(args.code, args.name)
        out.emit(doc, f"unit {doc['code']} added")
    elif command in ("district", "unit") and sub == "list":
        table = t.districts if command == "district" else t.units
        with core.store.read() as conn:
            rows = [{"code": r.code, "name": r.name} for r in conn.execute(sa.select(table).order_by(table.c.code))]
        out.emit(rows, lambda: "\n".join(f"{r['code']}  {r['name']}" for r in rows) or f"no {command}s")
    elif command == "user" and sub == "add":
        password = _read_password()
        doc = accounts.add_user(args.name, args.role, password, districts=args.district, unit=args.unit)
        out.emit(doc, f"user {doc['name']} added ({doc['role']})")
    elif command == "user" and sub == "disable":
        doc = accounts.disable_user(args.name)
        out.emit(doc, f"user {doc['name']} disabled")
    elif command == "user" and sub == "list":
        users = accounts.list_users()
        out.emit(
            users,
            lambda: (
                "\n".join(
                    f"{u['name']:<20} {u['role']:<10} {','.join(u['districts']) or '-':<16} "
                    f"{u['unit'] or '-':<16} {'disabled' if u['disabled'] else ''}"
                    for u in users
                )
                or "no users"
            ),
        )
    elif command == "device" and sub == "enroll-code":
        doc = accounts.new_enroll_code(args.district)
        out.emit(
            doc,
            f"one-time enrollment code for district {doc['district'] or '(none)'}, valid until "
            f"{doc['expires_at']}:\n{doc['code']}",
        )
    elif command == "device" and sub == "revoke":
        doc = accounts.revoke_device(args.device)
        out.emit(doc, f"device {doc['device']} revoked")
    elif command == "device" and sub == "list":
        devices = accounts.list_devices()
        out.emit(
            devices,
            lambda: (
                "\n".join(
                    f"{d['id']:<40} {d['district'] or '-':<10} {'revoked' if d['revoked_at'] else 'active':<8} "
                    f"{d['key'] or '(no key)'}"
                    for d in devices
                )
                or "no devices"
            ),
        )
    elif command == "device" and sub == "provision":
        return _provision(args, core, out)
    elif command == "case" and sub == "list":
        cases = core.cases.all_rows()
        out.emit(
            cases,
            lambda: (
                "\n".join(
                    f"{c['code']}  {c['status']:<10} {c['type']}/{c['subtype']:<18} {c['inspector']:<12} "
                    f"{c['district'] or '-':<8} {c['id']}"
                    for c in cases
                )
                or "no cases"
            ),
        )
    elif command == "case" and sub == "reassign":
        return _reassign(args, core, out)
    elif command == "grid":
        return _grid(args, core, out)
    elif command == "log":
        return _received_log(args, core, out)
    elif command == "import":
        from server.custody_import import import_file

        doc = import_file(core.cases, args.file)
        out.emit(
            doc,
            lambda: "\n".join(
                [f"{c['id']} r{c['revision']}: {c['outcome']} {c['message']}".rstrip() for c in doc["cases"]]
                + [f"{doc['accepted']} accepted, {doc['already']} already on the server, {doc['refused']} refused"]
            ),
        )
        return EXIT_OK if not doc["refused"] else EXIT_REFUSED
    elif command == "export":
        return _export(args, core, out)
    elif command in ("demo-accounts", "demo"):
        return _demo(core, out)
    else:
        raise UsageError("fieldcase-server: name a command (see --help)")
    return EXIT_OK


def _reassign(args: argparse.Namespace, core: Any, out: Output) -> int:
    """`case reassign`: as IT (an admin named `cli` in the audit trail); 4 if any case was refused."""
    from server.accounts import Principal
    from server.reassign import Reassignments, ReassignRequest
    from server.store import utcnow

    it = Principal(
        user_id=0, name="cli", role="admin", districts=(), unit=None, token_hash="", token_device=None, device=None
    )
    try:
        request = ReassignRequest.model_validate(
            {"cases": args.cases, "from": args.from_, "to": args.to, "note": args.note, "dry_run": args.dry_run}
        )
    except ValueError as exc:
        raise UsageError(f"case reassign: {str(exc).splitlines()[-1].strip()}") from None
    answer = Reassignments(core.store, core.cases).reassign(it, request, utcnow())
    verb = "would move" if args.dry_run else "moved"
    lines = [
        f"{r.get('official_number') or r.get('code') or r['id']}: {r['outcome']}"
        + (f" ({r['error']['message']})" if r.get("error") else f" from {r.get('from')}")
        for r in answer["results"]
    ]
    out.emit(
        answer,
        lambda: "\n".join(
            [*lines, f"{verb} {answer['reassigned']} case(s) to {answer['to']}; refused {answer['refused']}"]
        ),
    )
    return EXIT_REFUSED if answer["refused"] else EXIT_OK


def _received_log(args: argparse.Namespace, core: Any, out: Output) -> int:
    log_ = core.cases.received
    if args.sub == "list":
        entries = log_.entries(args.case, max(1, args.limit))
        out.emit(
            entries,
            lambda: (
                "\n".join(
                    f"{e['seq']:>8} {e['received_at']} {e['source']:<6} {e['outcome']:<14} {e['case_id'] or '-'} "
                    f"r{e['revision']} {e['user'] or '-'}"
                    for e in entries
                )
                or "nothing received"
            ),
        )
        return EXIT_OK
    report = log_.verify()
    doc = report.to_json()
    out.emit(
        doc,
        lambda: (
            f"received log: {report.entries} entries chained, head {report.head}"
            if not report.problems
            else "\n".join(report.problems)
        ),
    )
    return EXIT_OK if not report.problems else EXIT_PROBLEMS


def _grid(args: argparse.Namespace, core: Any, out: Output) -> int:
    from server import grids

    if args.sub == "import":
        doc = grids.import_file(core.cases.grids, args.file)
        changes = ", ".join(f"{len(doc[k])} {k}" for k in ("added", "changed", "removed"))
        what = f"{doc['districts']} district(s), {doc['grids']} grid(s)"
        out.emit(
            doc,
            f"{what} from {args.file}: {changes}; version {doc['version']}"
            if doc["added"] or doc["changed"] or doc["removed"]
            else f"{what} from {args.file}: nothing changed (version {doc['version']})",
        )
        return EXIT_OK
    current = core.cases.grids.current()
    listed = {
        "version": current.version,
        "imported_at": current.imported_at,
        "grids": [{"code": g.code, "kind": g.level, "name": g.name, "district": g.district} for g in current.grids],
    }
    out.emit(
        listed,
        lambda: "\n".join(
            [f"version {current.version}"]
            + [f"{g['code']:<16} {g['kind']:<9} {g['district'] or '-':<10} {g['name']}" for g in listed["grids"]]
        ),
    )
    return EXIT_OK


def _export(args: argparse.Namespace, core: Any, out: Output) -> int:
    """Every case that matches, as the admin sees them, written a batch at a time (never all in memory);
    to a temporary file renamed into place, so a failed export leaves no half file behind."""
    from server.accounts import Principal
    from server.exports import ExportFilter

    everyone = Principal(
        user_id=0, name="cli", role="admin", districts=(), unit=None, token_hash="", token_device=None, device=None
    )
    if args.case is not None:
        from server.custody import find_case, write_bundle

        if str(args.out) == "-":
            raise UsageError("a case bundle is a zip: give --out FILE")
        target = Path(args.out)
        if target.is_dir() or not target.parent.is_dir():
            raise UsageError(f"{target}: give the bundle's file name in an existing folder")
        doc = write_bundle(core.cases, everyone, find_case(core.cases, everyone, args.case), target)
        out.emit(
            doc,
            f"case {doc['case']['code']}: {doc['photos']} photo(s), {doc['events']} event(s), "
            f"{doc['receipts']} receipt(s) written to {target}, signed by the server key {doc['key']}",
        )
        return EXIT_OK
    if args.format is None:
        raise UsageError("fieldcase-server export: give --format csv|geojson, or a CASE for its bundle")
    wanted = ExportFilter(states=args.state, district=args.district, unit=args.unit, start=args.start, end=args.end)
    core.exports.check(everyone, wanted)
    count = 0

    def counted() -> Any:
        nonlocal count
        for record in core.exports.records(everyone, wanted):
            count += 1
            yield record

    chunks = core.exports.stream(args.format, counted())
    if str(args.out) == "-":
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        sys.stdout.flush()
        return EXIT_OK
    target = Path(args.out)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with partial.open("wb") as file:
            for chunk in chunks:
                file.write(chunk)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    out.emit({"format": args.format, "out": str(target), "cases": count}, f"{count} case(s) written to {target}")
    return EXIT_OK


def _provision(args: argparse.Namespace, core: Any, out: Output) -> int:
    """Everything is checked (count, names, URL, certificate; the district by the first code) before a code
    is made."""
    from server import provision

    if args.count < 1:
        raise UsageError("--count must be 1 or more")
    if args.count > 1 and ("{n}" not in str(args.out) or (args.qr and "{n}" not in str(args.qr))):
        raise UsageError("with --count, --out (and --qr) must contain {n}, e.g. --out tablet-{n}.json")
    url = provision.public_url(args.url)
    certificate, fingerprint = provision.tls_certificate(url, args.tls_cert, pin=not args.no_tls_pin)
    width = len(str(args.count))
    first_target = Path(str(args.out).replace("{n}", "1".zfill(width)))
    basemap = provision.basemap(args.basemap, first_target) if args.basemap else None
    results = []
    for n in range(1, args.count + 1):
        number = str(n).zfill(width)
        target = Path(str(args.out).replace("{n}", number))
        qr_target = Path(str(args.qr).replace("{n}", number)) if args.qr else None
        code = core.accounts.new_enroll_code(args.district)
        doc = provision.document(
            url=url,
            code=code["code"],
            district=args.district,
            language=args.language,
            expires_at=code["expires_at"],
            certificate=certificate,
            fingerprint=fingerprint,
            basemap=basemap,
            coordinate_system=args.coordinate_system,
        )
        if basemap and target.parent.resolve() != first_target.parent.resolve():
            provision.basemap(args.basemap, target)
        provision.write_file(doc, target)
        qr = provision.write_qr(doc, qr_target) if qr_target else None
        results.append(
            {
                "out": str(target),
                "qr": str(qr_target) if qr_target else None,
                "qr_version": qr,
                "server": url,
                "district": args.district,
                "language": args.language,
                "tls_sha256": fingerprint,
                "expires_at": code["expires_at"],
                "basemap": basemap,
                "coordinate_system": doc.get("coordinate_system"),
            }
        )
    first = results[0]
    what = f"provisioning file {first['out']}" if args.count == 1 else f"{args.count} provisioning files"
    out.emit(
        first if args.count == 1 else {"count": args.count, "files": results},
        f"{what} for {url}, district {args.district}, valid until {first['expires_at']}"
        + (f"; certificate SHA-256 {fingerprint}" if fingerprint else "; no certificate pinned")
        + (f"; QR code {first['qr']} ({first['qr_version']})" if args.qr and args.count == 1 else "")
        + (f"; basemap {basemap['file']} ({basemap['size']} bytes) beside it" if basemap else ""),
    )
    return EXIT_OK


def _demo(core: Any, out: Output) -> int:
    from server.errors import ConflictError

    accounts = core.accounts
    with contextlib.suppress(ConflictError):
        accounts.add_district(*DEMO_DISTRICT)
    for unit in core.catalogue.units:
        with contextlib.suppress(ConflictError):
            accounts.add_unit(unit.code, unit.name("en"))
    users = []
    for name, role, districts, unit in DEMO_USERS:
        password = f"{name}-demo"
        accounts.add_user(name, role, password, districts=districts, unit=unit, replace_password=True)
        users.append({"name": name, "role": role, "password": password, "districts": list(districts), "unit": unit})
    code = accounts.new_enroll_code(DEMO_DISTRICT[0])
    doc = {
        "district": DEMO_DISTRICT[0],
        "units": [u.code for u in core.catalogue.units],
        "users": users,
        "enroll_code": code,
    }

    def text() -> str:
        lines = [f"demo district {DEMO_DISTRICT[0]}; units: {', '.join(doc['units'])}", "accounts (user / password):"]
        lines += [f"  {u['name']:<11} {u['password']:<16} {u['role']}" for u in users]
        lines.append(
            f"one-time enrollment code for a tablet (district {DEMO_DISTRICT[0]}), until {code['expires_at']}:"
        )
        lines.append(code["code"])
        return "\n".join(lines)

    out.emit(doc, text)
    return EXIT_OK


def _fail(out: Output, code: int, kind: str, message: str) -> int:
    if out.as_json:
        sys.stdout.write(json.dumps({"error": {"code": kind, "message": message}}, ensure_ascii=False) + "\n")
    sys.stderr.write(f"fieldcase-server: {message}\n")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = Output("--json" in argv)
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        return _fail(out, EXIT_USAGE, "usage", str(exc))
    out = Output(bool(getattr(args, "json", False)))
    if args.command is None:
        build_parser().print_usage(sys.stderr)
        return _fail(out, EXIT_USAGE, "usage", "name a command (see --help)")
    try:
        return run(args, out)
    except UsageError as exc:
        return _fail(out, EXIT_USAGE, "usage", str(exc))
    except ServerError as exc:
        return _fail(out, exit_code(exc), exc.code, exc.message)
    except NotMigratedError as exc:
        return _fail(out, EXIT_REFUSED, "not_migrated", str(exc))
    except DatabaseUnreachableError as exc:
        return _fail(out, EXIT_SERVER, "database_unreachable", str(exc))
    except sa.exc.OperationalError as exc:
        return _fail(out, EXIT_SERVER, "database_unreachable", f"cannot reach the database: {exc.orig}")
    except OSError as exc:
        return _fail(out, EXIT_REFUSED, "environment", f"{exc.strerror or exc}: {exc.filename or ''}".strip(": "))
    except KeyboardInterrupt:
        return _fail(out, EXIT_REFUSED, "interrupted", "interrupted")
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback; the log has the details
        log.exception("unexpected error")
        return _fail(out, EXIT_REFUSED, "internal_error", f"unexpected error: {type(exc).__name__}: {exc}")


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["EXIT_NOT_FOUND", "main"]
