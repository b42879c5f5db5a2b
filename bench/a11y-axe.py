#!/usr/bin/env python3
"""Compares adlaw's accessibility rules with axe-core on the same HTML landing pages.

Not a test gate. Needs Debian's chromium and chromium-driver, and (in a venv)
`pip install axe-selenium-python selenium`, which bundles axe-core.

Usage: bench/a11y-axe.py [--adlaw PATH] [--pages N] [--seed S] [--write]

Reads Corpus/accessibility/*.html and N generated pages (seeded, written to a temporary
folder), runs `adlaw check --only accessibility` and axe-core (headless Chromium, file://)
over each, and prints, for each pair of rules both tools have, on how many pages they agree
(both flag the page, or neither does), what each flags alone, and element counts. Pages are
compared, not elements: axe names elements by CSS selector, adlaw by line and column.
--write also writes bench/results/a11y-axe.md.
"""
import argparse
import glob
import json
import os
import random
import sys
import tempfile

import benchlib

# adlaw rule(s) -> axe rule(s) that test the same thing.
PAIRS = [
    ("image-alt", ["accessibility.image-alt"], ["image-alt"]),
    ("link-name", ["accessibility.link-name"], ["link-name"]),
    ("video-caption", ["accessibility.video-captions"], ["video-caption"]),
    ("html-has-lang", ["accessibility.page-lang"], ["html-has-lang"]),
    ("heading-order", ["accessibility.heading-skip"], ["heading-order"]),
    ("table headers", ["accessibility.table-headers"], ["td-has-header", "th-has-data-cells"]),
    ("color-contrast", ["accessibility.contrast"], ["color-contrast"]),
]
# What adlaw checks that axe has no rule for, reported separately.
ADLAW_ONLY = ["accessibility.image-alt-text", "accessibility.link-text", "accessibility.page-lang-mismatch",
              "accessibility.image-only"]

COPY = ["全館滿千免運，活動期間至月底止。", "會員首購享九折優惠。", "本活動保留修改及終止之權利。",
        "產品成分與使用方式請見下方說明。", "客服專線週一至週五上午九點至下午六點。"]


def generate(folder, count, seed):
    """Writes `count` landing pages, each with a random mix of the faults both tools test."""
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        parts = []
        lang = rng.choice(['lang="zh-Hant-TW"', 'lang="zh-Hant-TW"', "", 'lang="en"'])
        parts.append(f"<!DOCTYPE html>\n<html {lang}>\n<head><meta charset=\"utf-8\"><title>活動頁 {index}</title></head>\n<body>")
        levels = [1]
        for _ in range(rng.randint(1, 3)):
            levels.append(min(6, levels[-1] + rng.choice([0, 1, 1, 2])))
        for level in levels:
            parts.append(f"<h{level}>標題{level}</h{level}>")
            parts.append(f"<p>{rng.choice(COPY)}</p>")
        for n in range(rng.randint(0, 3)):
            alt = rng.choice([None, "", "夏季特賣全館五折", "圖片", f"IMG_{n:04d}.jpg"])
            parts.append(f'<img src="img/p{index}-{n}.jpg"' + ("" if alt is None else f' alt="{alt}"') + ">")
        for n in range(rng.randint(0, 3)):
            kind = rng.choice(["text", "vague", "empty", "icon", "icon-alt"])
            inner = {"text": "查看活動辦法", "vague": "點此", "empty": "", "icon": '<img src="i.svg" alt="">',
                     "icon-alt": '<img src="cart.svg" alt="購物車">'}[kind]
            parts.append(f'<p><a href="/p{index}/{n}">{inner}</a></p>')
        if rng.random() < 0.4:
            track = '<track kind="captions" src="v.vtt" srclang="zh-Hant-TW">' if rng.random() < 0.5 else ""
            parts.append(f'<video src="v{index}.mp4" controls>{track}</video>')
        if rng.random() < 0.4:
            cell = "th" if rng.random() < 0.5 else "td"
            parts.append(f"<table><tr><{cell}>方案</{cell}><{cell}>價格</{cell}><{cell}>期限</{cell}></tr>"
                         "<tr><td>輕量</td><td>399元</td><td>一年</td></tr><tr><td>暢快</td><td>599元</td><td>兩年</td></tr></table>")
        if rng.random() < 0.6:
            grey = rng.choice(["#aaaaaa", "#767676", "#595959", "#999999"])
            parts.append(f'<p style="color:{grey}">{rng.choice(COPY)}</p>')
        parts.append("</body>\n</html>\n")
        path = os.path.join(folder, f"generated-{index:03d}.html")
        with open(path, "w", encoding="utf-8") as out:
            out.write("\n".join(parts))
        paths.append(path)
    return paths


