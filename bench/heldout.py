#!/usr/bin/env python3
"""Held-out benchmark for the health rule packs (not a test gate).

Runs the cosmetics, drug, medical and medical-device rules over the held-out copy in
Tests/Fixtures/heldout-health.yaml (sentences written before the rules were tuned on
them, each labelled with the rules it should trigger or `clean`) and prints, per area
and per half (dev, test):

  - recall: violation items on which at least one of their labelled rules fired;
  - precision: findings that are right, counted once per (item, rule): a rule that fires
    on a clean item, or on a violation it is not labelled with, is a false positive;
  - clean items with any finding.

Only sentence-level rules with severity error or warning are measured; document-level
`requires` rules and info rules need whole documents and are left to the annotated
corpus. Each item is written to its own file with its sector declared in a front matter,
and each half is checked by one `adlaw check --format json` run.

Tune rules on the dev half only; the test half is the estimate for unseen copy.

Usage:
    bench/heldout.py [--adlaw BIN] [--set FILE] [--split dev|test|all] [--by-rule] [--list]
        # adlaw default: $ADLAW_BIN, .build/release/adlaw, .build/debug/adlaw, adlaw on PATH
        # --by-rule prints recall per claim type; --list every miss and false positive
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
AREAS = ["cosmetics", "drug", "medical", "medical-device"]


def find_adlaw(explicit: str | None) -> str:
    return benchlib.find_adlaw(explicit or os.environ.get("ADLAW_BIN"))


def load_items(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items, seen = [], set()
    for area in AREAS:
        for item in data.get(area, []):
            ident = item["id"]
            if ident in seen:
                sys.exit(f"error: {path}: duplicate id {ident}")
            seen.add(ident)
            if item.get("split") not in ("dev", "test"):
                sys.exit(f"error: {path}: item {ident} has no split (dev or test)")
            expect = item["expect"]
            if expect != "clean" and not (isinstance(expect, list) and expect):
                sys.exit(f"error: {path}: item {ident}: expect must be `clean` or a list of rule ids")
            items.append({"id": ident, "area": area, "split": item["split"], "text": str(item["text"]),
                          "sector": item.get("sector", area),
                          "expect": [] if expect == "clean" else list(expect)})
    return items


def measured_rules(adlaw: str) -> set[str]:
    proc = subprocess.run([adlaw, "rules", "list", "--format", "json"], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"error: adlaw rules list failed: {proc.stderr.strip()}")
    return {rule["id"] for rule in json.loads(proc.stdout)
            if rule["id"].split(".")[0] in AREAS and rule["kind"] != "requires" and rule["severity"] != "info"}


def check(adlaw: str, items: list[dict], workdir: Path) -> dict[str, dict[str, list[str]]]:
    """Returns, per item id, the matched texts of each rule that fired."""
    folder = workdir / "items"
    folder.mkdir()
    for item in items:
        (folder / f"{item['id']}.txt").write_text(f"---\nsector: {item['sector']}\n---\n{item['text']}\n",
                                                   encoding="utf-8")
    only = sum((["--only", f"{area}.*"] for area in AREAS), [])
    proc = subprocess.run([adlaw, "check", "--format", "json", "--fail-on", "never", "--no-infer-sectors"]
                          + only + [str(folder)], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"error: adlaw check failed: {proc.stderr.strip()}")
    fired: dict[str, dict[str, list[str]]] = {item["id"]: {} for item in items}
    for finding in json.loads(proc.stdout)["findings"]:
        ident = Path(finding["path"]).stem
        fired[ident].setdefault(finding["ruleId"], []).append(finding["matchedText"])
    return fired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adlaw", help="the adlaw binary")
    parser.add_argument("--set", default=str(REPO / "Tests/Fixtures/heldout-health.yaml"), help="the held-out set")
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all", help="which half to report")
    parser.add_argument("--list", action="store_true", help="print every miss and false positive")
    parser.add_argument("--by-rule", action="store_true",
                        help="also print recall per claim type (the first rule each violation is labelled with)")
    args = parser.parse_args()

    adlaw = find_adlaw(args.adlaw)
    items = load_items(Path(args.set))
    scope = measured_rules(adlaw)
    for item in items:
        unknown = [rule for rule in item["expect"] if rule not in scope]
        if unknown:
            sys.exit(f"error: item {item['id']} expects rules that are not measured: {', '.join(unknown)}")

    with tempfile.TemporaryDirectory() as tmp:
        fired = check(adlaw, items, Path(tmp))
    for ident in fired:
        fired[ident] = {rule: spans for rule, spans in fired[ident].items() if rule in scope}

    splits = ["dev", "test"] if args.split == "all" else [args.split]
    print(f"held-out health set: {args.set}; {len(scope)} rules measured (sentence-level, error/warning)")
    header = f"{'area':15} {'half':5} {'violations':>10} {'caught':>7} {'recall':>7} {'findings':>9} {'right':>6} {'precision':>9} {'clean':>6} {'flagged':>8}"
    print(header)
    print("-" * len(header))
    details = []
    for split in splits:
        totals = [0] * 6
        for area in AREAS:
            group = [i for i in items if i["area"] == area and i["split"] == split]
            violations = [i for i in group if i["expect"]]
            clean = [i for i in group if not i["expect"]]
            caught = [i for i in violations if any(rule in fired[i["id"]] for rule in i["expect"])]
            pairs = [(i, rule) for i in group for rule in fired[i["id"]]]
            right = [(i, rule) for i, rule in pairs if rule in i["expect"]]
            flagged = [i for i in clean if fired[i["id"]]]
            row = [len(violations), len(caught), len(pairs), len(right), len(clean), len(flagged)]
            totals = [a + b for a, b in zip(totals, row)]
            print(line(area, split, row))
            for i in violations:
                if i not in caught:
                    details.append(f"  miss  {i['id']:10} {split:4} {'/'.join(i['expect'])}: {i['text']}"
                                   + (f"  (fired: {', '.join(sorted(fired[i['id']]))})" if fired[i["id"]] else ""))
            for i, rule in pairs:
                if rule not in i["expect"]:
                    details.append(f"  FP    {i['id']:10} {split:4} {rule} 「{'」「'.join(fired[i['id']][rule])}」: {i['text']}")
        print(line("all four", split, totals))
    if args.by_rule:
        print()
        print(f"{'claim type (first label)':40} " + " ".join(f"{split + ' caught':>12}" for split in splits))
        for rule in sorted({i["expect"][0] for i in items if i["expect"]}):
            cells = []
            for split in splits:
                group = [i for i in items if i["expect"] and i["expect"][0] == rule and i["split"] == split]
                caught = sum(any(r in fired[i["id"]] for r in i["expect"]) for i in group)
                cells.append(f"{caught:>5}/{len(group):<6}" if group else f"{'-':>12}")
            print(f"{rule:40} " + " ".join(cells))
    if args.list and details:
        print()
        print("\n".join(details))


def line(area: str, split: str, row: list[int]) -> str:
    violations, caught, pairs, right, clean, flagged = row
    recall = f"{100 * caught / violations:.1f}%" if violations else "-"
    precision = f"{100 * right / pairs:.1f}%" if pairs else "-"
    return (f"{area:15} {split:5} {violations:>10} {caught:>7} {recall:>7} {pairs:>9} {right:>6} {precision:>9}"
            f" {clean:>6} {flagged:>8}")


if __name__ == "__main__":
    main()
