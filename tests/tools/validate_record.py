#!/usr/bin/env python3
"""Validates hcert audit records (one JSON object per line of FILE, or of stdin) against
spec/record.schema.json. Uses the jsonschema module when installed; otherwise the small
validator below, which knows the keywords that schema uses (HCERT_OWN_VALIDATOR=1 forces it,
so the tests run both). Exit 0 when every record is
valid, 1 otherwise (the reasons on stderr)."""
import json
import os
import re
import sys
from pathlib import Path

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "spec" / "record.schema.json").read_text())

TYPES = {
    "object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
    "integer": int, "number": (int, float),
}


def resolve(ref):
    node = SCHEMA
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def errors(value, schema, where="$"):
    """The reasons `value` does not match `schema` (empty when it does)."""
    if "$ref" in schema:
        return errors(value, resolve(schema["$ref"]), where)
    out = []
    if "type" in schema:
        want = TYPES[schema["type"]]
        if not isinstance(value, want) or (isinstance(value, bool) and schema["type"] in ("integer", "number")):
            return [f"{where}: not of type {schema['type']}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{where}: {value!r} not one of {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        out.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "anyOf" in schema and all(errors(value, s, where) for s in schema["anyOf"]):
        out.append(f"{where}: matches none of anyOf")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        out.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if "minimum" in schema and isinstance(value, (int, float)) and value < schema["minimum"]:
        out.append(f"{where}: {value} below {schema['minimum']}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                out.append(f"{where}: missing {key}")
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, v in value.items():
            if key in props:
                out += errors(v, props[key], f"{where}.{key}")
            elif extra is False:
                out.append(f"{where}: unexpected {key}")
            elif isinstance(extra, dict):
                out += errors(v, extra, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            out += errors(v, schema["items"], f"{where}[{i}]")
    return out


def validate(record):
    try:
        if os.environ.get("HCERT_OWN_VALIDATOR"):
            raise ImportError
        import jsonschema
    except ImportError:
        return errors(record, SCHEMA)
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(record)]


def main():
    text = open(sys.argv[1], encoding="utf-8").read() if len(sys.argv) > 1 else sys.stdin.read()
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        print("no record", file=sys.stderr)
        return 1
    bad = 0
    for n, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
        except ValueError as e:
            print(f"record {n}: not JSON: {e}", file=sys.stderr)
            bad += 1
            continue
        for reason in validate(record):
            print(f"record {n}: {reason}", file=sys.stderr)
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
