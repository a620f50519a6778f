"""One open document: the source editor beside its preview, its file, and its lint state."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from article_studio import rules

from . import file_io, recovery, site_images
from .highlighter import MarkdownHighlighter
from .i18n import tr
from .lint_worker import LintController, Request
from .png import png_bytes
from .previews import create_preview
from .source_editor import SourceEditor
from .theme import colors
from .user_config import UserConfig, document_config

# Texts longer than this go into the editor over several turns of the event loop when they are
# opened, and are coloured a screen first.
LONG_TEXT = 20_000

# (background, text) of the notice bars, by kind and theme.
NOTICE_COLORS = {
    ("warning", False): ("#fff3cd", "#3d3000"),
    ("warning", True): ("#4a3f12", "#fff3cd"),
    ("error", False): ("#f8d7da", "#58151c"),
    ("error", True): ("#5c1f25", "#fbe3e5"),
}


class NoticeBar(QFrame):
    """A slim coloured row above the editor: one line of text, and buttons on its right."""

    kind = "warning"

    def __init__(self, dark: bool = False, parent=None):
        super().__init__(parent)
        self.setObjectName(type(self).__name__)
        self.setFrameShape(QFrame.StyledPanel)
        # As tall as its contents, never more: the editor below takes the rest.
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(8, 2, 8, 2)
        self.label = QLabel()
        self.label.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Maximum)
        self.row.addWidget(self.label, 1)
        self.set_dark(dark)
        self.hide()

    def set_dark(self, dark: bool) -> None:
        bg, fg = NOTICE_COLORS[(self.kind, dark)]
        name = self.objectName()
        self.setStyleSheet(f"#{name} {{ background-color: {bg}; border: none; }} #{name} QLabel {{ color: {fg}; }}")


class ChangedOnDiskBar(NoticeBar):
    """Shown when another program changed the file: reload it, or keep this version."""

    def __init__(self, dark: bool = False, parent=None):
        super().__init__(dark, parent)
        self.deleted = False
        self.reload_button = QPushButton()
        self.keep_button = QPushButton()
        self.row.addWidget(self.reload_button)
        self.row.addWidget(self.keep_button)
        self.retranslate()

    def show_change(self, deleted: bool) -> None:
        self.deleted = deleted
        self.retranslate()
        self.reload_button.setEnabled(not deleted)
        self.show()

    def retranslate(self) -> None:
        self.label.setText(
            tr("The file was deleted or moved by another program.")
            if self.deleted
            else tr("The file was changed on disk by another program.")
        )
        self.reload_button.setText(tr("Reload"))
        self.keep_button.setText(tr("Keep mine"))


class ConfigErrorBar(NoticeBar):
    """Shown while the document's config file cannot be used, with the reason."""

    kind = "error"

    def __init__(self, dark: bool = False, parent=None):
        super().__init__(dark, parent)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)

    def show_error(self, error: str | None) -> None:
        if error:
            self.label.setText(
                tr("Config error: {error}. Linting with your own settings until it is fixed.").format(error=error)
            )
            self.show()
        else:
            self.hide()


