#!/usr/bin/env python3
"""List near-duplicate real cases between one set and others (character 6-gram overlap).

A real-case set (a folder or a .jsonl file of `real-cases-*.jsonl` lines with a `text`
field) is compared against reference sets. Two texts are near-duplicates when the share of
the shorter text's character 6-grams that also occur in the other text reaches the
threshold. Whitespace and common punctuation are dropped before the n-grams are taken, so
a quote that differs only in spacing or ellipses still matches. Texts shorter than n
characters are compared whole.

Usage:

  bench/dedup-cases.py SET [REFERENCE ...] [--threshold 0.5] [--n 6] [--self]

  SET         a folder (all real-cases-*.jsonl in it) or a .jsonl file
  REFERENCE   folders or files to compare against; default: ../shared/law/data,
              bench/data and bench/holdout beside the repository
  --self      also list near-duplicates inside SET itself

Prints one line per pair (overlap, SET id, reference id, reference file) and exits 1
when any pair is found, 0 otherwise. Only ids and scores are printed, never texts, so a
blind set can be checked without being read.
"""
import argparse
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NOISE = re.compile(r"[\s\u3000.,;:!?'\"()\[\]{}<>\u2026\u30fb\u00b7\uff0c\u3002\u3001\uff1b\uff1a\uff01\uff1f\u300c\u300d\u300e\u300f\uff08\uff09\u3010\u3011\u3014\u3015\u300a\u300b\u3008\u3009\u007e\uff5e\u002d\u2014\u2013_*#/\\|]+")


def files_of(path):
    if os.path.isdir(path):
        return sorted(glob.glob(os.path.join(path, "real-cases-*.jsonl")))
    if os.path.isfile(path):
        return [path]
    sys.exit(f"dedup-cases: {path}: no such file or folder")


def load(paths):
    cases = []
    for path in paths:
        for file in files_of(path):
            with open(file, encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    try:
                        case = json.loads(line)
                    except json.JSONDecodeError as error:
                        sys.exit(f"dedup-cases: {file}:{number}:{error.colno}: not JSON: {error.msg}")
                    text = NOISE.sub("", case.get("text", ""))
                    cases.append((case.get("id", f"{os.path.basename(file)}:{number}"), file, text))
    return cases


def grams(text, n):
    if len(text) < n:
        return {text} if text else set()
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def overlap(a, b):
    if not a or not b:
        return 0.0
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter & longer) / len(shorter)


def default_references():
    shared = os.path.join(os.path.dirname(ROOT), "shared", "law", "data")
    found = [p for p in (shared, os.path.join(ROOT, "bench", "data"),
                         os.path.join(ROOT, "bench", "holdout")) if os.path.isdir(p)]
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set")
    parser.add_argument("references", nargs="*")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--n", type=int, default=6)
    parser.add_argument("--self", action="store_true", dest="self_check")
    args = parser.parse_args()

    mine = [(i, f, grams(t, args.n)) for i, f, t in load([args.set])]
    references = args.references or default_references()
    set_files = set(os.path.abspath(f) for f in files_of(args.set))
    others = [(i, f, grams(t, args.n)) for i, f, t in load(references)
              if os.path.abspath(f) not in set_files]
    pairs = []
    for id_a, _, a in mine:
        for id_b, file_b, b in others:
            score = overlap(a, b)
            if score >= args.threshold:
                pairs.append((score, id_a, id_b, os.path.relpath(file_b)))
    if args.self_check:
        for index, (id_a, file_a, a) in enumerate(mine):
            for id_b, file_b, b in mine[index + 1:]:
                score = overlap(a, b)
                if score >= args.threshold:
                    pairs.append((score, id_a, id_b, os.path.relpath(file_b)))
    for score, id_a, id_b, file_b in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        print(f"{score:.2f}\t{id_a}\t{id_b}\t{file_b}")
    print(f"dedup-cases: {len(mine)} cases checked against {len(others)}"
          f"{' and each other' if args.self_check else ''}; {len(pairs)} near-duplicate pair(s)"
          f" at >= {args.threshold} of the shorter text's {args.n}-grams", file=sys.stderr)
    return 1 if pairs else 0


if __name__ == "__main__":
    sys.exit(main())
