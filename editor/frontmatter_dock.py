"""The Front matter dock: a form built from the profile's JSON Schema.

Without a schema each key is a text field. An edit rewrites just that key's value in
the YAML header (as a JSON flow value, which is valid YAML) and leaves everything else,
comments and key order included, as it was. Fields with front-matter problems are marked.
"""

from __future__ import annotations

import json

import yaml
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from article_studio import rules

from .i18n import tr


def yaml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)


def set_front_matter_value(text: str, key: str, value) -> str | None:
    """``text`` with ``key: value`` in its YAML header; None when it has no usable header."""
    fm = rules.parse_document(text).front_matter
    if fm is None or fm.format != "yaml" or not fm.closed:
        return None
    rendered = yaml_value(value)
    if key in fm.key_spans:
        s, e = fm.key_spans[key]
        return text[:s] + rendered + text[e:]
    # A new key goes on its own line just above the closing fence.
    index = rules.LineIndex(text)
    line = index.line_of(max(0, fm.span[1] - 1))
    start, end = index.line_span(line)
    if not text[start:end].strip():
        start, _ = index.line_span(line - 1)
    return text[:start] + f"{key}: {rendered}\n" + text[start:]


class FrontMatterDock(QDockWidget):
    textEdited = Signal(str)  # the whole new text, to apply as one undo step

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

    def update_from(
        self, text: str, data: dict | None, error: str | None, profile: str, diagnostics=(), spans: dict | None = None
    ) -> None:
        self._text = text
        self._data = dict(data or {})
        fm_diags = tuple((d.code, d.start, d.end, d.message) for d in diagnostics if d.code.startswith("FM"))
        key = (repr(data), error, profile, repr(spans), fm_diags)
        if key == self._shown_key:
            return  # typing in the body: nothing here changed
        self._shown_key = key
        schema = rules.profile_schema(profile) if profile and profile != "none" else None
        props = (schema or {}).get("properties", {})
        required = set((schema or {}).get("required", []))
        data = data or {}
        keys = list(data) + [k for k in props if k not in data]
        layout_key = (profile, tuple(keys))
        if layout_key != self._layout_key:
            self._build(keys, props, required)
            self._layout_key = layout_key
        for key, (widget, kind) in self.fields.items():
            if not widget.hasFocus():
                self._show(widget, kind, data.get(key))
        head = tr("Profile: {profile}").format(profile=profile)
        if schema is None:
            head += " — " + tr("no schema; keys shown as text")
        if error:
            head += "\n" + tr("YAML error: {error}").format(error=error)
        self.status.setText(head)
        self._mark_problems(spans or {}, diagnostics)

    def _build(self, keys, props, required) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        for key in keys:
            spec = props.get(key, {})
            kind = spec.get("type", "text")
            if isinstance(kind, list):
                kind = next((k for k in kind if k != "null"), "text")
            if "enum" in spec:
                widget = QComboBox()
                widget.setEditable(True)
                widget.addItems([str(v) for v in spec["enum"]])
                widget.activated.connect(lambda _=0, k=key: self._commit(k))
                widget.lineEdit().editingFinished.connect(lambda k=key: self._commit(k))
                kind = "enum"
            elif kind == "boolean":
                widget = QCheckBox()
                widget.clicked.connect(lambda _=False, k=key: self._commit(k))
            elif kind == "integer":
                widget = QSpinBox()
                widget.setRange(spec.get("minimum", -1_000_000), spec.get("maximum", 1_000_000))
                widget.editingFinished.connect(lambda k=key: self._commit(k))
            else:
                widget = QLineEdit()
                widget.editingFinished.connect(lambda k=key: self._commit(k))
                if kind == "array":
                    widget.setPlaceholderText(tr("comma separated"))
            if spec.get("description"):
                widget.setToolTip(spec["description"])
            label = key + (" *" if key in required else "")
            widget.setObjectName(f"fm-{key}")
            self.form.addRow(label, widget)
            self.fields[key] = (widget, kind)

    @staticmethod
    def _show(widget, kind, value) -> None:
        widget.blockSignals(True)
        try:
            if kind == "boolean":
                widget.setChecked(bool(value))
            elif kind == "integer":
                widget.setValue(value if isinstance(value, int) else 0)
            elif kind == "enum":
                widget.setCurrentText("" if value is None else str(value))
            elif kind == "array" or isinstance(value, list):
                widget.setText(", ".join(str(v) for v in value) if isinstance(value, list) else str(value or ""))
            else:
                widget.setText("" if value is None else str(value))
        finally:
            widget.blockSignals(False)

    def value_of(self, key):
        widget, kind = self.fields[key]
        if kind == "boolean":
            return widget.isChecked()
        if kind == "integer":
            return widget.value()
        if kind == "enum":
            return widget.currentText()
        raw = widget.text()
        if kind == "array":
            return [p.strip() for p in raw.replace("、", ",").split(",") if p.strip()]
        if kind == "string":
            return raw
        try:  # untyped field: keep numbers and lists as such
            value = yaml.safe_load(raw) if raw.strip() else ""
        except yaml.YAMLError:
            return raw
        return value if isinstance(value, (int, float, bool, list)) else raw

    def set_field(self, key: str, value) -> None:
        """Set a field as a user would, then write it back."""
        widget, kind = self.fields[key]
        self._show(widget, kind, value)
        self._commit(key)

    def _commit(self, key: str) -> None:
        old = self._data.get(key)
        new = self.value_of(key)
        if old == new or (old is None and new in ("", [])):
            return
        if isinstance(old, (int, float)) and not isinstance(old, bool) and str(old) == str(new):
            return
        text = set_front_matter_value(self._text, key, new)
        if text is not None and text != self._text:
            self._text = text
            self._data[key] = new
            self.textEdited.emit(text)

    def _mark_problems(self, spans, diagnostics) -> None:
        # Only front-matter diagnostics matter here; they come first in the file.
        diagnostics = [d for d in diagnostics if d.code.startswith("FM")]
        for key, (widget, _) in self.fields.items():
            span = spans.get(key)
            bad = [d for d in diagnostics if d.code.startswith("FM") and span and span[0] <= d.start <= span[1]]
            widget.setStyleSheet("border: 1px solid #d0021b;" if bad else "")
            if bad:
                widget.setToolTip("\n".join(d.message for d in bad))
