#!/usr/bin/env python3
"""helpdoc command exporter: one `.txt` outline per publication (titles and steps).

Reads the export context (JSON, format_version 1) on stdin and writes `<publication-id>.txt` into
the staging folder given as the last argument (also in the HELPDOC_OUT environment variable).
Python 3 standard library only.
"""

import json
import os
import re
import sys

SUPPORTED_FORMAT_VERSION = 1


def inline_text(inlines):
    """The visible text of a rich-text value (a list of inline nodes)."""
    out = []
    for node in inlines or []:
        if node == "line_break":
            out.append(" ")
            continue
        (kind, value), = node.items()
        if kind in ("text", "code"):
            out.append(value)
        elif kind in ("emphasis", "strong"):
            out.append(inline_text(value))
        elif kind in ("link", "xref"):
            out.append(inline_text(value["children"]))
    return "".join(out)


def steps(lines, items, depth):
    for number, step in enumerate(items, 1):
        lines.append(f"{'  ' * depth}{number}. {inline_text(step['action'])}")
        if step.get("result"):
            lines.append(f"{'  ' * (depth + 1)}{inline_text(step['result'])}")
        steps(lines, step.get("substeps", []), depth + 1)


def topic(lines, item, depth):
    body = item["body"]
    lines.append(f"{'  ' * depth}{item['title']} [{body['kind']}]")
    inner = depth + 1
    if body["kind"] == "procedure":
        steps(lines, body["steps"], inner)
    elif body["kind"] == "prerequisite" and body["check"]:
        lines.append(f"{'  ' * inner}How to check:")
        steps(lines, body["check"], inner + 1)
    elif body["kind"] == "error":
        lines.append(f"{'  ' * inner}Message: {body['message']}")
        for cause in body["causes"]:
            lines.append(f"{'  ' * inner}Cause: {inline_text(cause['cause'])}")
            steps(lines, cause["steps"], inner + 1)
            if cause.get("procedure"):
                lines.append(f"{'  ' * (inner + 1)}Follow: {cause['procedure'][1]}")


def section(lines, item, depth):
    lines.append(f"{'  ' * depth}{item['title']}")
    for child in item["topics"]:
        topic(lines, child, depth + 1)
    for child in item["sections"]:
        section(lines, child, depth + 1)


def main():
    context = json.load(sys.stdin)
    version = context.get("format_version")
    if version != SUPPORTED_FORMAT_VERSION:
        sys.exit(f"plain-text: export context format_version {version} is not supported "
                 f"(this exporter reads version {SUPPORTED_FORMAT_VERSION}); update the exporter")
    out = sys.argv[-1] if len(sys.argv) > 1 else os.environ["HELPDOC_OUT"]
    for publication in context["publications"]:
        name = re.sub(r"[^a-z0-9-]", "-", publication["id"]) or "publication"
        lines = [publication["title"], "=" * len(publication["title"]), ""]
        for item in publication["sections"]:
            section(lines, item, 0)
            lines.append("")
        lines.append(f"Built by helpdoc {context['helpdoc_version']} on {context['build']['date']}.")
        with open(os.path.join(out, f"{name}.txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
