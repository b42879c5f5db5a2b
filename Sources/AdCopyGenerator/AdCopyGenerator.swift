import Foundation

/// Generates Traditional Chinese marketing copy: product pages, social posts and campaign
/// notes, mostly ordinary selling sentences with now and then a phrase a reviewer would
/// flag (a disease claim, a guarantee, a prize, a return ban, alcohol without warnings).
/// All text here is written for this generator. Deterministic for a seed. A library, so
/// that tests (PrefilterExactnessTests) and `adlaw-bench corpus` share it.
public struct AdCopyGenerator {
    private var random: SplitMix64

    public init(seed: UInt64) { random = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D | 1) }

    private mutating func next() -> UInt64 { random.next() }

    private mutating func pick(_ items: [String]) -> String { items[Int(next() % UInt64(items.count))] }
    private mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }

    static let products = ["紅棗黑木耳飲", "燕麥高纖穀粉", "玻尿酸保濕精華液", "溫和洗卡露", "竹炭淨化面膜", "膠原蛋白粉",
                           "益生菌膠囊", "葉黃素軟糖", "精釀啤酒禮盒", "單一麥芽威士忌", "人體工學護腰", "遠紅外線護膝",
                           "低糖手工餅乾", "冷壓初榨橄欖油", "有機綠茶包", "草本洗髮精", "防曬乳液", "亮白牙膏", "電動牙刷",
                           "無線吸塵器", "羽絨被", "機能運動襪", "掛耳咖啡", "滴雞精", "高山烏龍茶", "手工皂"]
    static let places = ["台北", "台中", "高雄", "花蓮", "台南", "新竹", "宜蘭", "屏東"]
    static let people = ["上班族", "媽媽們", "學生", "長輩", "運動愛好者", "小資族", "新手爸媽", "外食族"]
    static let benign = [
        "嚴選{place}在地食材，低溫慢火熬煮，保留天然原味。",
        "{product}採用環保包裝，每一盒都經過品管人員逐一檢查。",
        "忙碌的{people}也能輕鬆準備，三分鐘就能上桌。",
        "今天下單，明天就能收到，週末宅配也不加價。",
        "我們的團隊走訪{place}的小農，只挑選當季收成的原料。",
        "{product}口感清爽，不甜不膩，冰過之後更好喝。",
        "包裝上有完整的成分與營養標示，歡迎安心選購。",
        "全館滿千免運，會員再享生日禮金。",
        "門市人員會協助您挑選最適合的款式與尺寸。",
        "這款{product}是我們的長銷商品，已經陪伴許多家庭十年。",
        "歡迎到{place}門市試用，現場有專人解說。",
        "使用前請詳閱說明書，並依建議方式使用。",
        "質地輕盈好推開，擦完不黏膩，適合夏天使用。",
        "限量推出節日禮盒，附贈手寫卡片與提袋。",
        "活動期間加入會員即可累積點數，折抵下次消費。",
        "每週三固定上架新品，追蹤粉絲專頁就不會錯過。",
        "香氣溫和，洗完頭髮蓬鬆柔順。",
        "{people}最常問的問題，我們整理在下方的常見問答。",
        "本店提供無酒精氣泡飲，全家大小都適合。",
        "選用可回收材質，減少一次性塑膠的使用。",
        "營業時間為上午十點到晚上九點，國定假日照常營業。",
        "想了解更多搭配方式，可以參考我們的部落格文章。",
        "訂購前請確認收件地址與電話，以免延誤配送。",
        "我們相信好東西值得慢慢做，所以每批產量都不多。",
        "早餐來一杯，搭配吐司或蛋餅都很對味。",
        "材質柔軟親膚，洗滌後也不易變形。",
        "開箱影片已經上傳，歡迎留言分享你的使用心得。",
        "週年慶期間，指定商品第二件六折。",
        "所有商品皆投保產品責任險，請安心購買。",
        "如有任何問題，請來電客服專線或私訊小編。",
    ]
    static let risky = [
        "每天一杯，預防感冒，讓全家人元氣滿滿。",
        "長期飲用可以改善便秘問題。",
        "天然配方，抗癌又養生。",
        "特價商品恕不退換，請考慮清楚再下單。",
        "抽獎活動首獎價值600萬元的進口跑車一輛！",
        "保證有效，無效退費。",
        "醫師推薦，全台第一品牌。",
        "擦了之後皮膚炎很快就好了。",
        "週末來杯威士忌，犒賞辛苦的自己。",
        "三分鐘見效，效果永久。",
        "不用打針也能擁有媲美醫美的效果。",
        "醫療級材質，舒緩疼痛。",
        "根據報導，這款產品能治療失眠。",
        "限時優惠價，雷射除斑只要三千元。",
        "頭獎：現金NT$8,000,000，天天都有機會。",
    ]
    static let headings = ["## 產品特色", "## 使用方式", "## 購買須知", "## 常見問答", "## 品牌故事", "## 活動辦法"]

    private mutating func fill(_ template: String, product: String?) -> String {
        var out = template
        while let range = out.range(of: "{product}") { out.replaceSubrange(range, with: product ?? pick(Self.products)) }
        while let range = out.range(of: "{place}") { out.replaceSubrange(range, with: pick(Self.places)) }
        while let range = out.range(of: "{people}") { out.replaceSubrange(range, with: pick(Self.people)) }
        return out
    }

    /// One Markdown document of about `targetBytes` bytes. With `singleProduct`, the
    /// document names one product only (as a real product page does, so few sectors are
    /// inferred from it); otherwise every sentence picks any product.
    public mutating func document(targetBytes: Int, singleProduct: Bool = false) -> String {
        let title = pick(Self.products)
        let product = singleProduct ? title : nil
        var out = "# \(title)\n\n"
        var size = out.utf8.count
        while size < targetBytes {
            // About one sentence in a hundred is something a reviewer would flag.
            let sentence = fill(chance(1) ? pick(Self.risky) : pick(Self.benign), product: product)
            out += sentence
            size += sentence.utf8.count
            if chance(20) {
                let heading = chance(15) ? pick(Self.headings) + "\n\n" : ""
                out += "\n\n" + heading
                size += 2 + heading.utf8.count
            }
        }
        return out + "\n"
    }

    /// Stress copy: one line of about `targetBytes` bytes with no paragraph break, where
    /// `riskyPercent` of the sentences are risky and `extra` (say, every lexicon term of a
    /// rule set) is dropped in between, now and then with full-width forms, a zero-width
    /// character or a separator inside a phrase. One long segment dense with literal hits:
    /// what makes the prefilter join windows and flush its slots as it scans.
    public mutating func stressLine(targetBytes: Int, riskyPercent: UInt64 = 20, extra: [String] = []) -> String {
        var out = ""
        var size = 0
        let marks = ["１００％", "ＮＯ．１", "\u{200B}", "・", " ", "　", "臺", "，", "！"]
        while size < targetBytes {
            var piece: String
            if !extra.isEmpty && chance(30) {
                piece = extra[Int(next() % UInt64(extra.count))]
            } else {
                piece = fill(chance(riskyPercent) ? pick(Self.risky) : pick(Self.benign), product: nil)
            }
            if chance(10), piece.count > 1 {
                let cut = piece.index(piece.startIndex, offsetBy: 1 + Int(next() % UInt64(piece.count - 1)))
                piece.insert(contentsOf: pick(marks), at: cut)
            }
            out += piece
            size += piece.utf8.count
        }
        return out
    }
}
