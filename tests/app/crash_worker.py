"""Run by the crash test: ingests photos into one case, acknowledging each after it returns.

Usage: python -m tests.app.crash_worker DATA_DIR ACK_FILE PHOTO...
The test kills this process with SIGKILL at a random moment.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.services import Tablet


def main() -> None:
    data_dir, ack = Path(sys.argv[1]), Path(sys.argv[2])
    photos = [Path(p) for p in sys.argv[3:]]
    with Tablet(data_dir) as tablet:
        existing = tablet.case_ids()
        case_id = existing[0] if existing else tablet.new_case(type="manhole_cover", subtype="other").id
        for path in photos:
            case = tablet.add_photos(case_id, [path])
            sha = next(p.sha256 for p in case.photos if p.sha256 not in _acked(ack))
            with ack.open("a") as fh:
                fh.write(sha + "\n")
                fh.flush()
                os.fsync(fh.fileno())


def _acked(ack: Path) -> set[str]:
    return set(ack.read_text().split()) if ack.exists() else set()


if __name__ == "__main__":
    main()
