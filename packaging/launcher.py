"""The bundled app's entry point: `fieldcase` (the GUI with no command, the CLI with one).

multiprocessing.freeze_support() must run first: the photo decoder is a spawned process
(storage/photos.py), and in a frozen app the child re-runs this executable, which then serves as
the decoder instead of starting the app again.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from app.cli import main

    sys.exit(main())
