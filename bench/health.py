#!/usr/bin/env python3
"""Benchmark for the health rule packs (not a test gate).

Runs the cosmetics and drug rules over the phrase lists the authorities publish and
prints, per list, how many phrases the rules flag:

  - 附件一 / 附件四 of 化粧品標示宣傳廣告涉及虛偽誇大或醫療效能認定準則 (L0030099):
    prohibited phrases, so every phrase should be flagged (recall);
  - 附件二 of the same 準則: phrases that are generally allowed, so none should get an
    error or warning (false positives; info findings on the *1 phrases that need test
    data are expected and counted apart);
  - the 中藥成藥不適當共通性廣告詞句 compiled by the 衛生福利部中醫藥司 (a secondary copy:
    the compilation itself could not be checked), against the drug rules;
  - out of domain: every `ad_content` sentence of the government food and health-food
    examples (../shared/law/data) as its own document with sectors inferred; any finding
    of the four health areas is a candidate false positive and is printed.

Each phrase becomes one line 「本產品<phrase>。」 of a document declared to be of the
sector. Usage:

  bench/health.py [--adlaw PATH] [--data DIR]
      # adlaw default: .build/release/adlaw, .build/debug/adlaw, then adlaw on PATH
      # data default: ../shared/law/data beside the repository

The binary finds the rule pack as usual (source tree, install, or ADLAW_RULES_DIR).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

# 附件一 涉及影響生理機能或改變身體結構之詞句 (quoted; "/" separates phrases, (x) is an alternative)
ANNEX_1 = """活化毛囊|刺激毛囊細胞|增加毛囊角質細胞增生|刺激毛囊讓髮絲再次生長不易脫落|刺激毛囊不萎縮|堅固毛囊刺激新生秀髮|
增強(增加)自體免疫力|增強淋巴引流|改善微血管循環/功能強化微血管/增加血管含氧量提高肌膚帶氧率|
促進細胞活動/深入細胞膜作用/減弱角化細胞/刺激細胞呼吸作用，提高肌膚細胞帶氧率|進入甲母細胞和甲床深度滋潤|
刺激增長新的健康細胞/增加細胞新陳代謝|促進肌膚神經醯胺合成|維持上皮組織機能的運作|放鬆肌肉牽引/減少肌肉牽引|
重建皮脂膜/重建角質層|促進(刺激)膠原蛋白合成/促進(刺激)膠原蛋白增生|
有效預防落髮/抑制落髮/減少落髮/有效預防掉髮/抑制掉髮/減少掉髮|頭頂不再光禿禿/頭頂不再光溜溜|避免稀疏/避免髮量稀少問題|
預防(防止)肥胖紋/預防(防止)妊娠紋/緩減妊娠紋產生|瘦身/減肥|去脂/減脂/消脂/燃燒脂肪/減緩臀部肥油囤積|預防脂肪細胞堆積|
刺激脂肪分解酵素|纖(孅)體/塑身/雕塑曲線|消除掰掰肉/消除蝴蝶袖/告別小腹婆|減少橘皮組織|
豐胸/隆乳/使胸部堅挺不下垂/感受托高集中的驚人效果|漂白/使乳暈漂成粉紅色|消除浮腫|
不過敏/零過敏/減過敏/抗過敏/舒緩過敏/修護過敏/過敏測試|醫藥級|鎮靜劑/鎮定劑"""

# 附件四 涉及其他醫療效能之詞句 (quoted)
ANNEX_4 = """換膚|平撫肌膚疤痕|痘疤保證絕對完全消失|除疤/去痘疤|減少孕斑/減少褐斑|
消除(揮別)黑眼圈/消除(揮別)熊貓眼/消除(揮別)泡泡眼/消除(揮別)眼袋|預防(消除)橘皮組織/預防(消除)海綿組織|消除狐臭|
預防抵抗感染/避免抵抗感染/加強抵抗感染|消炎/抑炎/退紅腫/消腫止痛/發炎/疼痛|殺菌/抑制潮濕所產生的黴菌|防止瘀斑出現|
除毛/脫毛|修復受傷肌膚/修復受損肌膚|治療肌膚鬆弛/減輕肌膚鬆弛|
皺紋填補/消除皺紋/消除細紋/消除表情紋/消除法令紋/消除魚尾紋/消除伸展紋|微針滾輪/雷(鐳)射/光療/微晶瓷/鑽石微雕|
生髮/毛髮生長/促進毛髮生長/刺激毛髮生長|睫毛(毛髮)增多|藥用/藥皂/藥水/藥劑"""

# 附件二 通常得使用之詞句 (quoted; a representative selection across all fifteen product types;
# ○○ placeholders filled with an example ingredient)
ANNEX_2 = """清潔毛髮頭皮髒汙/清潔毛孔髒汙|滋潤髮根/調理髮根/活化髮根/活絡髮根/舒緩髮根/強化滋養髮根/強健髮根|
滋潤頭皮/調理頭皮/活化頭皮/活絡頭皮/舒緩頭皮/強化滋養頭皮|防止髮絲分叉/防止髮絲斷裂|
調理因洗髮造成之靜電失衡，使頭髮易於梳理|防止(減少)毛髮帶靜電|補充(保持)頭髮水分/補充(保持)頭髮油分|使頭髮柔順富彈性|
防止(去除)頭皮之汗臭|使濃密、粗硬之毛髮更柔軟，易於梳理|保持頭皮的健康/維護頭皮的健康/調理頭皮的健康|
使頭髮呈現豐厚感/使頭髮呈現豐盈感/毛髮蓬鬆感(非指增加髮量)|頭皮清涼舒爽感|使頭髮氣味芳香|
使用時散發淡淡玫瑰香氣，可舒緩您的壓力|回復年輕光采/晶亮光澤/青春的頭髮/呈現透亮光澤/迷人風采/自然光采|
去除多餘油脂/控油/抗屑|清潔肌膚/滋潤肌膚/調理肌膚/去除髒汙|去角質/促進角質更新代謝|
淨白(嫩白)肌膚/美白肌膚/亮白肌膚/白皙|抗痘/保濕|促進肌膚新陳代謝|展現肌膚自然光澤|
通暢毛孔/緊緻毛孔/淨化毛孔/收斂毛孔|使人放鬆的薰衣草香氛|均勻膚色/清新/亮麗/細緻肌膚/恢復生機/肌膚平滑柔嫩感/
幫助維持肌膚健康/幫助肌膚呼吸|減少頭髮不良氣味|護色/增添髮色光澤|改善(修護)毛躁髮質/改善(修護)乾燥髮質|
塑型/造型/定型/頭髮強韌|捲髮/直髮/改善髮流|毛髮豐盈感/毛髮空氣感/毛髮輕盈感(皆非指增加髮量)|強化(滋養)髮質|
防止肌膚粗糙/預防乾燥/舒緩肌膚乾燥/預防皮膚乾裂/減少肌膚乾澀/減少肌膚脫屑/減少肌膚脫皮|
柔軟肌膚/潔淨肌膚/緊緻肌膚/淨白肌膚/保護肌膚/光滑肌膚/潤澤肌膚/滋養肌膚/柔嫩肌膚/水嫩肌膚/活化肌膚/賦活肌膚/
安撫肌膚/舒緩肌膚/緊實肌膚/修復肌膚/修護肌膚/呵護肌膚/防護肌膚|保持(維持)肌膚健康|
調理肌膚油水平衡/平衡肌膚油脂分泌|形成肌膚保護膜|提升肌膚舒適度|柔白/亮白/嫩白/美白/皙白/改善暗沉|
水嫩/補水/鎖水/保水/使肌膚留住水分|調理刮鬍後之皮膚|調理肌膚紋路/使肌膚回復柔順平和的線條|
提升肌膚對環境傷害的保護力/增強(強化)肌膚的防禦力/增強(強化)肌膚的抵抗力/增強(強化)表皮的保護力|
舒緩肌膚(乾燥)不適感/舒緩肌膚壓力/舒緩疲倦的肌膚|使肌膚散發香味/使肌膚散發光彩|美化胸部肌膚|
維持肌膚彈性/回復肌膚彈性/恢復肌膚彈性/使肌膚有光澤|延緩(防止)肌膚老化/延緩(防止)肌膚衰老|
淡化(撫平)皺紋/淡化(撫平)細紋/淡化(撫平)紋路|肌膚清爽、清涼感|飽滿(彈力)肌膚|
幫助黑眼圈/改善黑眼圈/淡化黑眼圈/調理黑眼圈/改善熊貓眼/淡化泡泡眼|俏顏(配合按摩使用)|
重返青春/重返年輕/對抗肌膚老化/少女般的美麗/美體|緊俏/豐潤肌膚|維持肌膚乾爽|保護(滋潤)皮膚|修飾容貌(膚色)|
肌膚香味怡人|緩解肌膚黏膩感|遮蓋肌膚油光|掩飾體味|薰衣草精油有著淡雅香氣|止汗/減少汗漬(黃印)/清新乾爽|
制臭/抗異味/掩飾(減少)體味|遮蓋斑點/遮蓋皺紋/遮蓋疤痕/遮蓋粗大毛孔/遮蓋黑眼圈/遮蓋痘疤/填補凹凸不平之毛孔|
防止嘴唇乾裂/滋潤嘴唇/使嘴唇光滑/撫平嘴唇細紋/使唇部水潤(豐潤)|立體臉部肌膚輪廓|潤色/隔離|提亮肌膚色澤|粧感好氣色|
使眼周肌膚更具深邃感|描繪線條美化眼部肌膚|使睫毛有濃密纖長感/放大眼神|保護指甲/維護指甲健康/美化指甲外觀/脫除指甲油|
加強指緣保濕|強韌指甲|增加指甲的亮度|修護(改善)指甲|美白|抗菌|草本/植萃|
減緩(舒緩)因乾燥引起的皮膚癢/減緩(舒緩)因乾燥引起的皮膚敏感/減緩(舒緩)因乾燥引起的皮膚泛紅|芳香調理|放鬆心情|
有機玫瑰成分|天然蘆薈成分"""

# 中藥成藥不適當共通性廣告詞句 (secondary copy of the 中醫藥司 compilation; items that are
# descriptions rather than phrases, such as 「你有這種現象嗎？」, are left out)
TCM = """完全無副作用|人畜無害|安全可以保證|最安全|絕對無副作用|無過敏性及毒性|徹底安全|根治|完全預防|徹底消除|
根本治療|首創唯一|世界風行|風行全球|比市面上同類藥物好|三分鐘奏效|立即見效|藥到病除|特效|速效|瞬間舒解|馬上舒解|
最高技術|最進步製法|最新科學|經特殊科技|最新奈米技術|可具保單|無效退款|效果絕對保證|百分之百|專家推薦|醫師推薦|
病人推薦|名人推薦|掛保證|根據報導發現|經學者多方研究|並經證明以動物實驗研究"""


def expand(phrase):
    """「促進(刺激)膠原蛋白合成」 -> 促進膠原蛋白合成, 刺激膠原蛋白合成."""
    m = re.search(r"[(（]([^)）]+)[)）]", phrase)
    if not m:
        return [phrase]
    alt, before, after = m.group(1), phrase[:m.start()], phrase[m.end():]
    if "非指" in alt or "配合" in alt:       # a qualifier, not an alternative
        return [before + "（" + alt + "）" + after]
    return expand(before + after) + expand(before[:-len(alt)] + alt + after)


def phrases(block):
    out = []
    for item in re.split(r"[|/\n]", block):
        item = item.strip()
        if item:
            out += expand(item)
    return out


def run(adlaw, sector, only, items, workdir, name, product):
    path = os.path.join(workdir, name + ".md")
    lines = ["---", f"sector: {sector}", "---", f"# {product}"] + [f"本產品{p}。" for p in items]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    proc = subprocess.run([adlaw, "check", "--format", "json", "--fail-on", "never", "--only", only, path],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"adlaw failed on {name}: {proc.stderr.strip()}")
    by_line = {}
    for finding in json.loads(proc.stdout)["findings"]:
        by_line.setdefault(finding["line"], []).append(finding)
    return [(p, by_line.get(i + 5, [])) for i, p in enumerate(items)]


def without_sector(adlaw, items, workdir, name):
    """Each phrase as a document of its own, no sector declared (as users run adlaw): the
    phrases that get an error or warning finding from any rule."""
    folder = os.path.join(workdir, name)
    os.makedirs(folder)
    for i, p in enumerate(items):
        with open(os.path.join(folder, f"{i:04d}.txt"), "w", encoding="utf-8") as handle:
            handle.write(f"本產品{p}。\n")
    proc = subprocess.run([adlaw, "check", "--format", "json", "--fail-on", "never", "--no-config", folder],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"adlaw failed on {name}: {proc.stderr.strip()}")
    hit = {int(os.path.basename(f["path"])[:4]) for f in json.loads(proc.stdout)["findings"] if f["severity"] != "info"}
    return [items[i] for i in sorted(hit)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adlaw", help="the adlaw binary")
    parser.add_argument("--data", default=benchlib.find_data(),
                        help="folder of the government example JSON files")
    parser.add_argument("--list-plain-misses", action="store_true",
                        help="print the prohibited phrases with no error or warning finding without --sector")
    args = parser.parse_args()
    built = [p for p in (".build/release/adlaw", ".build/debug/adlaw") if os.path.exists(p)]
    adlaw = args.adlaw or (built[0] if built else shutil.which("adlaw"))
    if not adlaw:
        sys.exit("no adlaw binary: build with `swift build` or pass --adlaw PATH")

    with tempfile.TemporaryDirectory() as workdir:
        rows = []
        # Each list is checked as the copy of one product page (the title names the product).
        for name, sector, only, block, expect, product in [
            ("附件一 (prohibited)", "cosmetics", "cosmetics.*", ANNEX_1, "flag", "保濕精華液"),
            ("附件四 (prohibited)", "cosmetics", "cosmetics.*", ANNEX_4, "flag", "保濕精華液"),
            ("附件二 (allowed)", "cosmetics", "cosmetics.*", ANNEX_2, "pass", "保濕精華液"),
            ("中藥成藥不適當詞句", "drug", "drug.*", TCM, "flag", "舒筋活絡丸（乙類成藥）"),
        ]:
            items = phrases(block)
            results = run(adlaw, sector, only, items, workdir, sector + str(len(rows)), product)
            if expect == "flag":
                hits = [p for p, f in results if f]
                misses = [p for p, f in results if not f]
                rows.append((name, len(items), f"recall {len(hits)}/{len(items)} = {100 * len(hits) / len(items):.1f}%", misses))
            else:
                bad = [(p, sorted({f['ruleId'] for f in fs})) for p, fs in results
                       if any(f["severity"] != "info" for f in fs)]
                infos = [p for p, fs in results if fs and all(f["severity"] == "info" for f in fs)]
                rows.append((name, len(items),
                             f"error/warning on {len(bad)}/{len(items)} = {100 * len(bad) / len(items):.1f}%; info on {len(infos)}",
                             bad))
        for name, count, figure, notes in rows:
            print(f"{name:22} {count:4} phrases  {figure}")
            for note in notes:
                print(f"    {note}")
        # The same phrases as one-line documents with no sector: what the cross-sector claim
        # rules catch when nothing in the copy says it is a cosmetic.
        print("without --sector (each phrase alone, sectors inferred; error and warning findings):")
        for name, block, expect in [("附件一 (prohibited)", ANNEX_1, "flag"), ("附件四 (prohibited)", ANNEX_4, "flag"),
                                    ("附件二 (allowed)", ANNEX_2, "pass")]:
            items = phrases(block)
            flagged = without_sector(adlaw, items, workdir, "plain-" + str(len(rows)) + name[:3])
            rows.append(None)
            label = "recall" if expect == "flag" else "flagged"
            print(f"  {name:20} {count_str(len(flagged), len(items))} {label}")
            if expect == "pass":
                for p in flagged:
                    print(f"    {p}")
            elif args.list_plain_misses:
                print("    missed: " + " / ".join(p for p in items if p not in flagged))
        out_of_domain(adlaw, args.data, workdir)


def count_str(part, whole):
    return f"{part}/{whole} = {100 * part / whole:.1f}%"


AREAS = ["cosmetics", "drug", "medical", "medical-device"]


def out_of_domain(adlaw, data_dir, workdir):
    if not os.path.isdir(data_dir):
        print(f"(no data folder at {data_dir}; out-of-domain check skipped)")
        return
    texts = sentences(data_dir)
    folder = os.path.join(workdir, "sentences")
    os.makedirs(folder)
    for i, text in enumerate(texts):
        with open(os.path.join(folder, f"{i:05d}.txt"), "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    only = sum((["--only", a + ".*"] for a in AREAS), [])
    proc = subprocess.run([adlaw, "check", "--format", "json", "--fail-on", "never"] + only + [folder],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"adlaw failed on the sentences: {proc.stderr.strip()}")
    report = json.loads(proc.stdout)
    findings = report["findings"]
    sectors = {}
    for entry in report["files"]:
        for sector in entry.get("sectors", []):
            sectors[sector] = sectors.get(sector, 0) + 1
    by_severity = {s: sum(f["severity"] == s for f in findings) for s in ("error", "warning", "info")}
    print(f"out of domain: {len(texts)} food/health-food sentences; inferred {dict(sorted(sectors.items()))}")
    print(f"    findings of {', '.join(AREAS)}: {len(findings)} {by_severity}")
    for f in findings:
        print(f"    {f['ruleId']}: 「{f['matchedText']}」 in {texts[int(os.path.basename(f['path'])[:5])]}")



def sentences(data_dir):
    return [text.strip() for text in benchlib.ad_contents(data_dir) if text.strip()]

if __name__ == "__main__":
    main()
