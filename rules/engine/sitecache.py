"""The site-wide spelling comparison of a cached run, redone only where a changed post reaches.

``site.apply_site_terms`` counts every spelling of every post each run. A cached run keeps the
counts (``SiteState``) with what each decision was, and when posts change it takes their old
spellings out of the counts, puts the new ones in, decides again only the groups whose counts
changed, and recomputes the findings only of the posts that write a spelling whose decision
changed. The result is the one ``apply_site_terms`` gives over the same files in the same
order: ties between spellings go to the one the first post (in run order) wrote first, so the
state keeps where each spelling first appears and orders the counts by it.

A post's spellings are given as a *summary*: ``((key, ((surface, uses), ...)), ...)`` in the
order of the post's terms, and its *names* (``LintResult.terms_names``).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Sequence

from ..terminology.terms import is_known_word, near_miss_groups
from .site import Decision, decide

Summary = tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
Pair = tuple[str, str]


def summarize(terms: dict) -> Summary:
    """The summary of a post's term spellings (group → spelling → spans)."""
    return tuple(
        (key, tuple((surface, len(spans)) for surface, spans in surfaces.items())) for key, surfaces in terms.items()
    )


class SiteState:
    """Spelling counts over the members of a site (the posts of a run with TM001 on, in order)."""

    def __init__(self) -> None:
        self.members: list[tuple] = []  # an identity per member: (path key, content digest, config digest)
        self.totals: dict[str, dict[str, int]] = {}  # group → spelling → uses, in order of first use
        self.files: dict[str, dict[str, int]] = {}  # group → spelling → posts using it
        self.first: dict[Pair, tuple[int, int]] = {}  # (member, place in its summary) of the first use
        self.single: dict[Pair, array] = {}  # members whose only spelling of the group it is
        self.names: dict[str, str] = {}
        self.near: dict[str, str] = {}
        self.decisions: dict[Pair, Decision | None] = {}

    # -- as plain values (for the cache file) --------------------------------------------------
    def dump(self) -> dict:
        return {
            "members": self.members,
            "totals": self.totals,
            "files": self.files,
            "first": self.first,
            "single": {pair: positions.tobytes() for pair, positions in self.single.items()},
            "names": self.names,
            "near": self.near,
            "decisions": self.decisions,
        }

    @classmethod
    def load(cls, data: dict) -> SiteState:
        state = cls()
        state.members = [tuple(m) for m in data["members"]]
        state.totals, state.files, state.first = data["totals"], data["files"], data["first"]
        state.single = {pair: _positions(raw) for pair, raw in data["single"].items()}
        state.names, state.near, state.decisions = data["names"], data["near"], data["decisions"]
        return state

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def build(cls, members: Sequence[tuple], summaries: Sequence[Summary], names: Sequence[dict]) -> SiteState:
        """The state of ``members`` from every member's summary and names."""
        state = cls()
        state.members = list(members)
        totals, files, first = state.totals, state.files, state.first
        single: dict[Pair, list[int]] = {}
        for pos, summary in enumerate(summaries):
            state.names.update(names[pos])
            idx = 0
            for key, surfaces in summary:
                t = totals.get(key)
                if t is None:
                    t = totals[key] = {}
                    files[key] = {}
                f = files[key]
                for surface, uses in surfaces:
                    if surface in t:
                        t[surface] += uses
                        f[surface] += 1
                    else:
                        t[surface] = uses
                        f[surface] = 1
                        first[(key, surface)] = (pos, idx)
                    idx += 1
                if len(surfaces) == 1:
                    single.setdefault((key, surfaces[0][0]), []).append(pos)
        state.single = {pair: array("I", positions) for pair, positions in single.items()}
        state.near = near_miss_groups(state._counters(), is_known_word)
        state.decisions = {pair: state._decide(pair) for pair in first}
        return state

    def affected_all(self) -> set[int]:
        """Members that get site findings (after ``build``)."""
        out: set[int] = set()
        for pair, positions in self.single.items():
            if self.decisions.get(pair) is not None:
                out.update(positions)
        return out

    def update(
        self,
        members: Sequence[tuple],
        changed: dict[int, tuple[Summary, Summary]],
        summary_of: Callable[[int], Summary],
    ) -> set[int] | None:
        """Take the members at the positions of ``changed`` from their old summary to the new
        one; ``members`` are every member's new identity (the same paths in the same order).

        Returns the members whose site findings may differ (the changed ones and those that write
        a spelling whose decision changed), or None when the members are not the same posts (then
        ``build`` the state). ``summary_of(pos)`` gives a member's summary as it is now."""
        if len(members) != len(self.members) or any(a[0] != b[0] for a, b in zip(members, self.members, strict=True)):
            return None
        touched: set[str] = set()
        lost: dict[Pair, int] = {}  # spellings whose first user no longer writes them: where it was
        for pos, (old, new) in sorted(changed.items()):
            self._take(pos, old, touched, lost)
            self._put(pos, new, touched)
        self._refind_first(lost, summary_of)
        self.members = list(members)
        self._reorder(touched)
        old_near = self.near
        if any(key.startswith("latin:") for key in touched):
            self.near = near_miss_groups(self._counters(), is_known_word)
        keys = set(touched)
        keys |= {k for k in old_near.keys() | self.near.keys() if old_near.get(k) != self.near.get(k)}
        keys |= {k for k, target in (*old_near.items(), *self.near.items()) if target in touched}
        affected = set(changed)
        for key in keys:
            for surface in self.totals.get(key, ()):
                pair = (key, surface)
                decision = self._decide(pair)
                if pair not in self.decisions or self.decisions[pair] != decision:
                    self.decisions[pair] = decision
                    affected.update(self.single.get(pair, ()))
        return affected

    # -- the steps --------------------------------------------------------------------------
    def _take(self, pos: int, summary: Summary, touched: set[str], lost: dict[Pair, int]) -> None:
        for key, surfaces in summary:
            touched.add(key)
            t, f = self.totals[key], self.files[key]
            for surface, uses in surfaces:
                pair = (key, surface)
                t[surface] -= uses
                f[surface] -= 1
                if f[surface] == 0:  # no member writes it any more
                    del t[surface], f[surface], self.first[pair]
                    self.decisions.pop(pair, None)
                    lost.pop(pair, None)
                elif self.first[pair][0] == pos:
                    lost[pair] = pos
            if not t:
                del self.totals[key], self.files[key]
            if len(surfaces) == 1:
                pair = (key, surfaces[0][0])
                positions = self.single[pair]
                positions.remove(pos)
                if not positions:
                    del self.single[pair]

    def _put(self, pos: int, summary: Summary, touched: set[str]) -> None:
        idx = 0
        for key, surfaces in summary:
            touched.add(key)
            t = self.totals.setdefault(key, {})
            f = self.files.setdefault(key, {})
            for surface, uses in surfaces:
                pair = (key, surface)
                t[surface] = t.get(surface, 0) + uses
                f[surface] = f.get(surface, 0) + 1
                known = self.first.get(pair)
                if known is None or known[0] >= pos:
                    self.first[pair] = (pos, idx)
                idx += 1
            if len(surfaces) == 1:
                _insert(self.single.setdefault((key, surfaces[0][0]), array("I")), pos)

    def _refind_first(self, lost: dict[Pair, int], summary_of: Callable[[int], Summary]) -> None:
        """Where spellings are first used whose first user no longer writes them: a later member."""
        wanted = {}
        for pair, pos in lost.items():
            if pair in self.first and not _writes(summary_of(pos), pair):
                wanted[pair] = pos
        for pos in range(min(wanted.values(), default=len(self.members)) + 1, len(self.members)):
            idx = 0
            for key, surfaces in summary_of(pos):
                for surface, _ in surfaces:
                    pair = (key, surface)
                    if wanted.get(pair, pos) < pos:
                        self.first[pair] = (pos, idx)
                        del wanted[pair]
                    idx += 1
            if not wanted:
                return

    def _reorder(self, touched: set[str]) -> None:
        """Spellings and groups in order of first use, as a count over the members in order has them."""
        first = self.first
        for key in touched:
            t = self.totals.get(key)
            if t is not None and len(t) > 1:
                order = {spelling: first[(key, spelling)] for spelling in t}
                self.totals[key] = {spelling: t[spelling] for spelling in sorted(t, key=order.__getitem__)}
        self.totals = dict(sorted(self.totals.items(), key=lambda kv: min(first[(kv[0], s)] for s in kv[1])))

    def _counters(self) -> dict[str, Counter]:
        return {key: Counter(spellings) for key, spellings in self.totals.items()}

    def _decide(self, pair: Pair) -> Decision | None:
        key, surface = pair
        target = self.near.get(key, key)
        totals = {target: Counter(self.totals[target])}
        files = {key: Counter(self.files[key]), target: Counter(self.files[target])}
        return decide(key, surface, totals, files, self.near, self.names)


def _positions(raw: bytes) -> array:
    out = array("I")
    out.frombytes(raw)
    return out


def _insert(positions: array, pos: int) -> None:
    from bisect import bisect_left

    i = bisect_left(positions, pos)
    if i == len(positions) or positions[i] != pos:
        positions.insert(i, pos)


def _writes(summary: Summary, pair: Pair) -> bool:
    key, surface = pair
    return any(k == key and any(s == surface for s, _ in surfaces) for k, surfaces in summary)
