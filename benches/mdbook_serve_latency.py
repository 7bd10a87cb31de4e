#!/usr/bin/env python3
"""End-to-end latency of mdBook's `serve`, the peer of serve_latency.py: one chapter file written ->
mdBook's rebuilt page served with the edit. mdBook tells the open page to reload over a websocket
once it has rebuilt the whole book; here the page is fetched every POLL_MS instead, so the figure is
the time until the rebuilt HTML is served (at most POLL_MS later than the websocket would say so).
Prints p50/p95 in milliseconds, in the same form as serve_latency.py.

Usage: mdbook_serve_latency.py MDBOOK BOOK_DIR ANCHOR [RUNS]
  BOOK_DIR: an mdBook book (`gen_corpus`'s markdown/ folder)
  ANCHOR:   a heading id (`{#ANCHOR}`) in one chapter; that heading's text is edited each run
"""
import pathlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

POLL_MS = 10


def get(url, timeout=60):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.read()
    except (urllib.error.URLError, ConnectionError):
        return b""


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url, marker, deadline_s):
    """Polls `url` until its body contains `marker`; returns the time it did, or None at the deadline."""
    started = time.monotonic()
    while time.monotonic() - started < deadline_s:
        if marker in get(url):
            return time.monotonic()
        time.sleep(POLL_MS / 1000)
    return None


def main():
    mdbook, book, anchor = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    src = pathlib.Path(book) / "src"
    needle = "{#" + anchor + "}"
    chapter = next(p for p in sorted(src.rglob("*.md")) if needle in p.read_text(encoding="utf-8"))
    original = chapter.read_text(encoding="utf-8")
    heading = next(line for line in original.splitlines() if needle in line)
    page = chapter.relative_to(src).with_suffix(".html").as_posix()
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page}"
    dest = tempfile.mkdtemp(prefix="mdbook-serve-")
    started = time.monotonic()
    server = subprocess.Popen(
        [mdbook, "serve", book, "--hostname", "127.0.0.1", "--port", str(port),
         "--dest-dir", dest, "--watcher", "native"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if wait_for(url, f'id="{anchor}"'.encode(), 3600) is None:
            sys.exit("mdbook serve never served the page")
        print(f"mdbook serve: first render (start -> serving {page}): "
              f"{time.monotonic() - started:.1f} s", file=sys.stderr)
        fetched = []
        for run in range(runs):
            marker = f"Latency marker {run} {time.time_ns()}"
            edited = original.replace(heading, heading.replace("# ", f"# {marker} ", 1), 1)
            t0 = time.monotonic()
            chapter.write_text(edited, encoding="utf-8")
            t1 = wait_for(url, marker.encode(), 3600)
            if t1 is None:
                sys.exit(f"run {run}: the page never showed the edit")
            fetched.append((t1 - t0) * 1000)
            print(f"  edit {run}: {fetched[-1]:.0f} ms", file=sys.stderr)
            time.sleep(0.3)
        print(f"mdbook serve, written -> page fetched with the edit: p50 {statistics.median(fetched):.1f} ms, "
              f"p95 {percentile(fetched, 95):.1f} ms, max {max(fetched):.1f} ms ({runs} edits)")
    finally:
        chapter.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait()
        subprocess.run(["rm", "-rf", dest], check=False)


if __name__ == "__main__":
    main()
