"""Keystroke to diagnostics through ``article-lint lsp``, as an editor sees it.

Starts the server over stdio, opens an article, then types one character at a time into its
paragraphs (a keystroke every ``--interval`` ms, in bursts at several places) and measures, for
each keystroke, the time from sending its ``didChange`` to the first ``publishDiagnostics`` for
that version (``first``), and after each burst the time from its last keystroke until the
document-wide rules have caught up (``settled``: the last publication before a quiet second).
Prints one JSON object. Runs the example article and a 100,000-character one made from the
generated corpus.

    .venv/bin/python bench/lsp_latency.py [--keystrokes 200] [--interval 80]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "2025-10-26-2-googleanthropictpu.md"
CORPUS = REPO / "tests" / "data" / "corpus" / "generated"


class Client:
    """A minimal LSP client over the server's stdio: requests, notifications, arrival times."""

    def __init__(self, env: dict):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "article_studio.rules", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.published: list[tuple[float, int | None, int]] = []  # (time, version, count)
        self.responses: dict[int, dict] = {}
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        self._id = 0

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                c = out.read(1)
                if not c:
                    return
                header += c
            length = next(
                int(v)
                for k, v in (h.split(b":") for h in header.split(b"\r\n") if b":" in h)
                if k.lower() == b"content-length"
            )
            msg = json.loads(out.read(length))
            now = time.perf_counter()
            with self.cond:
                if msg.get("method") == "textDocument/publishDiagnostics":
                    p = msg["params"]
                    self.published.append((now, p.get("version"), len(p["diagnostics"])))
                elif "id" in msg and "method" in msg:  # a request of the server's: accept it
                    self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                elif "id" in msg:
                    self.responses[msg["id"]] = msg
                self.cond.notify_all()

    def send(self, obj: dict) -> None:
        data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def request(self, method: str, params: dict) -> dict:
        self._id += 1
        rid = self._id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        with self.cond:
            self.cond.wait_for(lambda: rid in self.responses)
            return self.responses.pop(rid)

    def notify(self, method: str, params: dict) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_version(self, version: int, after: float) -> float:
        with self.cond:
            self.cond.wait_for(lambda: any(v == version and t >= after for t, v, _ in self.published), timeout=60)
            return min(t for t, v, _ in self.published if v == version and t >= after)

    def settle(self, quiet: float = 3.0) -> float:
        """The time of the last publication before ``quiet`` seconds without one."""
        while True:
            with self.cond:
                n = len(self.published)
            time.sleep(quiet)
            with self.cond:
                if len(self.published) == n:
                    return self.published[-1][0] if self.published else 0.0

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
        except Exception:
            pass
        self.proc.wait(timeout=10)


def _position(text: str, offset: int) -> dict:
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return {"line": line, "character": len(text[start:offset].encode("utf-16-le")) // 2}


def _typing_spots(text: str, rng: random.Random, count: int) -> list[int]:
    """Offsets just after a 「。」 inside a paragraph of prose (not front matter, code or lists)."""
    body = text.index("\n---", 3) + 4 if text.startswith("---") else 0
    spots = []
    in_fence = False
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        elif offset > body and not in_fence and line[:1] > "\u3000" and "。" in line:
            i = line.index("。")
            spots.append(offset + i + 1)
        offset += len(line)
    return rng.sample(spots, min(count, len(spots)))


def measure(text: str, keystrokes: int, interval: float, burst: int, seed: int) -> dict:
    env = dict(__import__("os").environ)
    scratch = tempfile.TemporaryDirectory(prefix="lsp-bench-")  # removed when the run is measured
    env["XDG_CACHE_HOME"] = str(Path(scratch.name) / "cache")
    folder = Path(scratch.name) / "_posts"
    folder.mkdir()
    path = folder / EXAMPLE.name
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client = Client(env)
    client.request(
        "initialize", {"processId": None, "rootUri": None, "capabilities": {}, "initializationOptions": {"site": False}}
    )
    client.notify("initialized", {})
    t0 = time.perf_counter()
    client.notify(
        "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}
    )
    client.wait_version(1, t0)
    opened = time.perf_counter() - t0
    client.settle()
    rng = random.Random(seed)
    chars = "あいうえおかきくけこ、。データ学習"
    firsts: list[float] = []
    settles: list[float] = []
    version = 1
    spots = _typing_spots(text, rng, max(1, keystrokes // burst))
    typed = 0
    for spot in spots:
        cursor = spot
        for _ in range(burst):
            if typed >= keystrokes:
                break
            ch = rng.choice(chars)
            version += 1
            sent = time.perf_counter()
            client.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [
                        {"range": {"start": _position(text, cursor), "end": _position(text, cursor)}, "text": ch}
                    ],
                },
            )
            text = text[:cursor] + ch + text[cursor:]
            cursor += 1
            typed += 1
            firsts.append(client.wait_version(version, sent) - sent)
            time.sleep(max(0.0, interval - (time.perf_counter() - sent)))
        last_sent = time.perf_counter()
        settles.append(client.settle() - last_sent)
        for spot_index in range(len(spots)):  # the later spots moved with the typing
            if spots[spot_index] > spot:
                spots[spot_index] += burst
    client.close()
    scratch.cleanup()
    firsts.sort()
    return {
        "characters": len(text),
        "open_ms": round(opened * 1000, 1),
        "keystrokes": len(firsts),
        "first_publish_ms": {
            "median": round(statistics.median(firsts) * 1000, 1),
            "p95": round(firsts[int(len(firsts) * 0.95) - 1] * 1000, 1),
            "max": round(firsts[-1] * 1000, 1),
        },
        "settled_after_burst_ms": {
            "median": round(statistics.median(settles) * 1000, 1),
            "max": round(max(settles) * 1000, 1),
        },
    }


def long_article(target: int = 100_000) -> str:
    """The example article followed by the bodies of generated posts, to ``target`` characters."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for post in sorted(CORPUS.rglob("*.md")):
        if len(text) >= target:
            break
        body = post.read_text(encoding="utf-8")
        if body.startswith("---"):
            body = body[body.index("\n---", 3) + 4 :]
        text += "\n" + body
    return text[:target] if len(text) > target else text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keystrokes", type=int, default=200)
    parser.add_argument("--interval", type=float, default=80, help="milliseconds between keystrokes")
    parser.add_argument("--burst", type=int, default=20, help="keystrokes typed at one place")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    interval = args.interval / 1000
    result = {
        "example": measure(EXAMPLE.read_text(encoding="utf-8"), args.keystrokes, interval, args.burst, args.seed),
        "long": measure(long_article(), args.keystrokes, interval, args.burst, args.seed),
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
