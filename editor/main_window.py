"""The main window: document tabs, docks, menus, status bar, autosave and session."""

from __future__ import annotations

import os

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from article_studio import rules

from . import file_io, lint_worker, recovery
from .document_tab import DocumentTab
from .find_replace import FindBar
from .folder_dock import FolderDock
from .frontmatter_dock import FrontMatterDock
from .help_dialogs import about
from .i18n import language, set_language, tr
from .outline_dock import OutlineDock
from .problems_dock import ProblemsDock
from .settings_dialog import SettingsDialog
from .theme import apply_palette, is_dark
from .turns import Turns
from .user_config import UserConfig

FILE_FILTER = "Markdown (*.md *.markdown *.mdx *.txt);;All files (*)"


def with_suffix(path: str) -> str:
    """A file name typed without an extension gets ``.md``."""
    return path if os.path.splitext(os.path.basename(path))[1] else path + ".md"


def autosave_interval_ms() -> int:
    try:
        return max(200, int(os.environ.get("ARTICLE_STUDIO_AUTOSAVE_MS", "5000")))
    except ValueError:
        return 5000


class MainWindow(QMainWindow):
    resultApplied = Signal(object, object)  # tab, result

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.user_config = UserConfig.load()
        lint_worker.prewarm()
        self.dark = is_dark(settings.theme)
        self.ask_before_closing = True
        self.zoom_steps = 0
        self.docks_result = None  # the lint result the docks show (they follow a turn later)
        self._turns = Turns(self)
        self.setWindowTitle("Article Studio")
        self.resize(1400, 900)
        self.setAcceptDrops(True)

        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.tabCloseRequested.connect(lambda i: self.close_tab(self.tabs.widget(i)))
        self.tabs.currentChanged.connect(self._current_changed)
        self.find_bar = FindBar()
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.tabs)
        lay.addWidget(self.find_bar)
        self.setCentralWidget(central)

        self.problems = ProblemsDock(self)
        self.outline = OutlineDock(self)
        self.front_matter = FrontMatterDock(self)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.problems)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.outline)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.front_matter)
        self.resizeDocks([self.outline, self.front_matter], [300, 300], Qt.Horizontal)
        self.resizeDocks([self.problems], [180], Qt.Vertical)
        self.folder = FolderDock(self)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.folder)
        self.tabifyDockWidget(self.outline, self.folder)
        self.folder.hide()  # until a folder is opened
        self.folder.openRequested.connect(self.open_file)
        self.folder.siteFindings.connect(self._site_findings)
        self.folder.message.connect(lambda msg: self.statusBar().showMessage(msg, 10000))
        self.problems.openRequested.connect(self.open_at)
        self.problems.jumpRequested.connect(self.jump_to)
        self.outline.jumpRequested.connect(self.jump_to)
        self.front_matter.textEdited.connect(self._front_matter_edited)
        self.front_matter.jumpRequested.connect(self.jump_to)

        self._build_status_bar()
        self._build_menus()

        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(self.autosave_all)
        self.autosave_timer.start(autosave_interval_ms())

        # The user's lint config, also when edited in another program.
        self.config_watcher = QFileSystemWatcher(self)
        self.config_watcher.fileChanged.connect(lambda _p: QTimer.singleShot(50, self.reload_user_config))
        self.config_watcher.directoryChanged.connect(lambda _p: QTimer.singleShot(50, self.reload_user_config))
        self._watch_user_config()
        if self.user_config.error:
            self.statusBar().showMessage(self.user_config.error, 10000)

    # -- building -----------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_counts = QLabel()
        self.status_chars = QLabel()
        self.status_reading = QLabel()
        self.status_pos = QLabel()
        self.status_file = QLabel()
        for w in (self.status_counts, self.status_chars, self.status_reading, self.status_pos, self.status_file):
            w.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(w)

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        self.menu_actions.append(act)
        if shortcut == QKeySequence.ZoomIn:  # Ctrl+= too: Ctrl++ needs Shift on most keyboards
            act.setShortcuts([QKeySequence(QKeySequence.ZoomIn), QKeySequence("Ctrl+=")])
        return act

    def _build_menus(self) -> None:
        mb = self.menuBar()
        mb.clear()
        self.menu_actions: list[QAction] = []
        m = mb.addMenu(tr("&File"))
        self._action(m, tr("New"), self.new_document, QKeySequence.New)
        self._action(m, tr("Open…"), self.open_dialog, QKeySequence.Open)
        self._action(m, tr("Open folder…"), self.open_folder_dialog, "Ctrl+Shift+O")
        self._action(m, tr("Close folder"), self.close_folder)
        self.recent_menu = m.addMenu(tr("Open recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(m, tr("Save"), self.save_current, QKeySequence.Save)
        self._action(m, tr("Save as…"), self.save_as, QKeySequence.SaveAs)
        self._action(m, tr("Close tab"), lambda: self.close_tab(self.current_tab()), QKeySequence.Close)
        m.addSeparator()
        self._action(m, tr("Export clean post…"), self.export_current, "Ctrl+E")
        m.addSeparator()
        self._action(m, tr("Preferences…"), self.preferences, QKeySequence.Preferences)
        self._action(m, tr("Quit"), self.close, QKeySequence.Quit)

        m = mb.addMenu(tr("&Edit"))
        self._action(m, tr("Undo"), lambda: self._with_editor(lambda e: e.undo()), QKeySequence.Undo)
        self._action(m, tr("Redo"), lambda: self._with_editor(lambda e: e.redo()), QKeySequence.Redo)
        m.addSeparator()
        self._action(m, tr("Find / replace…"), self.find_bar.open, QKeySequence.Find)
        self._action(m, tr("Find next"), self.find_bar.find_next, QKeySequence.FindNext)
        m.addSeparator()
        self._action(m, tr("Quick fix…"), lambda: self._with_editor(lambda e: e.show_quick_fix_menu()))
        self._action(m, tr("Clean up draft (every change the export makes)…"), self.clean_up, "Ctrl+Shift+F")
        self._action(m, tr("Fix all safe problems"), self.fix_all, "Ctrl+Alt+F")
        self._action(m, tr("Next problem"), lambda: self.goto_problem(+1), "F8")
        self._action(m, tr("Previous problem"), lambda: self.goto_problem(-1), "Shift+F8")

        m.addSeparator()
        self._action(m, tr("Insert image…"), self.insert_image_dialog, "Ctrl+Shift+I")
        self._action(m, tr("Go to line…"), self.go_to_line, "Ctrl+G")
        self._action(m, tr("Command palette…"), self.command_palette, "Ctrl+Shift+P")

        m = mb.addMenu(tr("&View"))
        for dock in (self.problems, self.outline, self.front_matter, self.folder):
            m.addAction(dock.toggleViewAction())
        m.addSeparator()
        self._action(m, tr("Zoom in"), lambda: self.zoom(+1), QKeySequence.ZoomIn)
        self._action(m, tr("Zoom out"), lambda: self.zoom(-1), QKeySequence.ZoomOut)
        self._action(m, tr("Actual size"), lambda: self.zoom(0), "Ctrl+0")

        m = mb.addMenu(tr("&Help"))
        self._action(m, tr("Rule reference"), self.rule_reference, QKeySequence.HelpContents)
        self._action(m, tr("Keyboard shortcuts"), self.show_shortcuts)
        self._action(m, tr("About Article Studio"), lambda: about(self))

    # -- tabs ---------------------------------------------------------------------------
    def current_tab(self) -> DocumentTab | None:
        w = self.tabs.currentWidget()
        return w if isinstance(w, DocumentTab) else None

    def all_tabs(self) -> list[DocumentTab]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def _new_tab(self) -> DocumentTab:
        tab = DocumentTab(self.settings, self.dark, self.user_config)
        tab.later = self._turns.add  # its preview waits for the docks' updates (see _on_result)
        tab.resultApplied.connect(lambda res, t=tab: self._on_result(t, res))
        tab.stateChanged.connect(lambda t=tab: self._update_title(t))
        tab.editor.cursorPositionChanged.connect(lambda t=tab: self._update_position(t))
        tab.editor.fixApplied.connect(lambda msg: self.statusBar().showMessage(msg, 4000))
        tab.message.connect(lambda msg: self.statusBar().showMessage(msg, 6000))
        tab.set_zoom(self.zoom_steps)
        self.tabs.addTab(tab, tab.title)
        self.tabs.setCurrentWidget(tab)
        return tab

    def new_document(self) -> DocumentTab:
        tab = self._new_tab()
        tab.request_lint(immediate=True)
        return tab

    def open_file(self, path: str) -> DocumentTab | None:
        path = os.path.abspath(path)
        for tab in self.all_tabs():
            if tab.path == path:
                self.tabs.setCurrentWidget(tab)
                return tab
        try:
            tab = self._new_tab()
            tab.load(path)
        except file_io.ReadError as exc:
            self.close_tab(tab, ask=False)
            QMessageBox.warning(self, "Article Studio", str(exc))
            return None
        self.settings.add_recent(path)
        self._update_title(tab)
        return tab

    def open_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Open"), "", FILE_FILTER)
        for p in paths:
            self.open_file(p)

    def open_folder(self, folder: str, jobs: int | None = None) -> bool:
        """Show the site in ``folder`` in the Folder panel: its posts and, as its lint goes on in
        the background, each one's counts (see ``folder_dock``)."""
        if not os.path.isdir(folder):
            QMessageBox.warning(self, "Article Studio", tr("{path} is not a folder.").format(path=folder))
            return False
        self.folder.open_folder(folder, self.user_config, language(), jobs)
        return True

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Open folder"), "")
        if folder:
            self.open_folder(folder)

    def close_folder(self) -> None:
        self.folder.close_folder()
        self.folder.hide()

    def _site_findings(self, findings) -> None:
        self.problems.set_site_findings(findings)

    def open_at(self, path: str, offset: int) -> None:
        """Open a post of the folder (or go to its tab) and put the cursor at ``offset``."""
        tab = self.open_file(path)
        if tab is not None:
            # An offset into the whole text: a long one may still be going in.
            tab.when_loaded(lambda: tab.editor.goto_offset(offset))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for p in self.settings.recent:
            self.recent_menu.addAction(p, lambda p=p: self.open_file(p))
        if not self.settings.recent:
            self.recent_menu.addAction(tr("(none)")).setEnabled(False)

    def confirm_close(self, tabs: list[DocumentTab]) -> bool:
        """Ask about each modified tab in ``tabs`` (save, discard or cancel) before any closes.

        True when all may close: every one the user chose to save was saved. Nothing is
        closed here, so a Cancel (or a failed save) at any prompt leaves every tab as it was.
        """
        for tab in tabs:
            if not (self.ask_before_closing and tab.is_modified()):
                continue
            self.tabs.setCurrentWidget(tab)
            answer = QMessageBox.question(
                self,
                "Article Studio",
                tr("Save changes to {name}?").format(name=tab.title.rstrip(" *")),
                QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel,
            )
            if answer == QMessageBox.Save:
                if not self.save_tab(tab):
                    return False
            elif answer != QMessageBox.Discard:
                return False  # Cancel, or the prompt closed
        return True

    def close_tab(self, tab: DocumentTab | None, ask: bool = True) -> bool:
        if tab is None:
            return False
        if ask and not self.confirm_close([tab]):
            return False
        tab.discard_recovery()
        tab.shutdown()
        self.tabs.removeTab(self.tabs.indexOf(tab))
        tab.deleteLater()
        return True

    def _with_editor(self, fn) -> None:
        tab = self.current_tab()
        if tab:
            fn(tab.editor)

    # -- saving -------------------------------------------------------------------------
    def save_tab(self, tab: DocumentTab, path: str | None = None) -> bool:
        if path is None and tab.path is None:
            path, _ = QFileDialog.getSaveFileName(self, tr("Save as"), "", FILE_FILTER)
            if not path:
                return False
            path = with_suffix(path)
        try:
            try:
                tab.save(path)
            except file_io.SaveConflict as conflict:
                if not self._confirm_overwrite(str(conflict)):
                    return False
                tab.save(path, overwrite=True)
        except (file_io.SaveError, OSError) as exc:
            QMessageBox.critical(self, "Article Studio", str(exc))
            return False
        self.settings.add_recent(tab.path)
        self.statusBar().showMessage(tr("Saved {path}").format(path=tab.path), 3000)
        return True

    def _confirm_overwrite(self, message: str) -> bool:
        answer = QMessageBox.warning(
            self,
            "Article Studio",
            message + "\n\n" + tr("Overwrite it with the text in the editor? The other version is lost."),
            QMessageBox.Save | QMessageBox.Cancel,
            QMessageBox.Cancel,
        )
        return answer == QMessageBox.Save

    def save_current(self) -> bool:
        tab = self.current_tab()
        return self.save_tab(tab) if tab else False

    def save_as(self) -> bool:
        tab = self.current_tab()
        if not tab:
            return False
        path, _ = QFileDialog.getSaveFileName(self, tr("Save as"), tab.path or "", FILE_FILTER)
        return self.save_tab(tab, with_suffix(path)) if path else False

    def export_current(self):
        """File → Export clean post: the core exporter, previewed in a dialog."""
        from .export_dialog import ExportDialog

        tab = self.current_tab()
        if not tab:
            return None
        folder = os.path.join(os.path.dirname(tab.path) if tab.path else os.getcwd(), "export")
        dialog = ExportDialog(tab, folder, self)
        if dialog.exec() and dialog.written:
            self.statusBar().showMessage(tr("Exported to {path}").format(path=dialog.written), 5000)
        return dialog

    def autosave_all(self) -> int:
        return sum(1 for tab in self.all_tabs() if tab.autosave())

    # -- recovery and session -----------------------------------------------------------
    def offer_recovery(self, ask: bool = True) -> list[DocumentTab]:
        """Reopen what a crashed editor had not saved; asks first unless ``ask`` is False."""
        entries = recovery.pending()
        if not entries:
            return []
        if ask:
            names = "\n".join(e.path or tr("Untitled") for e in entries)
            answer = QMessageBox.question(
                self,
                "Article Studio",
                tr("Article Studio did not close normally. Restore unsaved work?") + "\n\n" + names,
                QMessageBox.Yes | QMessageBox.No,
            )
            if answer != QMessageBox.Yes:
                for e in entries:
                    recovery.discard(e)
                return []
        restored = []
        for e in entries:
            tab = self._new_tab()
            tab.set_text(e.text, e.path, e.encoding, e.newline)
            tab.autosave()  # re-home the text under this process before dropping the old file
            recovery.discard(e)
            restored.append(tab)
        return restored

    def restore_session(self) -> None:
        for p in self.settings.session:
            if os.path.isfile(p) and not any(t.path == p for t in self.all_tabs()):
                self.open_file(p)

    def closeEvent(self, event) -> None:
        session = [t.path for t in self.all_tabs() if t.path]
        if not self.confirm_close(self.all_tabs()):
            event.ignore()
            return
        for tab in list(self.all_tabs()):
            self.close_tab(tab, ask=False)
        # A run stopped here keeps what it linted in the cache: give it a moment to write it.
        self.folder.close_folder(wait=3.0)
        self.settings.session = session
        self.settings.save()
        self.autosave_timer.stop()
        event.accept()

    # -- drag and drop ------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_file(url.toLocalFile())
        event.acceptProposedAction()

    # -- problems and fixes -------------------------------------------------------------
    def jump_to(self, offset: int) -> None:
        tab = self.current_tab()
        if tab:
            tab.editor.goto_offset(offset)

    def goto_problem(self, step: int) -> None:
        tab = self.current_tab()
        if not tab or not tab.result or not tab.result.diagnostics:
            return
        here = tab.editor.cp_offset(tab.editor.textCursor().position())
        starts = sorted({d.start for d in tab.result.diagnostics})
        if step > 0:
            target = next((s for s in starts if s > here), starts[0])
        else:
            target = next((s for s in reversed(starts) if s < here), starts[-1])
        tab.editor.goto_offset(target)

    def fix_all(self) -> None:
        """Apply the safe fixes, and say what they leave: the rest needs Clean up or a hand."""
        tab = self.current_tab()
        if not tab:
            return
        diagnostics = list(tab.editor.diagnostics)
        if not tab.editor.fix_all_safe():
            self.statusBar().showMessage(tr("No safe fix to apply (or the text changed since the last check)"), 5000)
            return
        left = [d for d in diagnostics if not (d.fix and d.fix.applicability == "safe")]
        errors = sum(1 for d in left if d.severity == "error")
        self.statusBar().showMessage(
            tr(
                "Applied the safe fixes. {n} findings ({e} errors) have no safe fix: "
                "Clean up draft (Ctrl+Shift+F) shows every change the export makes."
            ).format(n=len(left), e=errors),
            10000,
        )

    def clean_up(self):
        """Edit → Clean up draft: the export's changes as a reviewable diff (see cleanup_dialog)."""
        from .cleanup_dialog import CleanupDialog

        tab = self.current_tab()
        if not tab:
            return None
        dialog = CleanupDialog(tab, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda d=dialog: self._cleaned(d))
        self.cleanup_dialog = dialog
        dialog.open()
        return dialog

    def _cleaned(self, dialog) -> None:
        left = len(dialog.cleanup.remaining) if dialog.cleanup else 0
        self.statusBar().showMessage(
            tr("Cleaned up: {n} changes applied; {e} errors left for the export.").format(n=dialog.applied, e=left),
            10000,
        )

    # -- conveniences ---------------------------------------------------------------------
    def go_to_line(self, line: int | None = None) -> bool:
        """Edit → Go to line (Ctrl+G): asks for a line number unless given one (1-based)."""
        tab = self.current_tab()
        if not tab:
            return False
        tab.editor.finish_loading()  # lines of the whole text
        count = tab.editor.blockCount()
        if line is None:
            here = tab.editor.textCursor().blockNumber() + 1
            line, ok = QInputDialog.getInt(self, tr("Go to line"), tr("Line (1–{n})").format(n=count), here, 1, count)
            if not ok:
                return False
        block = tab.editor.document().findBlockByNumber(max(0, min(count, line) - 1))
        cur = tab.editor.textCursor()
        cur.setPosition(block.position())
        tab.editor.setTextCursor(cur)
        tab.editor.centerCursor()
        tab.editor.setFocus()
        return True

    def zoom(self, step: int) -> None:
        """View → Zoom: the source and the preview of every tab, by ``step`` points (0: back to normal)."""
        self.zoom_steps = 0 if step == 0 else max(-6, min(20, self.zoom_steps + step))
        for tab in self.all_tabs():
            tab.set_zoom(self.zoom_steps)

    def command_palette(self):
        from .command_palette import CommandPalette

        palette = CommandPalette(self.menu_actions, self)
        palette.setAttribute(Qt.WA_DeleteOnClose)
        self.palette = palette
        palette.open()
        return palette

    def rule_reference(self):
        from .help_dialogs import RuleReferenceDialog

        dialog = RuleReferenceDialog(self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_shortcuts(self):
        from .help_dialogs import ShortcutsDialog

        dialog = ShortcutsDialog(self.menu_actions, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def insert_image_dialog(self) -> None:
        tab = self.current_tab()
        if not tab:
            return
        if not tab.path:
            self.statusBar().showMessage(tr("Save the article first: images go into its site's image folder."), 6000)
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("Insert image"), "", tr("Images") + " (*.png *.jpg *.jpeg *.gif *.webp *.svg)"
        )
        for path in paths:
            tab.insert_image_file(path)

    def _front_matter_edited(self, text: str) -> None:
        tab = self.current_tab()
        if tab:
            tab.editor.replace_text(text)

    # -- updates ------------------------------------------------------------------------
    def _current_changed(self, _index: int) -> None:
        tab = self.current_tab()
        self.find_bar.attach(tab.editor if tab else None)
        if tab and tab.result:
            self._on_result(tab, tab.result)
        elif not tab:
            self.problems.set_diagnostics([])
            self.outline.set_entries([])
        if tab:
            self._update_position(tab)
            self._update_title(tab)

    def _on_result(self, tab: DocumentTab, res) -> None:
        if tab is self.current_tab():
            # Each dock in its own turn of the event loop: on a long article each takes tens of
            # milliseconds, and together they held the window still for over a hundred.
            self._later(tab, res, lambda: self.problems.set_diagnostics(res.diagnostics))
            self._later(tab, res, lambda: self.outline.set_entries(res.outline))
            self._later(
                tab,
                res,
                lambda: self.front_matter.update_from(
                    res.text,
                    res.front_matter,
                    res.front_matter_error,
                    res.profile,
                    res.diagnostics,
                    res.front_matter_spans,
                ),
            )
            self._later(tab, res, lambda: setattr(self, "docks_result", res))
            errors = sum(1 for d in res.diagnostics if d.severity == "error")
            warnings = sum(1 for d in res.diagnostics if d.severity == "warning")
            self.status_counts.setText(tr("{e} errors, {w} warnings").format(e=errors, w=warnings))
            self.status_chars.setText(tr("{n} chars").format(n=f"{res.characters:,}"))
            self.status_reading.setText(tr("{m} min read").format(m=res.minutes))
            if res.error:
                self.statusBar().showMessage(res.error, 8000)
        self.resultApplied.emit(tab, res)

    def _later(self, tab: DocumentTab, res, update) -> None:
        """Run ``update`` in a later turn of the event loop, if ``res`` is then still the one shown."""
        self._turns.add(lambda: tab is self.current_tab() and tab.result is res and update())

    def _update_position(self, tab: DocumentTab) -> None:
        if tab is not self.current_tab():
            return
        cur = tab.editor.textCursor()
        block = cur.block()
        col = rules.LineIndex(block.text()).code_point(cur.positionInBlock()) + 1
        self.status_pos.setText(tr("Ln {l}, Col {c}").format(l=block.blockNumber() + 1, c=col))
        nl = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}.get(tab.source.newline, "LF")
        self.status_file.setText(f"{tab.source.label} · {nl}")

    def _update_title(self, tab: DocumentTab) -> None:
        i = self.tabs.indexOf(tab)
        if i >= 0:
            self.tabs.setTabText(i, tab.title)
            self.tabs.setTabToolTip(i, tab.path or "")
        if tab is self.current_tab():
            self.setWindowTitle(f"{tab.title} — Article Studio")
            self._update_position(tab)

    # -- settings -----------------------------------------------------------------------
    def preferences(self) -> None:
        dlg = SettingsDialog(self.settings, self.user_config, self)
        if dlg.exec():
            self.apply_settings(config_changed=dlg.apply())

    def _watch_user_config(self) -> None:
        path = self.user_config.path
        for p in (str(path), str(path.parent)):
            if os.path.exists(p) and p not in self.config_watcher.files() + self.config_watcher.directories():
                self.config_watcher.addPath(p)

    def reload_user_config(self) -> bool:
        """Read the user's config file again; re-lint the tabs it applies to when it changed."""
        fresh = UserConfig.load(self.user_config.path)
        self._watch_user_config()
        if fresh.table == self.user_config.table and fresh.error == self.user_config.error:
            return False
        self.user_config = fresh
        if fresh.error:
            self.statusBar().showMessage(fresh.error, 10000)
        for tab in self.all_tabs():
            tab.refresh_config(fresh)
        return True

    def retranslate(self) -> None:
        """Every string of the window in the UI language again (after a switch in Preferences)."""
        self._build_menus()
        for part in (self.problems, self.outline, self.front_matter, self.find_bar, self.folder):
            part.retranslate()
        for tab in self.all_tabs():
            tab.retranslate()
        self._current_changed(self.tabs.currentIndex())

    def apply_settings(self, config_changed: bool = False) -> None:
        if self.settings.language != language():
            set_language(self.settings.language)
            self.retranslate()
        dark = is_dark(self.settings.theme)
        if dark != self.dark:
            self.dark = dark
            apply_palette(QApplication.instance(), dark)
        if config_changed:
            self._watch_user_config()
        for tab in self.all_tabs():
            if config_changed:
                tab.refresh_config(self.user_config, lint=tab.dark == dark)
            if tab.dark != dark:
                tab.set_dark(dark)
            elif tab.preview.remote_images != self.settings.remote_images:
                tab.request_lint(immediate=True)  # web images shown or hidden from the next render
