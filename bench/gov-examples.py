#!/usr/bin/env python3
"""Benchmark the rule pack on the government-published food and health-food examples.

Not a test gate: it measures how well the rules generalise.

* Recall on the 292 sentences the authorities judged illegal: the 209 food examples
  (checked with --sector food) and the 83 health-food examples (--sector health-food,food).
  A sentence counts as caught when any rule reports any finding on it.
* False-positive rate on the officially allowed food phrases: 認定準則 附件一 (通常可使用之
  詞句) and the supplementary allowed cases, as written; 附件二 nutrient phrases with their
  nutrient named (附件二註三 allows them only then). Checked with --sector food.
* The examples are split by item number: every fifth item (項次 5, 10, ...) is a held-out
  set, so a rule tuned on the rest can be checked on sentences it was not tuned on.

Each sentence is written to its own file (document-level rules see one sentence at a
time) and the whole set is checked by one `adlaw check --format json` run.

Usage:
    bench/gov-examples.py [--adlaw BIN] [--rules DIR] [--data DIR]
                                  [--misses N] [--list-misses] [--list-fp]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

REPO = Path(__file__).resolve().parent.parent

# A miss whose text describes pictures, names or the overall message rather than quoting
# ad copy cannot be caught from the words alone; such misses teach little about the rules.
DESCRIPTION = re.compile(r"佐以|畫面|圖片|圖案|圖示|品名|比較|整體|字樣|廣告|標示|封面|影射|諧音")


def find_adlaw(explicit: str | None) -> str:
    return benchlib.find_adlaw(explicit or os.environ.get("ADLAW_BIN"))


def find_data(explicit: str | None) -> Path:
    found = Path(benchlib.find_data(explicit, required_file="food-ad-violation-examples-209.json"))
    if not (found / "food-ad-violation-examples-209.json").is_file():
        sys.exit("error: government example data not found; pass --data DIR (the folder holding "
                 "food-ad-violation-examples-209.json) or set ADLAW_GOV_DATA")
    return found


def item_number(identifier: str) -> int:
    match = re.search(r"項次(\d+)", identifier)
    return int(match.group(1)) if match else 0


def load_sets(data: Path) -> dict[str, list[dict]]:
    food = json.loads((data / "food-ad-violation-examples-209.json").read_text(encoding="utf-8"))
    health = json.loads((data / "health-food-ad-violation-examples-83.json").read_text(encoding="utf-8"))
    allowed = json.loads((data / "food-allowed-phrases.json").read_text(encoding="utf-8"))
    supplementary = json.loads((data / "usable-phrases-supplementary-cases.json").read_text(encoding="utf-8"))

    sets: dict[str, list[dict]] = {"food": [], "health-food": [], "allowed": [], "annex2-bare": []}
    for case in food["advertisement_violation_cases"]["cases"]:
        sets["food"].append({"id": item_number(case["id"]), "text": case["ad_content"], "type": case["violation_type"]})
    for case in health["health_food_violations"]["cases"]:
        sets["health-food"].append({"id": item_number(case["ID"]), "text": case["ad_content"], "type": case["violation_type"]})
    for category in allowed["categories"]:
        for case in category.get("cases", []):
            sets["allowed"].append({"id": item_number(case["ID"]), "text": case["ad_content"], "type": "附件一"})
        for sub in category.get("subcategories", []):
            nutrient = sub["subcategory"]
            for case in sub["cases"]:
                number = item_number(case["ID"])
                sets["allowed"].append({"id": number, "text": f"{nutrient}：{case['ad_content']}", "type": f"附件二（{nutrient}）"})
                sets["annex2-bare"].append({"id": number, "text": case["ad_content"], "type": f"附件二（{nutrient}）未敘明營養素"})
    for case in supplementary["cases"]:
        sets["allowed"].append({"id": 1000 + item_number(case["ID"]), "text": case["content"], "type": "補充案例"})
    return sets


def run(adlaw: str, rules: Path, items: list[dict], sectors: str | None, workdir: Path, name: str) -> list[list[dict]]:
    """Findings per item, in item order; `sectors` None runs as users run it (sectors inferred)."""
    folder = workdir / name
    folder.mkdir()
    for index, item in enumerate(items):
        (folder / f"{index:04d}.txt").write_text(item["text"] + "\n", encoding="utf-8")
    env = dict(os.environ, ADLAW_RULES_DIR=str(rules), NO_COLOR="1")
    sector_args = ["--sector", sectors] if sectors else []
    proc = subprocess.run([adlaw, "check", "--format", "json", "--fail-on", "never", "--no-color",
                           *sector_args, str(folder)],
                          capture_output=True, text=True, env=env)
    if proc.returncode not in (0, 1):
        sys.exit(f"error: adlaw exited with {proc.returncode}:\n{proc.stderr}")
    report = json.loads(proc.stdout)
    found: list[list[dict]] = [[] for _ in items]
    for finding in report["findings"]:
        index = int(Path(finding["path"]).stem)
        found[index].append(finding)
    return found


def pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:5.1f}%" if whole else "  n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--adlaw", help="the adlaw binary (default: .build/release/adlaw, then PATH)")
    parser.add_argument("--rules", default=str(REPO / "Rules"), help="rule folder (default: this checkout's Rules/)")
    parser.add_argument("--data", help="folder with the government example JSON files")
    parser.add_argument("--misses", type=int, default=10, help="how many instructive misses to print (default 10)")
    parser.add_argument("--list-misses", action="store_true", help="print every missed violation")
    parser.add_argument("--list-fp", action="store_true", help="print every flagged allowed phrase")
    parser.add_argument("--list-plain-misses", action="store_true",
                        help="print every violation with no error or warning finding without --sector")
    args = parser.parse_args()

    adlaw = find_adlaw(args.adlaw)
    data = find_data(args.data)
    sets = load_sets(data)
    with tempfile.TemporaryDirectory(prefix="adlaw-bench-") as tmp:
        work = Path(tmp)
        results = {
            "food": run(adlaw, Path(args.rules), sets["food"], "food", work, "food"),
            "health-food": run(adlaw, Path(args.rules), sets["health-food"], "health-food,food", work, "health-food"),
            "allowed": run(adlaw, Path(args.rules), sets["allowed"], "food", work, "allowed"),
            "annex2-bare": run(adlaw, Path(args.rules), sets["annex2-bare"], "food", work, "annex2-bare"),
        }
        # the same sentences as users run adlaw: no --sector, sectors inferred from each sentence alone
        plain = {name: run(adlaw, Path(args.rules), sets[name], None, work, name + "-plain")
                 for name in ("food", "health-food", "allowed")}

    print(f"adlaw: {adlaw}\nrules: {args.rules}\ndata:  {data}\n")
    print("Recall on the government violation examples (caught = at least one finding;")
    print("'w/o info' counts only error and warning findings)")
    print(f"{'set':<28}{'caught':>8}{'total':>8}{'recall':>9}{'w/o info':>10}")
    misses: list[tuple[str, dict]] = []
    rule_hits: Counter[str] = Counter()
    totals = {"all": [0, 0], "dev": [0, 0], "held-out": [0, 0]}
    strict = {"all": 0, "dev": 0, "held-out": 0}
    for name in ("food", "health-food"):
        caught = 0
        split = {"dev": [0, 0], "held-out": [0, 0]}
        strict_set = {"all": 0, "dev": 0, "held-out": 0}
        for item, findings in zip(sets[name], results[name]):
            part = "held-out" if item["id"] % 5 == 0 else "dev"
            split[part][1] += 1
            if any(f["severity"] != "info" for f in findings):
                strict_set["all"] += 1
                strict_set[part] += 1
            if findings:
                caught += 1
                split[part][0] += 1
                for rule in sorted({f["ruleId"] for f in findings}):
                    rule_hits[rule] += 1
            else:
                misses.append((name, item))
        total = len(sets[name])
        label = name + " (" + ("food" if name == "food" else "health-food,food") + ")"
        print(f"{label:<28}{caught:>8}{total:>8}{pct(caught, total):>9}{pct(strict_set['all'], total):>10}")
        for part in ("dev", "held-out"):
            print(f"{'  ' + part:<28}{split[part][0]:>8}{split[part][1]:>8}{pct(*split[part]):>9}"
                  f"{pct(strict_set[part], split[part][1]):>10}")
            totals[part][0] += split[part][0]
            totals[part][1] += split[part][1]
            strict[part] += strict_set[part]
        totals["all"][0] += caught
        totals["all"][1] += total
        strict["all"] += strict_set["all"]
    print(f"{'all 292':<28}{totals['all'][0]:>8}{totals['all'][1]:>8}{pct(*totals['all']):>9}"
          f"{pct(strict['all'], totals['all'][1]):>10}")
    for part in ("dev", "held-out"):
        print(f"{'  ' + part + ' (項次 % 5 ' + ('!= 0' if part == 'dev' else '== 0') + ')':<28}"
              f"{totals[part][0]:>8}{totals[part][1]:>8}{pct(*totals[part]):>9}{pct(strict[part], totals[part][1]):>10}")

    print("\nWithout --sector (sectors inferred from each sentence alone; error and warning findings only)")
    for name in ("food", "health-food"):
        severe = [any(f["severity"] != "info" for f in found) for found in plain[name]]
        parts = {part: [sum(1 for item, hit in zip(sets[name], severe) if hit and (item["id"] % 5 == 0) == (part == "held-out")),
                        sum(1 for item in sets[name] if (item["id"] % 5 == 0) == (part == "held-out"))]
                 for part in ("dev", "held-out")}
        print(f"  {name:<26}{sum(severe):>8}{len(severe):>8}{pct(sum(severe), len(severe)):>9}"
              f"   dev {pct(*parts['dev'])}, held-out {pct(*parts['held-out'])}")
        if args.list_plain_misses:
            for item, hit, found in zip(sets[name], severe, plain[name]):
                if not hit:
                    infos = ", ".join(sorted({f["ruleId"] for f in found}))
                    print(f"    MISS [{name} 項次{item['id']}] {item['text']}" + (f"  (info: {infos})" if infos else ""))
    plain_fp = [(item, [f for f in found if f["severity"] != "info"]) for item, found in zip(sets["allowed"], plain["allowed"])]
    plain_fp = [(item, found) for item, found in plain_fp if found]
    print(f"  {'allowed phrases flagged':<26}{len(plain_fp):>8}{len(sets['allowed']):>8}{pct(len(plain_fp), len(sets['allowed'])):>9}")
    if args.list_fp:
        for item, findings in plain_fp:
            rules = ", ".join(sorted({f["ruleId"] for f in findings}))
            print(f"    FP {item['type']} 「{item['text']}」 <- {rules}")

    print("\nFalse positives on the allowed food phrases (--sector food)")
    flagged = [(item, f) for item, f in zip(sets["allowed"], results["allowed"]) if f]
    by_type = Counter(item["type"].split("（")[0] for item in sets["allowed"])
    flagged_by_type = Counter(item["type"].split("（")[0] for item, _ in flagged)
    for kind in ("附件一", "附件二", "補充案例"):
        print(f"  {kind:<24}{flagged_by_type[kind]:>4} of {by_type[kind]:<4}{pct(flagged_by_type[kind], by_type[kind])}")
    print(f"  {'all allowed phrases':<24}{len(flagged):>4} of {len(sets['allowed']):<4}{pct(len(flagged), len(sets['allowed']))}")
    bare = sum(1 for f in results["annex2-bare"] if f)
    print(f"  (附件二 phrases with no nutrient named, flagged by design: {bare} of {len(sets['annex2-bare'])})")
    if args.list_fp or flagged:
        for item, findings in flagged:
            rules = ", ".join(sorted({f["ruleId"] for f in findings}))
            spans = "、".join(sorted({f["matchedText"] for f in findings}))
            print(f"    FP {item['type']} 「{item['text']}」 <- {rules} on 「{spans}」")

    print("\nFindings per rule on the violation examples (sentences caught)")
    for rule, count in rule_hits.most_common():
        print(f"  {rule:<40}{count:>4}")

    textual = [(name, item) for name, item in misses if not DESCRIPTION.search(item["text"])]
    described = len(misses) - len(textual)
    textual.sort(key=lambda pair: (len(pair[1]["text"]), pair[0], pair[1]["id"]))
    print(f"\nMisses: {len(misses)} ({described} describe pictures, names or the overall message rather than quote copy)")
    print(f"The {min(args.misses, len(textual))} most instructive misses (shortest quoted copy first):")
    for name, item in textual[: args.misses]:
        print(f"  [{name} 項次{item['id']}] {item['type']}: {item['text']}")
    if args.list_misses:
        print("\nAll misses:")
        for name, item in misses:
            print(f"  [{name} 項次{item['id']}] {item['type']}: {item['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
