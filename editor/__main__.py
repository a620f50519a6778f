"""``article-studio``: the desktop editor, and its ``--smoke-test`` mode for CI."""

from __future__ import annotations

import argparse
import os
import sys
import time

_STARTED = time.perf_counter()

INSTALL_HINT = "article-studio needs PySide6: pip install 'article-studio[editor]'"
QT_SYSTEM_PACKAGES = (
    "libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 "
    "libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0"
)


def _parse(argv):
    p = argparse.ArgumentParser(prog="article-studio", description="Editor for Japanese technical articles")
    p.add_argument("files", nargs="*", help="Markdown files to open")
    p.add_argument("--smoke-test", metavar="FILE", help="open FILE, wait for lint and preview, print JSON, exit")
    p.add_argument("--screenshot", metavar="PNG", help="with --smoke-test: save a screenshot of the window")
    p.add_argument("--theme", choices=("system", "light", "dark"), help="override the theme setting")
    p.add_argument("--no-recovery", action="store_true", help="do not offer to restore unsaved work")
    return p.parse_args(argv)


def no_display_message(environ=None, platform: str | None = None) -> str | None:
    """One line when there is no display to open a window on (Qt would abort with a message
    about plugins and libraries instead); None when there is one, or Qt is told where to draw."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "darwin") or platform.startswith("cygwin"):
        return None
    if environ.get("QT_QPA_PLATFORM") or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "article-studio: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set); "
        "run it in a desktop session, or use article-lint on the command line"
    )


def main(argv=None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    try:
        import PySide6  # noqa: F401
    except ModuleNotFoundError:
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    try:
        from PySide6.QtWidgets import QApplication  # noqa: F401
    except ImportError as exc:  # PySide6 is there, a system library Qt needs is not
        print(
            f"article-studio cannot load Qt ({exc}); on Debian or Ubuntu: sudo apt-get install {QT_SYSTEM_PACKAGES}",
            file=sys.stderr,
        )
        return 1
    if args.smoke_test and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    missing = no_display_message()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    from .app import create_app, run_smoke_test

    app, window = create_app(args)
    if args.smoke_test:
        return run_smoke_test(app, window, args.smoke_test, args.screenshot, _STARTED)
    window.show()
    if not args.no_recovery:
        window.offer_recovery()
    for f in args.files:
        window.open_file(f)
    if not args.files:
        window.restore_session()
    if not window.all_tabs():
        window.new_document()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
