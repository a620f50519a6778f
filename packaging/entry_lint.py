"""Entry point of the bundled ``article-lint`` (PyInstaller runs this file as __main__)."""

import multiprocessing

if __name__ == "__main__":
    # First: in a frozen program, a --jobs worker process re-runs this executable.
    multiprocessing.freeze_support()
    from article_studio.rules.cli.main import run

    run()
