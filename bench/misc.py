#!/usr/bin/env python3
"""Benchmark for the tobacco, alcohol, environmental-agent, ip and signage rule packs
(not a test gate).

Two measurements:

  - recall on the phrases the law itself lists: 環境用藥廣告管理辦法 (O0060031) Art. 5
    (fifteen exaggeration examples, and 防治/預防 with each of the four named diseases) and
    菸害防制法 (L0070021) Art. 9 I (淡菸, 低焦油). Each phrase becomes one line
    「本產品<phrase>。」 of a document declared to be of the sector; a line counts as
    flagged when a rule of the area reports on it.
  - false positives out of domain: every sentence in ../shared/law/data (the government's
    food and health-food ad examples and allowed phrases) becomes its own document, with
    sectors inferred as usual, and every finding of these five areas is listed. None of
    those sentences advertises tobacco, alcohol, pesticides, signs or IP, so each finding
    is a false positive unless the sentence really makes such a claim (the script prints
    them so a reader can judge).

Usage:

  bench/misc.py [--adlaw PATH] [--data DIR]

  --adlaw  default: .build/debug/adlaw, then adlaw on PATH
  --data   default: ../shared/law/data beside the repository

The binary finds the rule pack as usual (source tree, install, or ADLAW_RULES_DIR).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

AREAS = ["tobacco", "alcohol", "environmental-agent", "ip", "signage"]

# 環境用藥廣告管理辦法 第5條 (quoted): 一、誇張安全性 二、誇張效能 三、誇張製法 四、疾病
ENV_ART5 = ["環保配方", "絕對安全", "人畜無害", "無毒性", "安心使用", "放心使用",
            "立即見效", "澈底殺滅", "完全消滅", "通通殺", "根除", "保證",
            "特級品", "最高技術", "最新科學", "最新科技", "最進步製法"]
ENV_ART5_DISEASES = ["腸病毒", "嚴重急性呼吸道症候群（SARS）", "禽流感", "退伍軍人症"]
# 菸害防制法 第9條第1項 (quoted examples)
TOBACCO_ART9 = ["淡菸", "低焦油"]


def recall(adlaw, workdir, sector, area, phrases):
    path = os.path.join(workdir, f"{area}.md")
    header = ["---", f"sector: {sector}", "---", "# 商品說明"]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(header + [f"本產品{p}。" for p in phrases]) + "\n")
    report = check(adlaw, [path], ["--only", area])
    flagged_lines = {f["line"] for f in report["findings"]}
    first = len(header) + 1
    missed = [p for i, p in enumerate(phrases) if first + i not in flagged_lines]
    return len(phrases) - len(missed), missed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--adlaw")
    parser.add_argument("--data", default=benchlib.find_data())
    args = parser.parse_args()
    adlaw = find_adlaw(args.adlaw)

    with tempfile.TemporaryDirectory() as workdir:
        env_phrases = ENV_ART5 + [f"{verb}{d}" for d in ENV_ART5_DISEASES for verb in ("防治", "預防")]
        rows = [
            ("環境用藥廣告管理辦法 第5條 (examples and diseases)", "environmental-agent", "environmental-agent", env_phrases),
            ("菸害防制法 第9條第1項 (淡菸, 低焦油)", "tobacco", "tobacco", TOBACCO_ART9),
        ]
        print("Recall on the phrases the law lists")
        for title, sector, area, phrases in rows:
            hit, missed = recall(adlaw, workdir, sector, area, phrases)
            print(f"  {title}: {hit} of {len(phrases)} flagged ({100.0 * hit / len(phrases):.1f}%)")
            for phrase in missed:
                print(f"    missed: {phrase}")

        if not os.path.isdir(args.data):
            print(f"\n(no data folder at {args.data}; false-positive check skipped)")
            return
        texts = sentences(args.data)
        docs = os.path.join(workdir, "sentences")
        os.makedirs(docs)
        paths = []
        for i, text in enumerate(texts):
            path = os.path.join(docs, f"{i:05d}.txt")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            paths.append(path)
        only = sum((["--only", a] for a in AREAS), [])
        report = check(adlaw, [docs], only)
        findings = report["findings"]
        print("\nOut-of-domain sentences (government food and health-food examples, sectors inferred)")
        print(f"sentences: {len(texts)}; findings of these areas: {len(findings)} "
              f"(errors {sum(f['severity'] == 'error' for f in findings)}, "
              f"warnings {sum(f['severity'] == 'warning' for f in findings)}, "
              f"info {sum(f['severity'] == 'info' for f in findings)})")
        for f in findings:
            index = int(os.path.basename(f["path"]).split(".")[0])
            print(f"    {f['ruleId']} {f['severity']}: 「{f['matchedText']}」 in: {texts[index][:60]}")



def find_adlaw(given):
    return benchlib.find_adlaw(given, prefer=("debug",))


def check(adlaw, paths, extra):
    return benchlib.check(adlaw, paths, extra)


def sentences(data_dir):
    return [s for s in (text.strip() for text in benchlib.ad_contents(data_dir)) if s]

if __name__ == "__main__":
    main()
