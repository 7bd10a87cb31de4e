#!/usr/bin/env python3
"""End-to-end latency of `helpdoc serve`: one topic file written -> the preview's status long
poll answers -> the page fetched again shows the edit. Prints p50/p95 in milliseconds, and the
server's CPU time per edit (user + system over all its threads, from /proc/PID/stat where there is
one): wall times on a shared machine are mostly waiting for a core, CPU time is not.

Usage: serve_latency.py HELPDOC CONTENT_DIR TOPIC_FILE PAGE_PATH [RUNS]
  TOPIC_FILE: a topic under CONTENT_DIR whose `title:` is edited each run
  PAGE_PATH:  the preview page that shows it (`sage-intacct-guide-c250.html`)
"""
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request


def get(url, timeout=60):
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return answer.read()


def cpu_seconds(pid):
    """The process's user + system CPU time in seconds (`None` without /proc)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    helpdoc, content, topic, page = sys.argv[1:5]
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 30
    original = open(topic, encoding="utf-8").read()
    started = time.monotonic()
    server = subprocess.Popen(
        [helpdoc, "serve", "--content", content, "--port", "0"],
        stderr=subprocess.PIPE, text=True)
    try:
        url = None
        for line in server.stderr:
            found = re.search(r"previewing at (http://\S+)", line)
            if found:
                url = found.group(1)
                break
        if url is None:
            sys.exit("helpdoc serve did not start")
        # Drain the rest of stderr so the server never blocks on it.
        import threading
        threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()
        print(f"first render (start -> serving): {time.monotonic() - started:.1f} s", file=sys.stderr)
        get(url + page)
        polled, fetched = [], []
        cpu_before = cpu_seconds(server.pid)
        for run in range(runs):
            status = json.loads(get(url + "__helpdoc/status"))
            marker = f"Latency marker {run} {time.time_ns()}"
            edited = original.replace("title: ", f"title: {marker} ", 1)
            t0 = time.monotonic()
            with open(topic, "w", encoding="utf-8") as out:
                out.write(edited)
            version = status["version"]
            while True:
                status = json.loads(get(f"{url}__helpdoc/status?since={version}"))
                t1 = time.monotonic()
                body = get(url + page)
                t2 = time.monotonic()
                if marker.encode() in body:
                    break
                if status["version"] == version or t2 - t0 > 30:
                    sys.exit(f"run {run}: the page never showed the edit")
                version = status["version"]
            polled.append((t1 - t0) * 1000)
            fetched.append((t2 - t0) * 1000)
            time.sleep(0.3)
        cpu_after = cpu_seconds(server.pid)
        if cpu_before is not None and cpu_after is not None:
            print(f"server CPU per edit (user + system, all threads, idle time between edits "
                  f"included): {(cpu_after - cpu_before) / runs * 1000:.0f} ms")
        for name, values in (("written -> status answered", polled),
                             ("written -> page fetched with the edit", fetched)):
            print(f"{name}: p50 {statistics.median(values):.1f} ms, "
                  f"p95 {percentile(values, 95):.1f} ms, max {max(values):.1f} ms ({runs} edits)")
    finally:
        with open(topic, "w", encoding="utf-8") as out:
            out.write(original)
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
