"""The `fieldcase` command: the tablet's CLI of INTERFACES.md, and the GUI's launcher.

Every command takes `--json` and then prints exactly one JSON document on stdout.
Exit codes: 0 done; 1 check/verify found problems or sync left work undone;
2 usage; 3 not found; 4 refused; 5 server unreachable or authentication failed.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from app.domain.errors import DomainError, TransitionError, ValidationError
from app.paths import default_data_dir

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_NOT_FOUND, EXIT_REFUSED, EXIT_SERVER = 0, 1, 2, 3, 4, 5

log = logging.getLogger("fieldcase")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _json_flag(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="print exactly one JSON document on stdout",
    )


def _case_options(p: argparse.ArgumentParser, *, new: bool) -> None:
    if new:
        p.add_argument("--type", required=True, help="illegal_construction or manhole_cover")
        p.add_argument("--subtype", required=True, help="a subtype code of the type (see `catalogue`)")
    else:
        p.add_argument("--subtype", help="change the subtype")
    p.add_argument("--lat", type=float, help="WGS-84 latitude, degrees")
    p.add_argument("--lon", type=float, help="WGS-84 longitude, degrees")
    p.add_argument("--accuracy", type=float, help="accuracy of the position, metres")
    p.add_argument(
        "--source",
        choices=["photo", "device", "manual"],
        default="manual",
        help="where the position comes from (default manual)",
    )
    p.add_argument("--address", help="address text")
    p.add_argument("--description", help="what was seen")
    p.add_argument("--hazard", help="hazard level (default: the subtype's)")
    p.add_argument(
        "--field", action="append", default=[], metavar="KEY=VALUE", help="a type-specific field (repeatable)"
    )
    p.add_argument(
        "--officer",
        action="append",
        default=[],
        metavar="NAME:CERTIFICATE",
        help="an officer present (repeatable)",
    )
    p.add_argument(
        "--photo",
        action="append",
        default=[],
        metavar="PATH",
        type=Path,
        help="a photo to add as evidence (repeatable)",
    )
    if not new:
        p.add_argument(
            "--photo-kind",
            action="append",
            default=[],
            metavar="SHA256_PREFIX=KIND",
            help="change the kind of shot of one photo (repeatable)",
        )
        p.add_argument(
            "--photo-note",
            action="append",
            default=[],
            metavar="SHA256_PREFIX=NOTE",
            help="set the note of one photo (repeatable)",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="fieldcase", description="Fieldcase: evidence collection on the tablet.")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="data folder (default: the per-user data folder, or $FIELDCASE_DATA_DIR)",
    )
    _json_flag(parser, top=True)
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(name: str, help_text: str, parent: Any = sub) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(name, help=help_text, description=help_text)
        _json_flag(p)
        return p

    command("gui", "open the tablet app")
    p = command("desk", "open the review desk (supervisors) or the unit desk (disposal units) on a server")
    p.add_argument("--server", default="", help="the server's address (default: the last one used)")
    p.add_argument("--language", choices=("zh_CN", "en"), default=None, help="interface language")
    command("catalogue", "the catalogue: types, subtypes, owners, required evidence, deadlines")

    case = command("case", "record and look at cases")
    case_sub = case.add_subparsers(dest="case_command", parser_class=_Parser)
    _case_options(command("new", "create a draft case", case_sub), new=True)
    p = command("add-photos", "add photos to a draft or returned case", case_sub)
    p.add_argument("case")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--kind", help="the kind of shot of these photos (default: what the subtype lacks)")
    p = command("edit", "edit a draft or returned case", case_sub)
    p.add_argument("case")
    _case_options(p, new=False)
    p = command("submit", "validate and lock a case; it is queued for sync", case_sub)
    p.add_argument("case")
    p = command("list", "list cases, newest first", case_sub)
    p.add_argument("--status", action="append", default=[], help="only cases in this state (repeatable)")
    p.add_argument("--search", default="", help="text in the code, address or description")
    p.add_argument("--limit", type=int, default=None)
    p = command("show", "one case", case_sub)
    p.add_argument("case")
    p = command("log", "a case's audit trail", case_sub)
    p.add_argument("case")
    p = command("verify", "answer a verification task with after-photos: confirm or dispute", case_sub)
    p.add_argument("case")
    answer = p.add_mutually_exclusive_group(required=True)
    answer.add_argument("--confirm", action="store_true", help="the disposal is done as reported")
    answer.add_argument("--dispute", action="store_true", help="it is not: back to the unit (a rework)")
    p.add_argument("--note", default="", help="what was found (required with --dispute)")
    p.add_argument(
        "--photo",
        action="append",
        default=[],
        type=Path,
        metavar="PATH",
        required=True,
        help="an after-disposal photo (repeatable, at least one)",
    )
    p = command("delete", "withdraw a draft that was never submitted", case_sub)
    p.add_argument("case")

    command("check", "database integrity, every photo re-hashed, every audit chain verified")
    p = command("enroll", "join this tablet to a server with a one-time code from IT")
    p.add_argument("--server", required=True, help="the server's URL, e.g. https://fieldcase.example")
    p.add_argument("--code", required=True, help="the one-time enrollment code")
    p = command(
        "provision",
        "set this tablet up from IT's provisioning file (server, language, pinned certificate); "
        "it enrolls now if the server answers, else at the next sync",
    )
    p.add_argument(
        "file", type=Path, help="the file `fieldcase-server device provision` wrote, or a picture of its QR code"
    )
    p = command("login", "log an inspector in on this tablet (offline too, after an online login)")
    p.add_argument("--user", required=True)
    p.add_argument("--password-stdin", action="store_true", required=True, help="read the password from standard input")
    command("logout", "log the current inspector out")
    command("sync", "one full push and pull with the server; prints what moved")
    p = command(
        "export",
        "write a case's verifiable bundle: original photos, signed manifest, public keys; several CASEs or "
        "--all-unsynced write a batch of bundles for `fieldcase-server import` (USB transfer)",
    )
    p.add_argument("case", nargs="*", metavar="CASE")
    p.add_argument(
        "--all-unsynced", action="store_true", help="a batch of every case with a revision not yet on the server"
    )
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="the bundle to write (a .zip)")
    p.add_argument(
        "--watermarked",
        action="store_true",
        help="also put watermarked copies (case, time, coordinates, inspector) in the bundle",
    )
    p = command("verify", "check a case bundle without any Fieldcase database; exit 1 names the first problem")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--expect-key",
        metavar="FINGERPRINT",
        help="the device key's fingerprint as the server recorded it at enrollment",
    )
    p = command("demo", "add realistic demo cases")
    p.add_argument("--cases", type=int, default=20)
    p.add_argument("--photos-per-case", type=int, default=2)
    p.add_argument("--seed", type=int, default=None)
    return parser


def _pairs(items: Sequence[str], what: str) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"{what} {item!r} must be KEY=VALUE")
        out[key.strip()] = value
    return out


class Output:
    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def emit(self, document: Any, text: str | Callable[[], str]) -> None:
        if self.as_json:
            sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write((text() if callable(text) else text).rstrip("\n") + "\n")


def _case_text(case: Any) -> str:
    d = case.to_json()
    loc = d["location"]
    where = f"{loc['lat']:.6f}, {loc['lon']:.6f} ({loc['source']})" if loc else "no location"
    lines = [
        f"{d['code']}  {d['status']}  {d['type']}/{d['subtype']}  hazard {d['hazard']}",
        f"  id        {d['id']}",
        f"  location  {where}",
        f"  address   {d['address'] or '-'}",
        f"  photos    {len(d['photos'])}  sync {d['sync']}",
    ]
    if d["review_note"]:
        lines.append(f"  note      {d['review_note']}")
    return "\n".join(lines)


def _row_text(case: Any) -> str:
    return f"{case.code}  {case.status:<10} {case.type}/{case.subtype:<18} {len(case.photos)} photos  {case.address}"


def run(args: argparse.Namespace, out: Output) -> int:
    from app.services import Tablet

    if args.command == "catalogue":
        from app.domain.catalogue import load_catalogue
        from app.paths import resources_dir

        cat = load_catalogue(resources_dir() / "catalogue.json")

        def text() -> str:
            lines = []
            for t in cat.types:
                lines.append(f"{t.code} ({t.numeric_code}) {t.name('en')} / {t.name('zh_CN')}")
                for s in t.subtypes:
                    ms = ", ".join(f"{m.code} {m.hours:g}h" for m in s.deadlines.milestones)
                    lines.append(
                        f"  {s.code:<18} {s.numeric_code} {s.hazard:<7} photos>={s.min_photos} "
                        f"({', '.join(s.required_kinds)}); deadlines: {ms}"
                    )
            return "\n".join(lines)

        out.emit(cat.to_json(), text)
        return EXIT_OK

    if args.command == "verify":
        return _run_verify(args, out)
    data_dir = args.data_dir or default_data_dir()
    if args.command == "provision":
        return _run_provision(data_dir, args, out)
    with Tablet(data_dir) as tablet:
        if args.command == "check":
            report = tablet.check()
            out.emit(
                report.to_json(),
                lambda: "\n".join(
                    [f"checked {report.cases} cases, {report.photos_checked} photos, {report.events} audit events"]
                    + [
                        f"signatures verified {report.signatures_verified} (unsigned: {report.events_unsigned} "
                        f"events, {report.photos_unsigned} photos, made before this tablet had a key or elsewhere)"
                    ]
                    + [f"PROBLEM: {p}" for p in report.problems]
                    + (["ok"] if report.ok else [])
                ),
            )
            return EXIT_OK if report.ok else EXIT_PROBLEMS
        if args.command == "demo":
            from app.demo import make_demo

            if args.cases < 0 or args.photos_per_case < 0:
                raise UsageError("--cases and --photos-per-case must be 0 or more")
            made = make_demo(tablet, args.cases, args.photos_per_case, seed=args.seed)
            out.emit({"created": made, "photos_per_case": args.photos_per_case}, f"created {made} demo cases")
            return EXIT_OK
        if args.command == "case":
            return _run_case(tablet, args, out)
        if args.command == "export":
            from app.evidence.bundle import export_case

            if args.all_unsynced or len(args.case) > 1:
                return _export_batch(tablet, args, out)
            if not args.case:
                raise UsageError("export: name a CASE, or give --all-unsynced")
            result = export_case(tablet, args.case[0], args.out, watermarked=args.watermarked)
            out.emit(
                result,
                f"wrote {result['file']}: case {result['case']['code']}, {result['photos']} photos, "
                f"{result['events']} events, {result['receipts']} receipts, {result['watermarked_copies']} "
                f"watermarked copies; signed by key {result['key'][:16]}",
            )
            return EXIT_OK
        if args.command in ("enroll", "login", "logout", "sync"):
            return _run_sync(tablet, args, out)
    raise UsageError(f"unknown command {args.command}")


def _run_case(tablet: Any, args: argparse.Namespace, out: Output) -> int:
    cmd = args.case_command
    if cmd is None:
        raise UsageError("case needs a command: new, add-photos, edit, submit, list, show, log, delete")
    if cmd == "new":
        case = tablet.new_case(
            type=args.type,
            subtype=args.subtype,
            lat=args.lat,
            lon=args.lon,
            accuracy_m=args.accuracy,
            location_source=args.source,
            address=args.address or "",
            description=args.description or "",
            fields=_pairs(args.field, "--field"),
            officers=args.officer,
            photos=args.photo,
            hazard=args.hazard,
        )
    elif cmd == "add-photos":
        case = tablet.add_photos(args.case, args.paths, kind=args.kind)
    elif cmd == "edit":
        kwargs: dict[str, Any] = {}
        if args.accuracy is not None:
            kwargs["accuracy_m"] = args.accuracy
        case = tablet.edit_case(
            args.case,
            subtype=args.subtype,
            lat=args.lat,
            lon=args.lon,
            location_source=args.source,
            address=args.address,
            description=args.description,
            fields=_pairs(args.field, "--field"),
            officers=args.officer or None,
            hazard=args.hazard,
            photo_kinds=_pairs(args.photo_kind, "--photo-kind"),
            photo_notes=_pairs(args.photo_note, "--photo-note"),
            photos=args.photo,
            **kwargs,
        )
    elif cmd == "submit":
        case = tablet.submit(args.case)
    elif cmd == "verify":
        case = tablet.verify(args.case, confirm=args.confirm, photos=args.photo, note=args.note)
    elif cmd == "delete":
        case = tablet.delete(args.case)
        out.emit(case.to_json() | {"deleted": True}, f"withdrew {case.code}")
        return EXIT_OK
    elif cmd == "show":
        case = tablet.case(args.case)
    elif cmd == "list":
        from app.domain.states import State
        from storage.repository import CaseFilter

        for status in args.status:
            if status not in {s.value for s in State}:
                raise ValidationError(f"unknown state {status!r} (known: {', '.join(s.value for s in State)})")
        cases = tablet.repo.list_cases(CaseFilter(statuses=tuple(args.status), search=args.search), limit=args.limit)
        out.emit([c.to_json() for c in cases], lambda: "\n".join(_row_text(c) for c in cases))
        return EXIT_OK
    elif cmd == "log":
        events = tablet.log(args.case)
        out.emit(
            [e.to_json() for e in events],
            lambda: "\n".join(
                f"{e.seq:>3}  {e.at}  {e.actor or '-'} ({e.role})  {e.action}  "
                f"{e.from_state or '-'} -> {e.to_state or '-'}"
                for e in events
            ),
        )
        return EXIT_OK
    else:
        raise UsageError(f"unknown case command {cmd}")
    out.emit(case.to_json(), lambda: _case_text(case))
    return EXIT_OK


def _run_sync(tablet: Any, args: argparse.Namespace, out: Output) -> int:
    from app import accounts

    if args.command == "enroll":
        result = accounts.enroll(tablet, args.server, args.code)
        out.emit(result, f"enrolled with {result['server']} as device {result['device']}")
        return EXIT_OK
    if args.command == "login":
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise UsageError("no password on standard input")
        login = accounts.login(tablet, args.user, password)
        out.emit(login.to_json(), f"{login.user} ({login.role}) logged in {'online' if login.online else 'offline'}")
        return EXIT_OK
    if args.command == "logout":
        user = accounts.logout(tablet)
        out.emit({"logged_out": user}, f"{user} logged out" if user else "nobody was logged in")
        return EXIT_OK
    report = tablet.sync()

    def text() -> str:
        lines = [
            f"photos uploaded {report.photos_uploaded} ({report.bytes_uploaded} bytes), cases sent "
            f"{report.cases_sent} (accepted {report.cases_accepted}, already there {report.cases_already}), "
            f"changes pulled {report.changes_pulled}, left {report.left}"
        ]
        lines += [f"refused: {p}" for p in report.cases_parked]
        lines += [f"conflict: {c}" for c in report.conflicts]
        if report.error:
            lines.append(f"stopped: {report.error}")
        return "\n".join(lines)

    out.emit(report.to_json(), text)
    if report.error_kind in ("network", "auth"):
        sys.stderr.write(f"fieldcase: sync: {report.error}\n")
        return EXIT_SERVER
    return EXIT_OK if report.complete else EXIT_PROBLEMS


def _run_provision(data_dir: Path, args: argparse.Namespace, out: Output) -> int:
    from app import provision
    from app.services import Tablet

    doc = provision.read(args.file)  # checked before anything is touched
    with Tablet(data_dir) as tablet:
        result = provision.apply(tablet, doc)

    def text() -> str:
        pinned = "pinned" if result["tls_pinned"] else "not pinned"
        lines = [
            f"provisioned for {result['server']} (language {result['language']}, district "
            f"{result['district'] or '-'}, certificate {pinned})"
        ]
        if result.get("basemap"):
            lines.append(f"basemap {result['basemap']} ({result['coordinate_system']})")
        elif result.get("coordinate_system"):
            lines.append(f"coordinate system {result['coordinate_system']}")
        if result["enrolled"]:
            lines.append(f"enrolled as device {result['device']}")
        else:
            lines.append(str(result["pending"]))
        return "\n".join(lines)

    out.emit(result, text)
    return EXIT_OK


def _apply_placed_provisioning(data_dir: Path) -> None:
    """A provisioning file IT's device management placed is applied at start; never stops the app."""
    try:
        from app import provision

        provision.apply_placed(data_dir)
    except Exception:  # noqa: BLE001 - logged; the app starts anyway
        log.exception("the placed provisioning file could not be applied")


