#!/usr/bin/env python3
"""Benchmark for the fair-trade and consumer-protection rule packs (not a test gate).

Three measurements:

  - numeric limits: prize and gift sentences generated on both sides of each legal limit
    (事業提供贈品贈獎額度辦法 Art. 6: largest prize <= NT$5,000,000; Art. 4: gift <= half the
    item value, or <= NT$50 when the item is worth NT$100 or less), written the ways copy
    writes amounts (5,000,000 / 500萬 / 全形 / 五百萬 / 1.2億 / NT$). A case is right when
    the rule fires exactly on the sentences over the limit.
  - rescission periods: 鑑賞期 / 退貨 sentences with 1-10 days in web-shop copy; the rule
    must fire on fewer than 7 days and only there (消費者保護法 Art. 19 I).
  - false positives out of domain: every sentence in ../shared/law/data (the government's
    food and health-food ad examples and allowed phrases) becomes its own document with
    sectors inferred; every finding of these two areas is printed so a reader can judge
    (a real 「最有效」 or 「唯一通過」 claim is a true finding even there).

Usage:

  bench/general.py [--adlaw PATH] [--data DIR]

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

AREAS = ["fair-trade", "consumer-protection"]

FULLWIDTH = str.maketrans("0123456789,$", "０１２３４５６７８９，＄")
CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_wan(n):
    """A whole number of 萬 (1-9999) in Chinese numerals: 501 -> 五百零一."""
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    out, zero = "", False
    for value, unit in units:
        digit = n // value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += CHINESE_DIGITS[digit] + unit
    return out


def prize_cases():
    """(sentence, over the limit?) pairs around NT$5,000,000."""
    cases = []
    for amount in (4_990_000, 5_000_000, 5_010_000, 6_000_000, 120_000_000):
        over = amount > 5_000_000
        wan = amount // 10_000
        forms = [f"{amount:,}元", f"NT${amount:,}", f"{wan}萬元", f"{wan}萬".translate(FULLWIDTH),
                 f"{chinese_wan(wan)}萬元" if wan < 10_000 else "一億兩千萬元"]
        if amount >= 100_000_000:
            forms.append(f"{amount / 100_000_000:g}億元")
        for form in forms:
            cases.append((f"週年慶抽獎，首獎價值{form}的豪華轎車一輛。", over))
            cases.append((f"頭獎：現金{form}，共1名。", over))
    # totals and pools are not a single prize
    cases.append(("總獎金高達1,000萬元，首獎300萬元。", False))
    cases.append(("千萬獎金等你瓜分，總價值1,200萬元。", False))
    return cases


def gift_cases():
    """(sentence, over the limit?) pairs around Art. 4."""
    cases = []
    for price, gift in ((3000, 1500), (3000, 1501), (3000, 2000), (1280, 640), (1280, 990),
                        (89, 50), (89, 60), (39, 45), (100, 50), (100, 51)):
        over = gift > max(price / 2, 50)
        cases.append((f"凡購買售價{price}元的商品，即贈價值{gift}元的好禮。", over))
        cases.append((f"單筆消費滿NT${price:,}，加贈價值NT${gift:,}的保溫瓶。".translate(FULLWIDTH), over))
    cases.append(("同款洗髮精買一送一。", False))
    cases.append(("買2件送價值500元購物袋（每件售價1,200元）。", False))
    return cases


def rescission_cases():
    cases = []
    for days in range(1, 11):
        short = days < 7
        cases.append((f"網購商品享{days}天鑑賞期，收到後請盡快檢查。", short))
        cases.append((f"官網訂購商品，收到後{days}日內可申請退貨。", short))
    return cases


def run_cases(adlaw, name, rule, cases, positive="over the limit"):
    with tempfile.TemporaryDirectory() as folder:
        for index, (text, _) in enumerate(cases):
            with open(os.path.join(folder, f"{index:04d}.txt"), "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        findings = check(adlaw, folder, ["--only", rule, "--no-infer-sectors"])
    fired = {int(os.path.basename(f["path"]).split(".")[0]) for f in findings}
    wrong = [(text, over) for index, (text, over) in enumerate(cases) if (index in fired) != over]
    right = len(cases) - len(wrong)
    print(f"{name}: {right}/{len(cases)} right ({sum(1 for _, o in cases if o)} {positive})")
    for text, over in wrong:
        print(f"  {'missed' if over else 'false alarm'}: {text}")
    return right, len(cases)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--adlaw")
    parser.add_argument("--data")
    args = parser.parse_args()
    adlaw = find_adlaw(args.adlaw)
    data_dir = benchlib.find_data(args.data)

    run_cases(adlaw, "prize limit (Art. 6)", "fair-trade.prize-over-limit", prize_cases())
    run_cases(adlaw, "gift limit (Art. 4)", "fair-trade.gift-over-limit", gift_cases())
    run_cases(adlaw, "7-day rescission (消保法 Art. 19)", "consumer-protection.short-cooling-off", rescission_cases(),
              positive="shorter than 7 days")

    if not os.path.isdir(data_dir):
        print(f"out of domain: skipped, no data folder at {data_dir}")
        return
    texts = sentences(data_dir)
    with tempfile.TemporaryDirectory() as folder:
        for index, text in enumerate(texts):
            with open(os.path.join(folder, f"{index:04d}.txt"), "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        extra = []
        for area in AREAS:
            extra += ["--only", area]
        findings = check(adlaw, folder, extra)
    by_severity = {}
    for finding in findings:
        by_severity[finding["severity"]] = by_severity.get(finding["severity"], 0) + 1
    summary = ", ".join(f"{count} {severity}" for severity, count in sorted(by_severity.items())) or "none"
    print(f"out of domain: {len(texts)} government food and health-food sentences, findings: {summary}")
    for finding in sorted(findings, key=lambda f: f["path"]):
        index = int(os.path.basename(finding["path"]).split(".")[0])
        print(f"  {finding['ruleId']} 「{finding['matchedText']}」 in: {texts[index][:50]}")



def find_adlaw(given):
    return benchlib.find_adlaw(given, prefer=("debug",))


def check(adlaw, folder, extra):
    return benchlib.check(adlaw, [folder], extra)["findings"]


def sentences(data_dir):
    return [text.replace("\n", " ") for text in benchlib.ad_contents(data_dir)]

if __name__ == "__main__":
    main()