def run_adlaw(adlaw, paths):
    report = benchlib.check(adlaw, paths, extra=["--only", "accessibility", "--publisher", "private"])
    out = {os.path.abspath(p): {} for p in paths}
    for finding in report["findings"]:
        path = os.path.abspath(finding["path"])
        out.setdefault(path, {})
        out[path][finding["ruleId"]] = out[path].get(finding["ruleId"], 0) + 1
    return out


def run_axe(paths):
    from axe_selenium_python import Axe
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    wanted = sorted({rule for _, _, axe in PAIRS for rule in axe})
    out = {}
    version = "?"
    try:
        for path in paths:
            driver.get("file://" + os.path.abspath(path))
            axe = Axe(driver)
            axe.inject()
            version = driver.execute_script("return axe.version")
            results = axe.run(options={"runOnly": {"type": "rule", "values": wanted}})
            counts = {}
            for violation in results["violations"]:
                counts[violation["id"]] = len(violation["nodes"])
            # "Needs review": axe could not decide (a video it cannot play, text over an image).
            for unsure in results["incomplete"]:
                counts["?" + unsure["id"]] = len(unsure["nodes"])
            out[os.path.abspath(path)] = counts
        browser = driver.capabilities.get("browserVersion", "?")
    finally:
        driver.quit()
    return out, f"axe-core {version}, Chromium {browser} (headless)"


def compare(paths, adlaw, axe):
    rows = []
    for label, ours, theirs in PAIRS:
        both = alone_adlaw = alone_axe = neither = 0
        nodes_adlaw = nodes_axe = review = 0
        examples = []
        for path in paths:
            a = sum(adlaw[path].get(rule, 0) for rule in ours)
            x = sum(axe[path].get(rule, 0) for rule in theirs)
            nodes_adlaw += a
            nodes_axe += x
            if not x and any(axe[path].get("?" + rule) for rule in theirs):
                review += 1
            if a and x:
                both += 1
            elif a:
                alone_adlaw += 1
                examples.append(f"adlaw only: {os.path.basename(path)}")
            elif x:
                alone_axe += 1
                examples.append(f"axe only: {os.path.basename(path)}")
            else:
                neither += 1
        agreement = (both + neither) / len(paths) if paths else 0
        rows.append((label, both, alone_adlaw, alone_axe, neither, agreement, nodes_adlaw, nodes_axe, review, examples[:3]))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--adlaw")
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    adlaw_binary = benchlib.find_adlaw(args.adlaw, prefer=("debug", "release"))
    corpus = sorted(glob.glob(os.path.join(benchlib.ROOT, "Corpus", "accessibility", "*.html")))
    with tempfile.TemporaryDirectory(prefix="adlaw-axe-") as folder:
        paths = [os.path.abspath(p) for p in corpus + generate(folder, args.pages, args.seed)]
        adlaw = run_adlaw(adlaw_binary, paths)
        axe, tools = run_axe(paths)
    rows = compare(paths, adlaw, axe)
    lines = [f"{len(paths)} pages ({len(corpus)} from Corpus/accessibility, {args.pages} generated, seed {args.seed}); {tools}", "",
             "| rule (axe name) | both flag | adlaw only | axe only | neither | page agreement | elements adlaw / axe | axe: needs review, no violation |",
             "|---|---|---|---|---|---|---|---|"]
    for label, both, alone_adlaw, alone_axe, neither, agreement, na, nx, review, _ in rows:
        lines.append(f"| {label} | {both} | {alone_adlaw} | {alone_axe} | {neither} | {agreement:.0%} | {na} / {nx} | {review} |")
    lines += ["", "Disagreements (first three per rule):"]
    for label, *_, examples in rows:
        for example in examples:
            lines.append(f"- {label}: {example}")
    lines += ["", "adlaw rules axe has no counterpart for (pages flagged):"]
    for rule in ADLAW_ONLY:
        lines.append(f"- {rule}: {sum(1 for p in paths if adlaw[p].get(rule))}")
    text = "\n".join(lines)
    print(text)
    if args.write:
        benchlib.write_result("a11y-axe", text, command=" ".join(["bench/a11y-axe.py", *sys.argv[1:]]))


if __name__ == "__main__":
    sys.exit(main())
