#!/usr/bin/env python3
"""Validate JSON/YAML documents against the project's JSON Schemas (Draft 2020-12) with the
Python `jsonschema` package, independently of helpdoc's own (Rust) validator.

Usage: validate-json.py --schema-dir DIR [--schema NAME] [--check-formats] FILE...

* Every DIR/*.json is loaded, checked with Draft202012Validator.check_schema and registered
  under its `$id` and under its file name (so `$ref: "topic.schema.json#/$defs/X"` resolves).
* Each FILE (.json, or .yaml/.yml) picks its schema from its own `$schema` value, resolved
  relative to the FILE's folder and matched by file name (or by `$id`); --schema NAME forces one.
* YAML is read with PyYAML restricted to YAML 1.2 core-schema scalars (what helpdoc's saphyr
  parser does): `yes`/`on`, dates and `0777` stay strings; duplicate mapping keys are errors.
Prints every error as `FILE: JSON-PATH: message`; exit status 1 if anything failed.
"""
import argparse
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable
from referencing.jsonschema import DRAFT202012


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema implicit typing and duplicate-key detection."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                hash(key)
            except TypeError:
                continue
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    f"found duplicate key {key!r}", key_node.start_mark)
            seen[key] = True
        return super().construct_mapping(node, deep=deep)


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
     list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", list("-+.0123456789")),
]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), first)


def _int12(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)


def load_document(path: Path):
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".yaml", ".yml"):
        return yaml.load(text, Loader=Yaml12Loader)
    return json.loads(text)


def json_path(parts) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (
            f".{p}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(p)) else f"[{json.dumps(p)}]")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--schema-dir", required=True, type=Path)
    ap.add_argument("--schema", help="schema file name or $id to use for every FILE")
    ap.add_argument("--check-formats", action="store_true", help="assert `format` keywords")
    ap.add_argument("files", nargs="+", type=Path)
    args = ap.parse_args()

    failed = False
    schemas = {}  # file name -> contents
    by_id = {}    # $id (without fragment) -> file name
    for sf in sorted(args.schema_dir.glob("*.json")):
        try:
            contents = json.loads(sf.read_text(encoding="utf-8"))
            Draft202012Validator.check_schema(contents)
        except (ValueError, SchemaError) as e:
            msg = e.message if isinstance(e, SchemaError) else str(e)
            where = json_path(e.absolute_path) if isinstance(e, SchemaError) else "$"
            print(f"{sf}: invalid schema: {where}: {msg}")
            failed = True
            continue
        schemas[sf.name] = contents
        if isinstance(contents, dict) and isinstance(contents.get("$id"), str):
            by_id[urldefrag(contents["$id"])[0]] = sf.name
    if not schemas:
        print(f"{args.schema_dir}: no *.json schemas found")
        return 1

    def resource(name):
        return Resource.from_contents(schemas[name], default_specification=DRAFT202012)

    def retrieve(uri):
        # Fallback for refs whose resolved URI is not a registered key: match by file name.
        name = os.path.basename(urlsplit(uri).path)
        if name in schemas:
            return resource(name)
        raise NoSuchResource(ref=uri)

    registry = Registry(retrieve=retrieve).with_resources(
        [(name, resource(name)) for name in schemas]
        + [(sid, resource(name)) for sid, name in by_id.items()]
    ).crawl()

    def pick_schema(doc_path: Path, doc):
        ref = args.schema
        if ref is None:
            if not isinstance(doc, dict) or not isinstance(doc.get("$schema"), str):
                return None, "document has no `$schema` (use --schema NAME)"
            ref = doc["$schema"]
        ref = urldefrag(ref)[0]
        if ref in by_id:
            return by_id[ref], None
        parsed = urlsplit(ref)
        if parsed.scheme in ("", "file"):
            name = (doc_path.parent / parsed.path).name
        else:
            name = os.path.basename(parsed.path)
        if name in schemas:
            return name, None
        return None, f"`$schema` {ref!r} matches no schema in {args.schema_dir}"

    checker = FormatChecker() if args.check_formats else None
    for f in args.files:
        try:
            doc = load_document(f)
        except (OSError, ValueError, yaml.YAMLError) as e:
            print(f"{f}: cannot parse: {' '.join(str(e).split())}")
            failed = True
            continue
        name, problem = pick_schema(f, doc)
        if problem:
            print(f"{f}: {problem}")
            failed = True
            continue
        validator = Draft202012Validator(schemas[name], registry=registry, format_checker=checker)
        try:
            errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
        except Unresolvable as e:
            print(f"{f}: schema {name}: unresolvable $ref: {e}")
            failed = True
            continue
        for e in errors:
            print(f"{f}: {json_path(e.absolute_path)}: {e.message}  [schema {name} {json_path(e.absolute_schema_path)}]")
        if errors:
            failed = True
        else:
            print(f"ok {f} ({name})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