def _export_batch(tablet: Any, args: argparse.Namespace, out: Output) -> int:
    from app.evidence.batch import export_batch

    if args.watermarked:
        raise UsageError("export: --watermarked is for one case's bundle, not a batch")
    result = export_batch(tablet, args.case, args.out, all_unsynced=args.all_unsynced)
    out.emit(
        result,
        f"wrote {result['file']}: a batch of {len(result['cases'])} case(s) "
        f"({', '.join(c['code'] for c in result['cases'])}); signed by key {result['key'][:16]}",
    )
    return EXIT_OK


def _run_verify(args: argparse.Namespace, out: Output) -> int:
    from app.evidence.verify import verify_bundle

    if not args.file.is_file():
        from storage.repository import NotFoundError

        raise NotFoundError(f"{args.file}: no such file")
    report = verify_bundle(args.file, expect_key=args.expect_key)

    def text() -> str:
        r = report
        lines = [
            f"bundle {r.file}: case {r.case_code or '?'} ({r.case_id or '?'})",
            f"  photos re-hashed     {r.photos_rehashed} ({r.bytes_rehashed} bytes)",
            f"  events chained       {r.events_chained}",
            f"  signatures verified  {r.signatures_verified} (unsigned: {r.events_unsigned} events, "
            f"{r.photos_unsigned} photos)",
            f"  receipts             {r.receipts}",
            f"  watermarked copies   {r.copies}",
            f"  device key           {r.enrolled_key or 'not recorded at enrollment'}; manifest signed by "
            f"{r.signed_by or '-'}",
        ]
        lines += [f"  note: {n}" for n in r.notes]
        lines += [f"PROBLEM: {p}" for p in r.problems]
        lines.append("ok" if r.ok else f"NOT OK: {r.problems[0]}")
        return "\n".join(lines)

    out.emit(report.to_json(), text)
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _fail(out: Output, code: int, kind: str, message: str) -> int:
    message = " ".join(message.split("\n"))
    sys.stderr.write(f"fieldcase: {message}\n")
    if out.as_json:
        sys.stdout.write(json.dumps({"error": {"code": kind, "message": message}}, ensure_ascii=False) + "\n")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    from storage.errors import EnvironmentFaultError, PhotoError, StorageError
    from storage.repository import AmbiguousError, NotFoundError

    argv = list(sys.argv[1:] if argv is None else argv)
    out = Output("--json" in argv)
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        return _fail(out, EXIT_USAGE, "usage", str(exc))
    out = Output(bool(getattr(args, "json", False)))
    if args.version:
        from importlib.metadata import version

        out.emit({"version": version("fieldcase")}, version("fieldcase"))
        return EXIT_OK
    if args.command not in ("catalogue", "provision", "verify", "desk"):  # those use no tablet data folder
        _apply_placed_provisioning(args.data_dir or default_data_dir())
    if args.command in (None, "gui"):
        from app.launch import launch_gui

        return launch_gui(args.data_dir)
    if args.command == "desk":
        from app.launch import launch_desk

        return launch_desk(args.server, args.language)
    try:
        return run(args, out)
    except UsageError as exc:
        return _fail(out, EXIT_USAGE, "usage", str(exc))
    except (NotFoundError, AmbiguousError) as exc:
        return _fail(out, EXIT_NOT_FOUND, "not_found", str(exc))
    except ValidationError as exc:
        return _fail(out, EXIT_REFUSED, "validation_failed", str(exc))
    except TransitionError as exc:
        return _fail(out, EXIT_REFUSED, "illegal_transition", str(exc))
    except PhotoError as exc:
        return _fail(out, EXIT_REFUSED, "bad_photo", str(exc))
    except EnvironmentFaultError as exc:
        return _fail(out, EXIT_REFUSED, "environment", str(exc))
    except (DomainError, StorageError) as exc:
        return _fail(out, EXIT_REFUSED, "refused", str(exc))
    except KeyboardInterrupt:
        return _fail(out, 130, "interrupted", "interrupted")
    except Exception as exc:  # never a traceback on the terminal: log it, say it in one line
        # The sync stack (requests, pydantic) is imported only by the commands that use it.
        sync_client = sys.modules.get("sync.client")
        accounts = sys.modules.get("app.accounts")
        if accounts is not None and isinstance(exc, accounts.LoginError):
            return _fail(out, EXIT_SERVER, "login_failed", str(exc))
        if sync_client is not None and isinstance(exc, sync_client.SyncError):
            code = EXIT_SERVER if exc.kind in ("network", "auth") else EXIT_REFUSED
            return _fail(out, code, exc.code or exc.kind, str(exc))
        log.exception("unexpected error")
        return _fail(out, EXIT_REFUSED, "internal_error", f"unexpected error: {type(exc).__name__}: {exc}")


if __name__ == "__main__":
    raise SystemExit(main())
