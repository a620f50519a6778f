"""Every write goes through ``write_atomic``: a file changed since it was read is not
overwritten, a symbolic link's target is written and the link kept, read-only files are
refused, mode, owner and hard links are kept, export never writes outside ``--out``, and a
fix the encoding cannot hold is one line, never a traceback."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

import article_studio.rules as rules
from article_studio.rules import WriteConflict, WriteError, write_atomic
from article_studio.rules.cli.main import main

MARKER_POST = "本文です。\n\n---END---\n\n続きです。\n"
FIXED_POST = "本文です。\n\n続きです。\n"
ZENN_HEADER = '---\ntitle: "テスト"\nemoji: "📝"\ntype: "tech"\ntopics: ["python"]\npublished: false\n---\n\n'
JEKYLL_POST = '---\nlayout: post\ntitle: "テスト記事"\ndate: 2025-01-02 10:00:00 +0900\n---\n\n本文です。\n'


def lint(*args: str) -> int:
    return main(["--jobs", "1", *args])


def snapshot(folder) -> dict[str, bytes | str]:
    """Every file (bytes) and link (where it points) under ``folder``."""
    out: dict[str, bytes | str] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            p = os.path.join(root, name)
            if os.path.islink(p):
                out[p] = "-> " + os.readlink(p)
            elif os.path.isfile(p):
                with open(p, "rb") as fh:
                    out[p] = fh.read()
    return out


# -- a change made while fixing is not overwritten ------------------------------------------


def test_fix_does_not_overwrite_a_line_another_program_added_meanwhile(tmp_path, monkeypatch, capsys):
    post = tmp_path / "post.md"
    post.write_text(MARKER_POST, encoding="utf-8")
    real_fix = rules.fix_text

    def fix_while_another_program_appends(text, *args, **kwargs):
        fixed = real_fix(text, *args, **kwargs)
        with open(post, "a", encoding="utf-8") as fh:  # written while the fixes were computed
            fh.write("別のプログラムが追記した行です。\n")
        return fixed

    monkeypatch.setattr(rules, "fix_text", fix_while_another_program_appends)
    assert lint("--fix", str(post)) == 2
    assert post.read_text(encoding="utf-8") == MARKER_POST + "別のプログラムが追記した行です。\n"
    err = capsys.readouterr().err
    assert f"{post}: changed by another program" in err and "Traceback" not in err
    assert "fixed 0 files" in err


def test_write_atomic_refuses_a_file_that_is_no_longer_what_was_read(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"read\n")
    path.write_bytes(b"changed by someone else\n")
    with pytest.raises(WriteConflict):
        write_atomic(path, b"new\n", expect=b"read\n")
    assert path.read_bytes() == b"changed by someone else\n"
    path.unlink()
    with pytest.raises(WriteConflict):  # deleted meanwhile: not silently created again
        write_atomic(path, b"new\n", expect=b"read\n")
    assert not path.exists()
    write_atomic(path, b"new\n", expect=[b"read\n", None])  # unless the caller says it may be gone
    assert path.read_bytes() == b"new\n"


# -- symbolic links, read-only files, mode, owner, hard links -------------------------------


def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(tmp_path, symlinks):
    real = tmp_path / "real" / "post.md"
    real.parent.mkdir()
    real.write_text(MARKER_POST, encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(os.path.relpath(real, tmp_path))
    assert lint("--fix", str(link)) == 0
    assert link.is_symlink() and os.readlink(link) == os.path.relpath(real, tmp_path)
    assert real.read_text(encoding="utf-8") == FIXED_POST
    assert [p.name for p in real.parent.iterdir()] == ["post.md"]  # no temporary file left


def test_fix_refuses_a_read_only_file(tmp_path, capsys):
    post = tmp_path / "post.md"
    post.write_text(MARKER_POST, encoding="utf-8")
    post.chmod(0o444)
    assert lint("--fix", str(post)) == 2
    assert post.read_text(encoding="utf-8") == MARKER_POST
    assert not post.stat().st_mode & 0o222
    err = capsys.readouterr().err
    assert f"{post}: the file is read-only" in err and "Traceback" not in err
    assert "fixed 0 files" in err


def test_fix_keeps_mode_and_hard_links(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(MARKER_POST, encoding="utf-8")
    post.chmod(0o640)
    other = tmp_path / "other-name.md"
    os.link(post, other)
    inode = post.stat().st_ino
    assert lint("--fix", str(post)) == 0
    assert post.read_text(encoding="utf-8") == FIXED_POST
    assert other.read_text(encoding="utf-8") == FIXED_POST  # the same file, still linked
    assert post.stat().st_ino == inode and post.stat().st_nlink == 2
    if os.name == "posix":
        assert stat.S_IMODE(post.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-name.md", "post.md"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_fix_keeps_the_owner(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(MARKER_POST, encoding="utf-8")
    os.chown(post, 4321, 4322)
    post.chmod(0o664)
    assert lint("--fix", str(post)) == 0
    st = post.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (4321, 4322, 0o664)
    assert post.read_text(encoding="utf-8") == FIXED_POST


def test_in_place_write_failing_half_way_puts_the_old_bytes_back(tmp_path, monkeypatch):
    import article_studio.rules.reading.safe_write as safe_write

    post = tmp_path / "post.md"
    post.write_bytes(b"old version\n" * 100)
    os.link(post, tmp_path / "link.md")  # a hard link: written in place
    real_write = os.write
    calls = []

    def failing_write(fd, data):
        calls.append(len(data))
        if len(calls) == 2:  # after the backup, the first write into the file fails half-way
            real_write(fd, bytes(data)[:7])
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(safe_write.os, "write", failing_write)
    with pytest.raises(WriteError, match="unchanged"):
        write_atomic(post, b"new version\n" * 200)
    monkeypatch.undo()
    assert post.read_bytes() == b"old version\n" * 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "post.md"]  # backup removed


# -- export writes inside --out only ------------------------------------------------------


def test_export_path_with_dotdot_stays_inside_out(tmp_path, monkeypatch):
    work = tmp_path / "work"
    (work / "a" / "b" / "books").mkdir(parents=True)
    (work / "site").mkdir()
    (work / "victim.md").write_text(ZENN_HEADER + "本文です。\n", encoding="utf-8")
    monkeypatch.chdir(work)
    before = snapshot(tmp_path)
    main(["export", "--out", "site", "--force", "a/b/books/../../../victim.md"])
    after = snapshot(tmp_path)
    changed = {p for p in after if before.get(p) != after[p]}
    site = os.path.realpath(work / "site")
    assert changed and all(os.path.realpath(p).startswith(site + os.sep) for p in changed), changed
    assert not (tmp_path / "victim.md").exists()


def test_export_does_not_replace_a_dangling_symlink_without_overwrite(tmp_path, capsys, symlinks):
    draft = tmp_path / "drafts" / "2025-01-02-test.md"
    draft.parent.mkdir()
    draft.write_text(JEKYLL_POST, encoding="utf-8")
    posts = tmp_path / "site" / "_posts"
    posts.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere" / "new.md"
    (posts / "2025-01-02-test.md").symlink_to(elsewhere)
    assert main(["export", str(draft), "--out", str(tmp_path / "site")]) == 1
    assert (posts / "2025-01-02-test.md").is_symlink() and not elsewhere.exists()
    assert not elsewhere.parent.exists()
    # With --overwrite the link is followed, and refused: it leads out of the site.
    assert main(["export", str(draft), "--out", str(tmp_path / "site"), "--overwrite"]) == 2
    assert "outside" in capsys.readouterr().err
    assert not elsewhere.parent.exists()


def test_export_does_not_follow_a_symlinked_folder_out_of_the_site(tmp_path, capsys, symlinks):
    draft = tmp_path / "drafts" / "2025-01-02-test.md"
    draft.parent.mkdir()
    draft.write_text(JEKYLL_POST, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    (site / "_posts").symlink_to(outside, target_is_directory=True)
    assert main(["export", str(draft), "--out", str(site)]) == 2
    err = capsys.readouterr().err
    assert "outside" in err and "Traceback" not in err
    assert list(outside.iterdir()) == []


def test_write_atomic_within_checks_the_resolved_path(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(WriteError, match="outside"):
        write_atomic(out / "books" / ".." / ".." / "x.md", b"x", within=out, parents=True)
    assert not (tmp_path / "x.md").exists() and not (out / "books").exists()
    write_atomic(out / "a" / "b.md", b"x", within=out, parents=True, exclusive=True)
    assert (out / "a" / "b.md").read_bytes() == b"x"
    with pytest.raises(WriteError, match="exists"):
        write_atomic(out / "a" / "b.md", b"y", within=out, exclusive=True)
    assert (out / "a" / "b.md").read_bytes() == b"x"


def sjis(text: str) -> bytes:
    return text.encode("cp932")


# -- no traceback when a fix needs a character the encoding lacks ------------------------------

EM_DASH_PRH = 'version: 1\nrules:\n  - expected: "—"\n    pattern: "―"\n'


def _em_dash_project(tmp_path):
    (tmp_path / "prh.yml").write_text(EM_DASH_PRH, encoding="utf-8")
    (tmp_path / ".article-lint.toml").write_text('dictionaries = ["prh.yml"]\n', encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_bytes(sjis("記事―本文です。\n"))
    return post


def test_stdin_fix_with_a_character_shift_jis_lacks(tmp_path):
    post = _em_dash_project(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "article_studio.rules", "--stdin", "--fix", "--stdin-filename", str(post)],
        input=post.read_bytes(),
        capture_output=True,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err
    assert f"{post}:1:3: a fix would add '—', which Shift_JIS cannot hold" in err
    assert proc.stdout == post.read_bytes()  # the input comes back unchanged


def test_file_fix_with_a_character_shift_jis_lacks(tmp_path, capsys):
    post = _em_dash_project(tmp_path)
    before = post.read_bytes()
    assert lint("--fix", str(post)) == 2
    err = capsys.readouterr().err
    assert "cannot hold" in err and "fixed 0 files" in err and "fixed 1 file" not in err
    assert post.read_bytes() == before


# -- the other writers go through the guard -------------------------------------------------------


def test_migrate_does_not_replace_a_dangling_symlink(tmp_path, symlinks):
    rc = tmp_path / ".textlintrc.json"
    rc.write_text('{"rules": {"preset-ja-technical-writing": true}}', encoding="utf-8")
    (tmp_path / ".article-lint.toml").symlink_to(tmp_path / "elsewhere.toml")
    assert main(["migrate", str(rc)]) == 2
    assert not (tmp_path / "elsewhere.toml").exists()
    assert main(["migrate", str(rc), "--force"]) == 0  # forced: the link's target is written, the link kept
    assert (tmp_path / ".article-lint.toml").is_symlink() and (tmp_path / "elsewhere.toml").is_file()


def test_baseline_file_read_only_is_refused(tmp_path, capsys):
    post = tmp_path / "post.md"
    post.write_text(MARKER_POST, encoding="utf-8")
    baseline = tmp_path / "b.json"
    baseline.write_text("{}", encoding="utf-8")
    baseline.chmod(0o444)
    assert lint("--baseline", str(baseline), "--update-baseline", str(post)) == 2
    assert baseline.read_text(encoding="utf-8") == "{}"
    assert "read-only" in capsys.readouterr().err


def test_user_files_are_written_only_through_write_atomic():
    """Every call that writes or renames a file, outside the guarded writer, is one of the few
    that never touch a user's file: reading, a pipe and the null device. The cache's appends,
    the private autosaves and the editor's screenshots go through the guarded writer too."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    writes = re.compile(
        r"os\.(open|replace|rename|fdopen)\(|shutil\.(copy\w*|move)\(|\.write_(text|bytes)\("
        r"|open\([^)]*['\"][wax]|\.save\(str\(|\.grab\(\)\.save\("
    )
    allowed = {
        "rules/reading/safe_write.py",  # the guarded writer itself
        "rules/reading/textio.py:os.open",  # opens for reading (O_RDONLY | O_NONBLOCK)
        "rules/engine/cachefile.py:os.open",  # reads the cache (appends go through the guarded writer)
        "rules/engine/two_cores.py:os.fdopen",  # the pipe from the child process
        "rules/cli/main.py:open",  # the null device, for a closed standard output
    }
    found = []
    for folder in ("rules", "editor"):
        for path in sorted((root / folder).rglob("*.py")):
            name = path.relative_to(root).as_posix()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for m in writes.finditer(line.split("#")[0]):
                    call = m.group().split("(")[0].lstrip(".")
                    if name not in allowed and f"{name}:{call}" not in allowed:
                        found.append(f"{name}:{number}: {line.strip()}")
    assert found == []


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_a_private_file_is_0600_new_or_replacing_a_wider_one(tmp_path):
    """Autosaves hold unsaved text: written 0600 whatever the umask, and a file they replace
    that others could read (left by an older version) does not pass its mode on."""
    old_umask = os.umask(0o022)
    try:
        new = tmp_path / "new.json"
        write_atomic(new, b"{}", private=True)
        assert stat.S_IMODE(new.stat().st_mode) == 0o600
        wide = tmp_path / "wide.json"
        wide.write_bytes(b"old")
        wide.chmod(0o644)
        write_atomic(wide, b"{}", private=True)
        assert stat.S_IMODE(wide.stat().st_mode) == 0o600 and wide.read_bytes() == b"{}"
        plain = tmp_path / "plain.json"
        write_atomic(plain, b"{}")
        assert stat.S_IMODE(plain.stat().st_mode) == 0o644  # without it, the umask's mode
    finally:
        os.umask(old_umask)


