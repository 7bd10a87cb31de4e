#!/usr/bin/env python3
"""Times several commands in interleaved rounds (each round runs every command once, starting one
further along each time), so that load from other work on a shared machine falls on all of them
alike, as a block-by-block tool such as hyperfine cannot promise. Prints a Markdown table of the
median and fastest wall time and the median CPU time (user + system, children included) of each
command, then the ratios asked for.

Usage: interleave.py [--runs N] [--warmup N] [--json FILE] [--ratio A/B ...] NAME=COMMAND ...
  COMMAND is split like a shell word list (no shell runs it); it must exit 0.
"""
import argparse
import json
import resource
import shlex
import statistics
import subprocess
import sys
import time


def run_once(argv):
    """Wall and CPU seconds of one run of `argv` (CPU: user + system of the child and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{shlex.join(argv)} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--json")
    parser.add_argument("--ratio", action="append", default=[])
    parser.add_argument("commands", nargs="+")
    args = parser.parse_args()
    names, argvs = [], []
    for item in args.commands:
        name, _, command = item.partition("=")
        names.append(name)
        argvs.append(shlex.split(command))
    walls = {name: [] for name in names}
    cpus = {name: [] for name in names}
    for round_ in range(args.warmup + args.runs):
        for step in range(len(names)):
            index = (round_ + step) % len(names)
            wall, cpu = run_once(argvs[index])
            if round_ >= args.warmup:
                walls[names[index]].append(wall)
                cpus[names[index]].append(cpu)
    medians = {name: statistics.median(walls[name]) for name in names}
    cpu_medians = {name: statistics.median(cpus[name]) for name in names}
    print(f"| command ({args.runs} interleaved rounds) | median wall ms | fastest ms | median CPU ms |")
    print("|---|---|---|---|")
    for name in names:
        print(f"| {name} | {medians[name] * 1000:.1f} | {min(walls[name]) * 1000:.1f} "
              f"| {cpu_medians[name] * 1000:.1f} |")
    if args.ratio:
        print()
        print("| ratio | wall (medians) | CPU (medians) |")
        print("|---|---|---|")
        for ratio in args.ratio:
            a, _, b = ratio.partition("/")
            print(f"| {a} / {b} | {medians[a] / medians[b]:.2f} | {cpu_medians[a] / cpu_medians[b]:.2f} |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"wall": walls, "cpu": cpus}, out, indent=1)


if __name__ == "__main__":
    main()
