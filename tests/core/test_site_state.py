"""The cached site-wide spelling comparison (``sitecache.SiteState``) gives what a full count gives.

``SiteState.update`` changes the counts of the posts that changed and decides again only what
they reach; a state built from scratch over the new posts must be the same in every part that
decides findings, order included (ties between spellings go to the first written)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article_studio.rules.engine.site import decide
from article_studio.rules.engine.sitecache import SiteState
from article_studio.rules.terminology.terms import is_known_word, near_miss_groups

# Groups and their spellings; the Latin ones include near misses (Trainum/Trainium) and case variants.
GROUPS = {
    "kana:サーバ": ["サーバ", "サーバー"],
    "kana:ユーザ": ["ユーザ", "ユーザー", "ﾕｰｻﾞｰ"],
    "okuri:オコナウ/行": ["行う", "行なう"],
    "latin:trainium": ["Trainium", "trainium", "TRAINIUM"],
    "latin:trainum": ["Trainum"],
    "latin:github": ["GitHub", "Github", "github"],
    "latin:kubernetes": ["Kubernetes", "kubernetes"],
    "latin:kubernets": ["Kubernets"],
}
NAMES = {"latin:github": "GitHub"}


@st.composite
def summaries(draw) -> tuple:
    keys = draw(st.lists(st.sampled_from(sorted(GROUPS)), unique=True, max_size=len(GROUPS)))
    out = []
    for key in keys:
        surfaces = draw(st.lists(st.sampled_from(GROUPS[key]), unique=True, min_size=1, max_size=2))
        out.append((key, tuple((s, draw(st.integers(1, 4))) for s in surfaces)))
    return tuple(out)


def _view(state: SiteState) -> dict:
    """Everything of a state that decides findings, orders included."""
    return {
        "totals": [(k, list(v.items())) for k, v in state.totals.items()],
        "files": {k: dict(v) for k, v in state.files.items()},
        "first": dict(state.first),
        "single": {pair: list(p) for pair, p in state.single.items()},
        "near": dict(state.near),
        "decisions": dict(state.decisions),
    }


def _decisions_of(state: SiteState, summary: tuple) -> dict:
    return {(k, s[0][0]): state.decisions[(k, s[0][0])] for k, s in summary if len(s) == 1}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.lists(summaries(), min_size=2, max_size=7),
    changes=st.lists(st.tuples(st.integers(0, 6), summaries()), min_size=1, max_size=3),
)
def test_an_updated_state_is_the_state_built_from_the_new_posts(before, changes):
    members = [(f"post-{i}", b"old", "config") for i in range(len(before))]
    state = SiteState.build(members, before, [NAMES] * len(before))
    after = list(before)
    changed: dict[int, tuple] = {}
    new_members = list(members)
    for pos, summary in changes:
        pos %= len(before)
        changed[pos] = (before[pos], summary)
        after[pos] = summary
        new_members[pos] = (f"post-{pos}", b"new", "config")
    old_decisions = [_decisions_of(state, s) for s in before]
    affected = state.update(new_members, changed, lambda pos: after[pos])
    built = SiteState.build(new_members, after, [NAMES] * len(after))
    assert _view(state) == _view(built)
    assert state.members == built.members
    # Every post whose decisions differ is among those whose findings are computed again.
    for pos, summary in enumerate(after):
        if pos not in changed and _decisions_of(built, summary) != old_decisions[pos]:
            assert pos in affected


@settings(max_examples=100, deadline=None)
@given(posts=st.lists(summaries(), min_size=2, max_size=6))
def test_a_built_state_decides_as_the_plain_count(posts):
    """The counts ``apply_site_terms`` makes (Counters filled post by post) give the same decisions."""
    from collections import Counter, defaultdict

    totals: dict = defaultdict(Counter)
    files: dict = defaultdict(Counter)
    for summary in posts:
        for key, surfaces in summary:
            for surface, uses in surfaces:
                totals[key][surface] += uses
                files[key][surface] += 1
    state = SiteState.build([(str(i), b"", "") for i in range(len(posts))], posts, [NAMES] * len(posts))
    assert [(k, list(v.items())) for k, v in state.totals.items()] == [(k, list(v.items())) for k, v in totals.items()]
    assert state.near == near_miss_groups(totals, is_known_word)
    for pair in state.first:
        assert state.decisions[pair] == decide(pair[0], pair[1], totals, files, state.near, NAMES)


def test_a_state_survives_the_cache_file():
    import marshal

    posts = [
        (("kana:サーバ", (("サーバ", 2),)),),
        (("kana:サーバ", (("サーバー", 3),)),),
        (("kana:サーバ", (("サーバー", 1),)),),
    ]
    state = SiteState.build([(str(i), b"", "") for i in range(3)], posts, [{}] * 3)
    again = SiteState.load(marshal.loads(marshal.dumps(state.dump())))
    assert _view(again) == _view(state)
    assert state.decisions[("kana:サーバ", "サーバ")] == ("サーバー", 4, 2, "fix")
