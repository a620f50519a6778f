"""Entry point of the bundled ``article-studio`` (PyInstaller runs this file as __main__)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # First: the editor lints in a "spawn" child process, which re-runs this executable.
    multiprocessing.freeze_support()
    from article_studio.editor.__main__ import main

    sys.exit(main())
