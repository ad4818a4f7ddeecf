#!/usr/bin/env python3
"""Writes the binary form of a text DRAT or LRAT proof (what CaDiCaL writes by default):
binary_proof.py drat|lrat IN OUT. Each record is 'a' or 'd', then numbers as LEB128 of
2x (x > 0) or 2|x| + 1 (x < 0), each list ended by a 0 byte; an LRAT addition starts with
its clause id, an LRAT deletion drops the text's leading id."""
import sys


def varint(n):
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return out


def number(word):
    x = int(word)
    return b"\0" if x == 0 else varint(2 * x if x > 0 else -2 * x + 1)


def main():
    kind, src, dst = sys.argv[1:4]
    out = bytearray()
    for line in open(src):
        w = line.split()
        if not w or w[0] == "c":
            continue
        if kind == "lrat":
            w = ["d"] + w[2:] if w[1] == "d" else ["a"] + w
        elif w[0] != "d":
            w = ["a"] + w
        out += w[0].encode()
        for x in w[1:]:
            out += number(x)
    open(dst, "wb").write(out)


if __name__ == "__main__":
    main()
