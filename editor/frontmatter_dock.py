"""The Front matter dock: a form built from the profile's JSON Schema and the values present.

Each key gets the widget its value and schema call for: a line of text, a choice, a check
box, a number, or a tag editor for lists (``tags``, ``categories``, ``topics``: a list stays a
list). A value the form cannot edit without changing what it means (a mapping, a multi-line
string, a string Jekyll would split on spaces, a list of mappings, a type the schema does not
allow) is shown read-only with a link to its place in the YAML, and never rewritten. Edits go
through ``frontmatter_yaml.set_value``, which changes only that value's characters and
refuses any write that would not read back as intended. Fields with front-matter problems
are marked.
"""

from __future__ import annotations

import datetime as _dt
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from article_studio import rules

from .frontmatter_yaml import WriteRefused, read_value, set_value
from .i18n import tr
from .tag_editor import TagEditor

TEXT, ENUM, BOOLEAN, INTEGER, LIST, DATE, READONLY = "text", "enum", "boolean", "integer", "list", "date", "readonly"


def allowed_types(spec: dict) -> set[str]:
    """The JSON types ``spec`` allows, through ``oneOf``/``anyOf``; empty when it says nothing."""
    out: set[str] = set()
    kind = spec.get("type")
    if isinstance(kind, str):
        out.add(kind)
    elif isinstance(kind, list):
        out.update(k for k in kind if isinstance(k, str))
    for key in ("oneOf", "anyOf"):
        for sub in spec.get(key) or ():
            if isinstance(sub, dict):
                out |= allowed_types(sub)
    if "integer" in out:
        out.add("number")
    return out


def _string_items(spec: dict) -> bool:
    """Whether the arrays ``spec`` allows hold strings (or it does not say)."""
    subs = [spec] + [s for k in ("oneOf", "anyOf") for s in spec.get(k) or () if isinstance(s, dict)]
    for sub in subs:
        if sub.get("type") == "array":
            items = sub.get("items")
            if isinstance(items, dict) and items.get("type") not in (None, "string"):
                return False
    return True


def field_kind(spec: dict, value, present: bool) -> tuple[str, str]:
    """The widget for a key: (kind, why it is read-only, or "")."""
    types = allowed_types(spec)
    lists_ok = "array" in types and _string_items(spec)
    prefers_list = lists_ok and (types <= {"array", "null"} or isinstance(spec.get("default"), list))
    if not present or value is None:
        if "enum" in spec:
            return ENUM, ""
        if prefers_list:
            return LIST, ""
        if types and types <= {"boolean", "null"}:
            return BOOLEAN, ""
        if types and types <= {"integer", "number", "null"}:
            return INTEGER, ""
        return TEXT, ""
    if isinstance(value, bool):
        return (BOOLEAN, "") if not types or "boolean" in types else (READONLY, tr("not a yes/no value here"))
    if isinstance(value, int):
        return (INTEGER, "") if not types or "integer" in types or "number" in types else (READONLY, "")
    if isinstance(value, (_dt.date, _dt.datetime)):
        return DATE, ""
    if isinstance(value, str):
        if "\n" in value:
            return READONLY, tr("a text of several lines")
        if "enum" in spec:
            return ENUM, ""
        if prefers_list:
            # Jekyll splits a string of tags or categories at spaces: one word is a list of one.
            if any(ch.isspace() for ch in value):
                return READONLY, tr("a list written as one string separated by spaces")
            return LIST, ""
        return (TEXT, "") if not types or "string" in types else (READONLY, tr("not text here"))
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value) and (not types or lists_ok):
            return LIST, ""
        return READONLY, tr("a list of structured items")
    return READONLY, tr("a structured value")


def _summary(value) -> str:
    if isinstance(value, dict):
        text = ", ".join(f"{k}: {v}" for k, v in value.items())
    elif isinstance(value, list):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    text = text.replace("\n", " ⏎ ")
    return text if len(text) <= 60 else text[:60] + "…"