# --- appending (the --cache file) ------------------------------------------------------------------


def _identity(path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def test_an_append_goes_to_the_end_of_the_file_read_and_is_told_where_it_starts(tmp_path):
    from article_studio.rules.reading.safe_write import append_if_unchanged

    cache = tmp_path / "cache"
    cache.write_bytes(b"0123")
    identity = _identity(cache)
    with open(cache, "ab") as grown:  # another run appended meanwhile: still the same file
        grown.write(b"45")
    assert append_if_unchanged(cache, lambda end: f"<{end}>".encode(), identity=identity, size=4)
    assert cache.read_bytes() == b"012345<6>"


@pytest.mark.skipif(os.name != "posix", reason="links and modes")
def test_an_append_is_refused_to_another_file_a_shorter_one_or_a_read_only_one(tmp_path):
    from article_studio.rules.reading.safe_write import append_if_unchanged

    cache = tmp_path / "cache"
    cache.write_bytes(b"0123")
    identity = _identity(cache)
    never = pytest.fail  # data_at is not even asked for
    replaced = tmp_path / "new"
    replaced.write_bytes(b"0123")
    os.replace(replaced, cache)  # compacted by another run: a new file at the same path
    assert not append_if_unchanged(cache, never, identity=identity, size=4)
    identity = _identity(cache)
    assert not append_if_unchanged(cache, never, identity=identity, size=5)  # shorter than read
    cache.chmod(0o444)
    assert not append_if_unchanged(cache, never, identity=identity, size=4)
    assert cache.read_bytes() == b"0123"


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_an_append_through_a_link_goes_to_its_target_and_the_link_stays(tmp_path):
    from article_studio.rules.reading.safe_write import append_if_unchanged

    target = tmp_path / "real-cache"
    target.write_bytes(b"ab")
    link = tmp_path / "cache"
    link.symlink_to(target)
    assert append_if_unchanged(link, lambda end: b"c", identity=_identity(target), size=2)
    assert link.is_symlink() and target.read_bytes() == b"abc"


def test_a_failed_append_leaves_the_file_as_it_was(tmp_path):
    from article_studio.rules.reading.safe_write import append_if_unchanged

    cache = tmp_path / "cache"
    cache.write_bytes(b"0123")

    def data_at(end: int) -> bytes:
        raise OSError(28, "No space left on device")

    with pytest.raises(WriteError, match="No space left"):
        append_if_unchanged(cache, data_at, identity=_identity(cache), size=4)
    assert cache.read_bytes() == b"0123"
