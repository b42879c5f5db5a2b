#!/usr/bin/env python3
"""Generates product listings for the scale benchmarks, deterministically (fixed seed).

Each listing reads like a marketplace product page: a title, a few sentences of copy, price and
shipping lines; about one in five carries a risky claim (療效, 最便宜, 恕不退換 ...). The text is
written here from short fragments; no real listing is copied.

  bench/make-listings.py --count N --format jsonl   one record per line: {"id", "text", "filename"}
  bench/make-listings.py --count N --format files --out DIR   one .txt file per listing
  bench/make-listings.py --count 1 --bytes 2048 --format page   one page of about that size
"""
import argparse
import json
import os
import random

PRODUCTS = ["紅棗黑木耳飲", "膠原蛋白粉", "保濕精華液", "無線藍牙耳機", "不鏽鋼保溫瓶", "有機燕麥片", "手工皂禮盒",
            "機能運動襪", "乳清蛋白", "益生菌膠囊", "天然蜂蜜", "竹炭除濕包", "護手霜", "按摩椅墊", "兒童水壺"]
PLAIN = ["嚴選在地原料，少量生產，每一批都經過品質檢驗。", "簡約設計，適合居家與辦公室使用。", "送禮自用兩相宜，附精美提袋。",
         "出貨前逐件檢查，包裝穩固不易破損。", "容量適中，方便攜帶，外出旅行也輕鬆。", "成分標示清楚，過敏體質請先詳閱成分表。",
         "本店提供七天鑑賞期，收到商品後如有問題請與客服聯繫。", "顏色因螢幕設定可能略有差異，以實品為準。",
         "平日下午三點前下單，當天出貨。", "採用可回收材質包裝，減少塑膠使用。", "每天一杯，補充日常所需的營養。",
         "口感溫潤順口，冷熱皆宜。", "防潑水布料，清洗方便，快乾不悶熱。"]
RISKY = ["每天一杯，預防感冒，全家都安心。", "全台最便宜，錯過再等一年！", "本商品為網路限定特價品，恕不退換。",
         "臨床實證，三天改善失眠。", "醫師推薦，效果看得見。", "獨家配方，業界唯一通過認證。", "喝了就能燃燒脂肪，一週瘦三公斤。",
         "原價1,980元，今日特價990元。", "保證有效，無效退費。", "銷售第一，市佔率冠軍。"]


def listing(rng, index, target_bytes=None):
    product = rng.choice(PRODUCTS)
    lines = [f"【{product}】商品編號 P{index:07d}"]
    sentences = rng.sample(PLAIN, k=rng.randint(3, 6))
    if rng.random() < 0.2:
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(RISKY))
    lines += sentences
    lines.append(f"售價：新臺幣{rng.randint(2, 60) * 50}元，滿999元免運。")
    text = "\n".join(lines)
    while target_bytes and len(text.encode()) < target_bytes:
        text += "\n" + rng.choice(PLAIN + RISKY[:3])
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--format", choices=["jsonl", "files", "page"], default="jsonl")
    parser.add_argument("--out", help="the folder for --format files")
    parser.add_argument("--bytes", type=int, help="pad each listing to about this many bytes")
    parser.add_argument("--seed", type=int, default=20261206)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.format == "files":
        os.makedirs(args.out, exist_ok=True)
    for index in range(args.count):
        text = listing(rng, index, args.bytes)
        if args.format == "jsonl":
            print(json.dumps({"id": index, "text": text, "filename": f"listing-{index}.txt"}, ensure_ascii=False))
        elif args.format == "files":
            with open(os.path.join(args.out, f"listing-{index:07d}.txt"), "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        else:
            print(text)


if __name__ == "__main__":
    main()
