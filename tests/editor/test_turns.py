"""Updates queued for the UI thread run one per turn of the event loop, with timers let in between."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from article_studio.editor.turns import Turns


def test_each_queued_update_runs_in_its_own_turn_with_timers_between(qtbot):
    turns = Turns()
    seen: list[str] = []
    beat = QTimer()
    beat.setInterval(0)
    beat.timeout.connect(lambda: seen.append("beat"))
    beat.start()
    for name in ("problems", "outline", "front matter"):
        turns.add(lambda name=name: seen.append(name))
    qtbot.waitUntil(lambda: turns.pending() == 0 and seen[-1] != "front matter", timeout=5000)
    beat.stop()
    updates = [i for i, what in enumerate(seen) if what != "beat"]
    assert [seen[i] for i in updates] == ["problems", "outline", "front matter"]  # in order
    # Another timer fired between each two updates: they did not hold the event loop together.
    assert all("beat" in seen[a:b] for a, b in zip(updates, updates[1:], strict=False))
