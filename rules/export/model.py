"""What ``export_post`` returns: the clean text and a record of every change it made."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..model import Diagnostic

# Steps that take text out of the post; the invariant of DESIGN §5 is stated in these terms.
REMOVING_STEPS = (
    "remove-marker",
    "stitch",
    "drop-restated",
    "drop-copy",
    "drop-title",
    "drop-chatter",
    "drop-prompt",
    "drop-rule",
    "trim-cut-off",
)


@dataclass(frozen=True)
class Change:
    """One change of the export, located in the input.

    ``start``/``end`` are offsets into the input text and ``line``/``end_line`` its 1-based
    lines; ``removed`` is the text taken out (or replaced) and ``inserted`` what replaced it.
    For a dropped copy, ``original_line`` is the line of the passage it repeated.
    """

    step: str
    code: str
    start: int
    end: int
    line: int
    end_line: int
    removed: str
    inserted: str = ""
    detail: str = ""
    original_line: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class ExportResult:
    """The exported post.

    ``text`` has ``\\n`` line endings (``source_text`` is what went in); ``remaining`` are
    the error-level findings still in ``text``, positioned in it; ``target`` is the path,
    relative to the output folder, the post belongs at (None when it cannot be named).
    """

    text: str
    source_text: str
    changes: list[Change] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    target: str | None = None
    reading_time: tuple[int | None, int | None] = (None, None)
    notes: list[str] = field(default_factory=list)

    @property
    def publishable(self) -> bool:
        return not self.remaining and self.target is not None

    @property
    def changed(self) -> bool:
        return self.text != self.source_text

    def removed_characters(self) -> int:
        return len(self.source_text) - len(self.text)

    def as_dict(self) -> dict:
        return {
            "target": self.target,
            "publishable": self.publishable,
            "changed": self.changed,
            "characters": {"before": len(self.source_text), "after": len(self.text)},
            "reading_time": {"old": self.reading_time[0], "new": self.reading_time[1]},
            "changes": [c.as_dict() for c in self.changes],
            "remaining": [
                {"code": d.code, "name": d.name, "line": d.line, "column": d.column, "message": d.message}
                for d in self.remaining
            ],
            "notes": list(self.notes),
        }
