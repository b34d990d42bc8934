"""Run by the crash test: ingests photos into new cases, acknowledging each after it returns.

Usage: python -m tests.app.crash_worker DATA_DIR ACK_FILE PHOTO...
It never stops by itself; the test kills it with SIGKILL at a random moment.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from app.services import Tablet


def main() -> None:
    data_dir, ack = Path(sys.argv[1]), Path(sys.argv[2])
    photos = [Path(p) for p in sys.argv[3:]]
    with Tablet(data_dir) as tablet:
        while True:
            case_id = tablet.new_case(type="manhole_cover", subtype="other").id
            for original in photos:
                path = _unique_copy(original, data_dir.parent / "scratch")
                before = {p.sha256 for p in tablet.case(case_id).photos}
                case = tablet.add_photos(case_id, [path])
                for sha in {p.sha256 for p in case.photos} - before:
                    with ack.open("a") as fh:
                        fh.write(f"{case_id} {sha}\n")
                        fh.flush()
                        os.fsync(fh.fileno())


def _unique_copy(src: Path, folder: Path) -> Path:
    """The same picture with a random JPEG comment after SOI: new bytes, so a new blob to write."""
    folder.mkdir(exist_ok=True)
    data = src.read_bytes()
    comment = os.urandom(16)
    out = folder / f"{src.stem}-{comment.hex()[:8]}.jpg"
    out.write_bytes(data[:2] + b"\xff\xfe" + struct.pack(">H", 2 + len(comment)) + comment + data[2:])
    return out


if __name__ == "__main__":
    main()
