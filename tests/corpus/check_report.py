#!/usr/bin/env python3
"""Checks what `hcert check --json` printed, parsed as JSON (tests/corpus/run calls it).

A report must be one JSON object that spec/record.schema.json accepts (fields, types,
SHA-256 format), and its fields must agree with each other and with the run that printed
it (RELATIONS below): the verdict with the exit code hcert returned, the hashes with the
files it read, the message (or, for a hole, the hole) with the reason the case expects.

  check_report.py REPORT --exit N [--problem FILE] [--certificate FILE]
                  [--message FRAGMENT] [--field NAME=JSON]... [--has NAME=KEY]...
                  [--same-as OTHER]
  check_report.py --batch LIST      one case a line: REPORT TAB EXIT TAB PROBLEM TAB
                                    CERTIFICATE TAB MESSAGE; prints one FAIL line a
                                    failing case, then "json: N passed, N failed"

Exit status: 0 when every report passes, 1 when one does not, 2 on a usage error.
"""
import argparse
import hashlib
import json
import os
import sys

import jsonschema

SCHEMA_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "spec",
                           "record.schema.json")

# spec/cli.md, "Exit codes": the verdict each exit code is printed with.
VERDICT_OF_EXIT = {0: "VERIFIED", 1: "NOT VERIFIED", 2: "INCOMPLETE", 3: "ERROR", 4: "ERROR"}

# Fields that change from run to run; everything else is the same for the same input.
VOLATILE = ("seconds", "peak_rss_kb")

# What must hold between the fields of any report: (what it says, test of the report).
RELATIONS = [
    ("the verdict is the one spec/cli.md gives for the exit code",
     lambda r: VERDICT_OF_EXIT.get(r["exit"]) == r["verdict"]),
    ("a verified check has no message", lambda r: r["exit"] != 0 or r["message"] == ""),
    ("a check that is not verified says why", lambda r: r["exit"] == 0 or r["message"] != ""),
    ("a verified check depends on no hole", lambda r: r["exit"] != 0 or r["holes"] == []),
    ("a verified check states A |- F, whole",
     lambda r: r["exit"] != 0 or (r["statement"] and r["statement"]["conclusion"] == "(c F bool)" and r["statement"]["complete"])),
    ("the statement's hypotheses are counted",
     lambda r: not r["statement"] or not r["statement"]["complete"] or
     len(r["statement"]["hypotheses"]) == r["statement"]["hypothesis_count"]),
    ("a check with holes is incomplete at best", lambda r: not r["holes"] or r["exit"] != 0),
    ("--pure uses no kernel fast path", lambda r: not r["pure"] or r["kernel_fast_paths"] == {}),
    ("the steps per rule add up to the steps (a time limit's record may leave them out)",
     lambda r: sum(r["rules"].values()) == r["steps"] or (r["exit"] == 4 and not r["rules"])),
    ("no more steps than records", lambda r: r["steps"] <= r["records"]),
]


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def strict_object(pairs):
    """A JSON object whose keys are all different (Python would keep the last silently)."""
    keys = [k for k, _ in pairs]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValueError(f"key {repeated[0]!r} appears twice")
    return dict(pairs)


def no_constant(name):
    raise ValueError(f"{name} is not JSON")


def load(path):
    """The report as a dict, or a string saying why it is not one JSON object (RFC 8259:
    UTF-8, no NaN or Infinity, no repeated key, nothing after it but a newline)."""
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
        return json.loads(text, object_pairs_hook=strict_object, parse_constant=no_constant)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return f"not a JSON document: {e}"


def problems(path, want_exit, problem=None, certificate=None, message=None, fields=(), has=(),
             same_as=None):
    """Every way the report at path fails; empty when it passes."""
    report = load(path)
    if isinstance(report, str):
        return [report]
    errors = sorted(jsonschema.Draft202012Validator(SCHEMA).iter_errors(report), key=lambda e: list(e.path))
    if errors:
        return ["schema: " + ("/".join(map(str, e.path)) or "(top)") + ": " + e.message for e in errors]
    found = ["does not hold: " + what for what, holds in RELATIONS if not holds(report)]
    if report["exit"] != want_exit:
        found.append(f"field exit is {report['exit']}, hcert exited {want_exit}")
    for name, file in (("problem", problem), ("proof", certificate)):
        if file and os.path.isfile(file) and report[name]["sha256"] not in ("", sha256_of(file)):
            found.append(f"{name}.sha256 is {report[name]['sha256']}, the file {os.path.basename(file)} has {sha256_of(file)}")
    if message and not any(message in said for said in [report["message"]] + report["holes"]):
        found.append(f"neither the message {report['message']!r} nor a hole contains {message!r}")
    for name, value in fields:
        if report.get(name) != value:
            found.append(f"field {name} is {json.dumps(report.get(name))}, expected {json.dumps(value)}")
    for name, key in has:
        if key not in report.get(name, ()):
            found.append(f"field {name} has no {key!r}: {json.dumps(report.get(name))[:200]}")
    if same_as is not None:
        other = load(same_as)
        if isinstance(other, str):
            found.append(f"{same_as}: {other}")
        else:
            for name in sorted(set(report) | set(other)):
                if name not in VOLATILE and report.get(name) != other.get(name):
                    found.append(f"field {name} differs: {json.dumps(report.get(name))[:200]}"
                                 f" and {json.dumps(other.get(name))[:200]}")
    return found


def name_and_key(text):
    name, sep, key = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=KEY")
    return name, key


def field(text):
    name, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=JSON")
    try:
        return name, json.loads(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r}: {e}")


def batch(list_path):
    passed = failed = 0
    with open(list_path, encoding="utf-8") as f:
        for line in f:
            report, want_exit, problem, certificate, message = line.rstrip("\n").split("\t", 4)
            found = problems(report, int(want_exit), problem, certificate, message)
            if found:
                failed += 1
                print(f"FAIL json {certificate}: " + "; ".join(found))
            else:
                passed += 1
    print(f"json: {passed} passed, {failed} failed")
    return 1 if failed else 0


def main():
    p = argparse.ArgumentParser(description="Check an `hcert check --json` report.")
    p.add_argument("report", nargs="?")
    p.add_argument("--batch")
    p.add_argument("--exit", type=int)
    p.add_argument("--problem")
    p.add_argument("--certificate")
    p.add_argument("--message")
    p.add_argument("--field", type=field, action="append", default=[])
    p.add_argument("--has", type=name_and_key, action="append", default=[])
    p.add_argument("--same-as")
    a = p.parse_args()
    if a.batch:
        return batch(a.batch)
    if a.report is None or a.exit is None:
        p.error("REPORT and --exit are required without --batch")
    found = problems(a.report, a.exit, a.problem, a.certificate, a.message, a.field, a.has, a.same_as)
    for f in found:
        print(f)
    return 1 if found else 0


with open(SCHEMA_PATH, encoding="utf-8") as schema_file:
    SCHEMA = json.load(schema_file)
jsonschema.Draft202012Validator.check_schema(SCHEMA)

if __name__ == "__main__":
    sys.exit(main())