class ReadOnlyField(QWidget):
    """A value shown as it is, with a link that takes the cursor to it in the YAML."""

    def __init__(self, why: str, parent=None):
        super().__init__(parent)
        self.why = why
        self.value = QLabel()
        self.value.setWordWrap(True)
        self.link = QLabel(f'<a href="#">{tr("Edit in YAML")}</a>')
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.value, 1)
        lay.addWidget(self.link)
        if why:
            self.setToolTip(tr("Not editable in the form: {why}").format(why=why))

    def show_value(self, value) -> None:
        self.value.setText(_summary(value))


class FrontMatterDock(QDockWidget):
    textEdited = Signal(str)  # the whole new text, to apply as one undo step
    jumpRequested = Signal(int)  # a code-point offset in the text (a value shown read-only)

    def __init__(self, parent=None):
        super().__init__(tr("Front matter"), parent)
        self.setObjectName("frontmatter")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        # Rows keep their natural height; the scroll area scrolls instead of squashing them.
        self.form.setSizeConstraint(QFormLayout.SetMinimumSize)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.status)
        lay.addWidget(scroll)
        self.setWidget(box)
        self.fields: dict[str, tuple[QWidget, str]] = {}
        self._layout_key = None
        self._shown_key = None
        self._text = ""
        self._data: dict = {}
        self._spans: dict = {}
        self._last: tuple | None = None

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Front matter"))
        self._layout_key = self._shown_key = None  # rebuilt with the next update
        if self._last is not None:
            self.update_from(*self._last)

    def update_from(
        self, text: str, data: dict | None, error: str | None, profile: str, diagnostics=(), spans: dict | None = None
    ) -> None:
        self._last = (text, data, error, profile, diagnostics, spans)
        self._text = text
        self._data = dict(data or {})
        self._spans = dict(spans or {})
        fm_diags = tuple((d.code, d.start, d.end, d.message) for d in diagnostics if d.code.startswith("FM"))
        key = (repr(data), error, profile, repr(spans), fm_diags)
        if key == self._shown_key:
            return  # typing in the body: nothing here changed
        self._shown_key = key
        schema = rules.profile_schema(profile) if profile and profile != "none" else None
        props = (schema or {}).get("properties", {})
        required = set((schema or {}).get("required", []))
        data = self._data
        keys = list(data) + [k for k in props if k not in data]
        kinds = [field_kind(props.get(k, {}), data.get(k), k in data) for k in keys]
        layout_key = (profile, tuple(keys), tuple(kinds))
        if layout_key != self._layout_key:
            self._build(keys, kinds, props, required)
            self._layout_key = layout_key
        focus = QApplication.focusWidget()
        for k, (widget, kind) in self.fields.items():
            if focus is None or not (widget is focus or widget.isAncestorOf(focus)):
                self._show(widget, kind, data.get(k))
        head = tr("Profile: {profile}").format(profile=profile)
        if schema is None:
            head += " — " + tr("no schema; fields follow the values")
        if error:
            head += "\n" + tr("YAML error: {error}").format(error=error)
        self.status.setText(head)
        self._mark_problems(self._spans, diagnostics)

    def _build(self, keys, kinds, props, required) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        for key, (kind, why) in zip(keys, kinds, strict=True):
            spec = props.get(key, {})
            if kind == ENUM:
                widget = QComboBox()
                widget.setEditable(True)
                widget.addItems([str(v) for v in spec.get("enum", [])])
                widget.activated.connect(lambda _=0, k=key: self._commit(k))
                widget.lineEdit().editingFinished.connect(lambda k=key: self._commit(k))
            elif kind == BOOLEAN:
                widget = QCheckBox()
                widget.clicked.connect(lambda _=False, k=key: self._commit(k))
            elif kind == INTEGER:
                widget = QSpinBox()
                widget.setRange(spec.get("minimum", -1_000_000), spec.get("maximum", 1_000_000))
                widget.editingFinished.connect(lambda k=key: self._commit(k))
            elif kind == LIST:
                widget = TagEditor()
                widget.edited.connect(lambda k=key: self._commit(k))
            elif kind == READONLY:
                widget = ReadOnlyField(why)
                widget.link.linkActivated.connect(lambda _href, k=key: self._jump(k))
            else:
                widget = QLineEdit()
                widget.editingFinished.connect(lambda k=key: self._commit(k))
            if spec.get("description") and kind != READONLY:
                widget.setToolTip(spec["description"])
            label = key + (" *" if key in required else "")
            widget.setObjectName("fm-" + re.sub(r"[^A-Za-z0-9_-]", "_", key))
            widget.setAttribute(Qt.WA_StyledBackground, True)  # so that a problem's border shows
            self.form.addRow(label, widget)
            self.fields[key] = (widget, kind)

    @staticmethod
    def _show(widget, kind, value) -> None:
        widget.blockSignals(True)
        try:
            if kind == BOOLEAN:
                widget.setChecked(bool(value))
            elif kind == INTEGER:
                widget.setValue(value if isinstance(value, int) else 0)
            elif kind == ENUM:
                widget.setCurrentText("" if value is None else str(value))
            elif kind == LIST:
                widget.set_values(value if isinstance(value, list) else [value] if value else [])
            elif kind == READONLY:
                widget.show_value(value)
            elif kind == DATE and isinstance(value, (_dt.date, _dt.datetime)):
                widget.setText(value.isoformat())
            else:
                widget.setText("" if value is None else str(value))
        finally:
            widget.blockSignals(False)

    def value_of(self, key):
        widget, kind = self.fields[key]
        if kind == BOOLEAN:
            return widget.isChecked()
        if kind == INTEGER:
            return widget.value()
        if kind == ENUM:
            return widget.currentText()
        if kind == LIST:
            return widget.values()
        if kind == READONLY:
            return self._data.get(key)
        raw = widget.text()
        if kind == DATE:
            read = read_value(raw) if raw.strip() else None
            return read if isinstance(read, (_dt.date, _dt.datetime)) else raw
        return raw

    def set_field(self, key: str, value) -> bool:
        """Set a field as a user would, then write it back; False when the form may not edit it."""
        widget, kind = self.fields[key]
        if kind == READONLY:
            return False
        self._show(widget, kind, value)
        return self._commit(key)

    def _commit(self, key: str) -> bool:
        widget, kind = self.fields[key]
        if kind == READONLY:
            return False
        old = self._data.get(key)
        new = self.value_of(key)
        if old == new or (old is None and new in ("", [])):
            return False
        if kind == LIST and isinstance(old, str) and new == [old]:
            return False  # a one-word string is that list already
        try:
            text = set_value(self._text, key, new)
        except WriteRefused as exc:
            self.status.setText(tr("{key} was not changed: {why}").format(key=key, why=exc))
            self._show(widget, kind, old)
            return False
        if text == self._text:
            return False
        self._text = text
        self._data[key] = new
        self.textEdited.emit(text)
        return True

    def _jump(self, key: str) -> None:
        span = self._spans.get(key)
        if span is not None:
            self.jumpRequested.emit(span[0])

    def _mark_problems(self, spans, diagnostics) -> None:
        # Only front-matter diagnostics matter here; they come first in the file.
        diagnostics = [d for d in diagnostics if d.code.startswith("FM")]
        for key, (widget, _) in self.fields.items():
            span = spans.get(key)
            bad = [d for d in diagnostics if span and span[0] <= d.start <= span[1]]
            # Selected by name: a tag editor's chips must not get the border too. Set only when it
            # changes: a style sheet makes Qt restyle the widget and its children.
            sheet = f"#{widget.objectName()} {{ border: 1px solid #d0021b; }}" if bad else ""
            if widget.styleSheet() != sheet:
                widget.setStyleSheet(sheet)
            if bad:
                widget.setToolTip("\n".join(d.message for d in bad))