class DocumentTab(QWidget):
    resultApplied = Signal(object)  # lint_worker.Result
    previewApplied = Signal(object)  # the same Result, once the preview shows it
    stateChanged = Signal()  # title, modified flag or file changed
    message = Signal(str)  # something to tell the writer in the status bar

    def __init__(self, settings, dark: bool, user_config: UserConfig | None = None, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.dark = dark
        self.path: str | None = None
        self.source = file_io.new_source()
        self.saved_bytes: bytes | None = None  # the file as this tab last read or wrote it
        self.kept_over: bytes | None = None  # a version on disk the user chose to overwrite
        self.recovery_id = recovery.new_id()
        self.revision = 0
        self.result = None
        self.user_config = user_config if user_config is not None else UserConfig.load()
        self.config, self.config_error = document_config(None, self.user_config, self._language())
        self.first_lint_ms: float | None = None
        self.first_preview_ms: float | None = None
        self._created = time.perf_counter()
        self._modified_when_loaded = False  # what is_modified says while a text goes in
        self._after_load: list[Callable[[], object]] = []  # what waits for the whole text (when_loaded)
        # Runs an update in a later turn of the event loop, after those queued before it (the
        # window's Turns); None: at once.
        self.later: Callable[[Callable[[], object]], None] | None = None
        self._shut = False  # shut down: closed, or about to be

        self.editor = SourceEditor(colors(dark))
        self.highlighter = MarkdownHighlighter(self.editor.document(), colors(dark))
        self.preview = create_preview(getattr(settings, "preview_engine", "textbrowser"), dark)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([1, 1])
        self.disk_bar = ChangedOnDiskBar(dark)
        self.disk_bar.reload_button.clicked.connect(self.reload_from_disk)
        self.disk_bar.keep_button.clicked.connect(self.keep_mine)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.config_bar = ConfigErrorBar(dark)
        self.config_bar.show_error(self.config_error)
        lay.addWidget(self.disk_bar)
        lay.addWidget(self.config_bar)
        lay.addWidget(self.splitter, 1)

        self.lint = LintController(self)
        self.lint.resultReady.connect(self._on_result)
        self.lint.previewReady.connect(self._on_rendered)
        self.editor.document().contentsChanged.connect(self._on_edit)
        self.editor.loaded.connect(self._on_loaded)
        self.editor.document().modificationChanged.connect(lambda _: self.stateChanged.emit())
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_disk_change)

        self._syncing = False
        self.editor.image_handler = self.insert_image
        self.editor.verticalScrollBar().valueChanged.connect(self._editor_scrolled)
        self.preview.topLineChanged.connect(self._preview_scrolled)

    # -- files --------------------------------------------------------------------------
    @property
    def title(self) -> str:
        name = os.path.basename(self.path) if self.path else tr("Untitled")
        return name + (" *" if self.is_modified() else "")

    def is_modified(self) -> bool:
        if self.editor.loading:
            return self._modified_when_loaded  # the slices going in are no edit of the writer's
        return self.editor.document().isModified()

    def text(self) -> str:
        """The whole text (one still going in is put in at once first)."""
        return self.editor.plain_text()

    def when_loaded(self, action: Callable[[], object]) -> None:
        """Run ``action()`` once the whole text is in the editor: now, unless it is still going in."""
        if self.editor.loading:
            self._after_load.append(action)
        else:
            action()

    def load(self, path: str) -> None:
        """Open ``path``; raises file_io.ReadError with a one-line message.

        A long text goes in over the next turns of the event loop; until then ``text()``, saving and
        typing put the rest in at once first (see ``_set_long_text``).
        """
        source = file_io.load(path)
        self.path = os.path.abspath(path)
        self.source = source
        self.refresh_config(lint=False)
        self.saved_bytes = source.raw
        self._watch()
        self._set_long_text(source.text, modified=False)

    def set_text(self, text: str, path: str | None, encoding: str = "utf-8", newline: str = "\n") -> None:
        """Show recovered or new text (marked modified, so it is not lost by closing)."""
        self.path = path
        self.source = rules.SourceText(text, encoding, newline)
        self.refresh_config(lint=False)
        if path and os.path.exists(path):
            try:
                on_disk: rules.SourceText | None = file_io.load(path)
            except file_io.ReadError:
                on_disk = None
            # The version a later change is measured against; and saving keeps the bytes of
            # what the recovered text shares with it.
            self.saved_bytes = on_disk.raw if on_disk is not None else self._read_disk()
            if on_disk is not None and (on_disk.encoding, on_disk.newline) == (encoding, newline):
                self.source = on_disk
            self._watch()
        self._set_long_text(text, modified=True)

    def _set_long_text(self, text: str, modified: bool) -> None:
        """Put a whole text into the editor, then lint it (``_on_loaded``).

        A long one goes in over several turns of the event loop (see ``SourceEditor.load_text``)
        and is coloured a screen first, the rest once it is all in (see the highlighter).
        """
        self._modified_when_loaded = modified
        long = len(text) > LONG_TEXT
        if long:
            self.highlighter.defer(start=False)
        self.editor.load_text(text, in_slices=long)

    def _on_loaded(self) -> None:
        """The whole text is in: its modified flag, its one lint, and what waited for it."""
        self.editor.document().setModified(self._modified_when_loaded)
        self.highlighter.resume()
        self.revision += 1
        self.request_lint(immediate=True)
        self.stateChanged.emit()
        waiting, self._after_load = self._after_load, []
        for action in waiting:
            action()

    def refresh_config(self, user_config: UserConfig | None = None, lint: bool = True) -> None:
        """Find the config again (the project's, else the user's) and show its error, if any."""
        if user_config is not None:
            self.user_config = user_config
        self.config, self.config_error = document_config(self.path, self.user_config, self._language())
        self.config_bar.show_error(self.config_error)
        if lint:
            self.request_lint(immediate=True)

    def _language(self) -> str | None:
        """The UI language, which the lint messages follow unless the config sets ``language``."""
        return getattr(self.settings, "language", None)

    def save(self, path: str | None = None, overwrite: bool = False) -> None:
        """Save atomically in the file's encoding and line endings; raises file_io.SaveError.

        Raises file_io.SaveConflict instead of overwriting a version of the file that another
        program wrote since this tab read, saved, or was told to keep its own text over it;
        ``overwrite=True`` saves anyway.
        """
        self.editor.finish_loading()  # never a file of part of the text
        target = os.path.abspath(path or self.path)
        expect = None  # the versions on disk this save may replace (None: the file may be gone)
        if not overwrite and target == self.path:
            expect = [b for b in (self.saved_bytes, self.kept_over) if b is not None] + [None]
        if self.path and self.path in self.watcher.files():
            self.watcher.removePath(self.path)
        try:
            saved = file_io.save(target, self.text(), self.source, expect)
        except file_io.SaveConflict:
            self._watch()
            raise file_io.SaveConflict(
                tr("{path} was changed on disk by another program.").format(path=target)
            ) from None
        except BaseException:
            self._watch()
            raise
        self.source = saved
        self.saved_bytes = saved.raw
        self.kept_over = None
        if target != self.path:
            self.path = target
            self.refresh_config(lint=False)
        self.editor.document().setModified(False)
        recovery.remove(self.recovery_id)
        self.disk_bar.hide()
        self._watch()
        self.request_lint(immediate=True)
        self.stateChanged.emit()

    def autosave(self) -> bool:
        if not self.is_modified():
            recovery.remove(self.recovery_id)
            return False
        self.editor.finish_loading()  # a recovered text is recorded whole, never in part
        recovery.write(self.recovery_id, self.path, self.text(), self.source.encoding, self.source.newline)
        return True

    def discard_recovery(self) -> None:
        recovery.remove(self.recovery_id)

    def _watch(self) -> None:
        if self.path and os.path.exists(self.path) and self.path not in self.watcher.files():
            self.watcher.addPath(self.path)

    def _on_disk_change(self, path: str) -> None:
        # An atomic save elsewhere replaces the file: the watcher drops it, so watch again.
        QTimer.singleShot(50, self._check_disk)

    def _read_disk(self) -> bytes | None:
        return file_io.read_disk(self.path) if self.path else None

    def _check_disk(self) -> None:
        if not self.path:
            return
        self._watch()
        data = self._read_disk()
        if data is not None and (data == self.saved_bytes or data == self.kept_over):
            return  # our own save, no real change, or the version the user chose to keep over
        self.disk_bar.show_change(deleted=data is None)

    def reload_from_disk(self) -> None:
        source = file_io.load(self.path)
        self.saved_bytes = source.raw
        self.source = source
        self.kept_over = None
        self.editor.replace_text(source.text)  # one undo step: the user can go back
        self.editor.document().setModified(False)
        self.disk_bar.hide()
        self.stateChanged.emit()

    def keep_mine(self) -> None:
        """Keep the text here over the version on disk: saving will overwrite that version
        (and only that one: a later change by another program is reported again)."""
        self.editor.finish_loading()  # or the end of the load would mark the text unmodified again
        self.disk_bar.hide()
        self.kept_over = self._read_disk()
        self.editor.document().setModified(True)

    # -- lint ---------------------------------------------------------------------------
    def _on_edit(self) -> None:
        if self.editor.loading or self.highlighter.recolouring:
            return  # part of a text going in (its end lints it), or only colours changed
        self.revision += 1
        self.request_lint()

    def request_lint(self, immediate: bool = False) -> None:
        if self.editor.loading:
            return  # the whole text is linted once it is in (_on_loaded), never a part of it
        remote = bool(getattr(self.settings, "remote_images", False))
        # The preview may fetch web images only while the setting is on (the render says which).
        self.preview.remote_images = remote
        req = Request(
            self.revision,
            self.text(),
            self.path,
            self.config,
            self.config.profile,
            self.config.reading_speed,
            self.dark,
            remote,
            images=self.preview.shows_images,
        )
        self.lint.request(req, immediate=immediate)

    def _on_result(self, res) -> None:
        if res.revision != self.revision:
            return
        self.result = res
        self.editor.set_diagnostics(res.diagnostics, res.text)
        if self.first_lint_ms is None:
            self.first_lint_ms = (time.perf_counter() - self._created) * 1000
        self.resultApplied.emit(res)

    def _on_rendered(self, rendered) -> None:
        """The preview HTML of the current result: it arrives after the findings, and is shown
        after the docks' updates for them (``later``), each in a turn of its own: on a long article
        the first page and the docks' first fill each take ~15 ms, and together held the window."""
        if self.later is None:
            self._apply_rendered(rendered)
        else:
            self.later(lambda: self._apply_rendered(rendered))

    def _apply_rendered(self, rendered) -> None:
        """Show ``rendered`` if it is still the preview of the result shown."""
        if self._shut:
            return  # the tab closed while its preview waited for its turn
        res = self.result
        if res is None or rendered.revision != res.revision or rendered.revision != self.revision:
            return  # a newer snapshot is on its way; it brings its own preview
        res.html, res.line_map, res.render_ms = rendered.html, rendered.line_map, rendered.render_ms
        res.images = rendered.images
        self._show_preview(res)

    def _show_preview(self, res) -> None:
        self.preview.set_math_images(res.images)
        self.preview.show_html(res.html)
        if self.first_preview_ms is None:
            self.first_preview_ms = (time.perf_counter() - self._created) * 1000
        self.previewApplied.emit(res)

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        c = colors(dark)
        self.editor.set_colors(c)
        self.highlighter.set_colors(c)
        self.preview.set_dark(dark)
        self.disk_bar.set_dark(dark)
        self.config_bar.set_dark(dark)
        self.request_lint(immediate=True)

    # -- scroll sync --------------------------------------------------------------------
    def _editor_scrolled(self, _value: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.preview.scroll_to_line(self.editor.first_visible_line())
        finally:
            self._syncing = False

    def _preview_scrolled(self, line: float) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.editor.scroll_to_line(int(line))
        finally:
            self._syncing = False

    # -- images and zoom ----------------------------------------------------------------
    def insert_image_file(self, path: str) -> bool:
        """Copy an image file into the site's image folder and link it at the cursor."""
        if not self.path:
            self.message.emit(tr("Save the article first: images go into its site's image folder."))
            return False
        profile = self.result.profile if self.result else "none"
        try:
            markdown = site_images.copy_into_site(Path(self.path), Path(path), profile)
        except OSError as exc:
            self.message.emit(tr("Cannot copy the image: {error}").format(error=exc))
            return False
        self.editor.insertPlainText(markdown)
        return True

    def insert_image(self, image: QImage | None, path: str | None) -> bool:
        """A pasted or dropped image (a picture, or a file): into the site's image folder, linked."""
        if path:
            return self.insert_image_file(path)
        if image is None or image.isNull():
            return False
        if not self.path:
            self.message.emit(tr("Save the article first: images go into its site's image folder."))
            return False
        name = f"pasted-{time.strftime('%Y%m%d-%H%M%S')}.png"
        try:
            target = site_images.write_into_site(Path(self.path), name, png_bytes(image))
        except OSError as exc:
            self.message.emit(tr("Cannot save the pasted image: {error}").format(error=exc))
            return False
        profile = self.result.profile if self.result else "none"
        self.editor.insertPlainText(
            site_images.markdown_image("", site_images.link_for(Path(self.path), target, profile))
        )
        return True

    def set_zoom(self, steps: int) -> None:
        """Text ``steps`` points larger (or smaller) than normal, in the source and the preview."""
        self.editor.set_zoom(steps)
        zoom = getattr(self.preview, "set_zoom", None)
        if zoom is not None:
            zoom(steps)

    def retranslate(self) -> None:
        """Put the tab's own strings into the UI language again; its findings follow the new
        language with the next lint (their messages come from the core)."""
        self.disk_bar.retranslate()
        self.refresh_config()
        self.stateChanged.emit()

    def shutdown(self) -> None:
        self._shut = True
        self.editor.stop_loading()  # the tab closes: the rest of a text going in is not needed
        self.lint.shutdown()
