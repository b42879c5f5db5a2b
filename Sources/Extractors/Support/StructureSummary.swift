import LintCore

/// Completes the structure facts an extractor reported with what needs the whole document:
/// each page's count of text characters and images (a page that says everything in
/// pictures), each heading's previous level, and the script of the copy for the declared
/// language. Runs once per document, after extraction; a document without facts is left
/// as it is, so plain text costs nothing.
enum StructureSummary {
    static func complete(_ document: inout ExtractedDocument) {
        guard !document.facts.isEmpty else { return }
        var facts = inSourceOrder(document.facts)
        linkHeadings(&facts)
        countPages(&facts, in: document)
        describeScript(&facts, in: document)
        document.facts = inSourceOrder(facts)
    }

    /// Facts by where they start, ties kept in the order reported.
    private static func inSourceOrder(_ facts: [StructureFact]) -> [StructureFact] {
        facts.enumerated().sorted {
            $0.element.sourceRange.lowerBound != $1.element.sourceRange.lowerBound
                ? $0.element.sourceRange.lowerBound < $1.element.sourceRange.lowerBound : $0.offset < $1.offset
        }.map(\.element)
    }

    /// `previous` and `jump` of each heading: the level of the heading before it and how far
    /// this one goes down from it (2 to 4 is a jump of 2).
    private static func linkHeadings(_ facts: inout [StructureFact]) {
        var previous: Double?
        for index in facts.indices where facts[index].kind == .heading {
            guard let level = facts[index]["level"]?.number else { continue }
            if let previous {
                facts[index]["previous"] = .number(previous)
                facts[index]["jump"] = .number(level - previous)
            }
            previous = level
        }
    }

    /// Fills `text-characters` and `images` of each page fact: the whole document, or the
    /// page's slide (`location.slide`) or PDF page (`number`, by the page map).
    /// `scalar.properties.isWhitespace`, without the property lookup for the common
    /// scalars (it was 4% of checking small product pages): ASCII is decided here, and no
    /// scalar above U+3000 (ideographic space) has the White_Space property.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.value <= 0x3000 && scalar.properties.isWhitespace
    }

    private static func countPages(_ facts: inout [StructureFact], in document: ExtractedDocument) {
        let pages = facts.indices.filter { facts[$0].kind == .page }
        guard !pages.isEmpty else { return }
        let byPage = pages.count > 1 || document.pageMap != nil || document.format == "pptx"
        func page(ofSegment segment: TextSegment) -> Int {
            if let slide = segment.location?.slide { return slide }
            if let map = document.pageMap {
                return map.location(of: segment.sourceMap.baseStart(0), in: document.source).page ?? 1
            }
            return 1
        }
        var characters: [Int: Int] = [:]
        for segment in document.segments where countsAsText(segment.zone, format: document.format) {
            let count = segment.text.unicodeScalars.reduce(0) { $0 + (isWhitespace($1) ? 0 : 1) }
            characters[byPage ? page(ofSegment: segment) : 1, default: 0] += count
        }
        var images: [Int: Int] = [:]
        for fact in facts where fact.kind == .image && fact["decorative"]?.flag != true {
            images[byPage ? (fact.location?.slide ?? 1) : 1, default: 0] += 1
        }
        for index in pages {
            let number = byPage ? Int(facts[index]["number"]?.number ?? 1) : 1
            facts[index]["text-characters"] = .number(Double(characters[number] ?? 0))
            // A PDF's images are not listed: the property stays unknown.
            if document.format != "pdf" { facts[index]["images"] = .number(Double(images[number] ?? 0)) }
            // A page told in pictures is shown at its first picture.
            if facts[index].sourceRange.isEmpty, let first = facts.first(where: {
                $0.kind == .image && $0["decorative"]?.flag != true && !$0.sourceRange.isEmpty && (!byPage || ($0.location?.slide ?? 1) == number)
            }) {
                facts[index].sourceRange = first.sourceRange
            }
        }
    }

    private static func countsAsText(_ zone: Zone, format: String) -> Bool {
        ![.altText, .meta, .comment, .speakerNotes].contains(zone) && !(format == "html" && zone == .title)
    }

    /// `script` and `han-characters` of the document fact: `traditional`, `simplified` (one
    /// Chinese character in 25 or more only simplified), `other` (no Chinese to speak of).
    private static func describeScript(_ facts: inout [StructureFact], in document: ExtractedDocument) {
        guard let index = facts.firstIndex(where: { $0.kind == .document }) else { return }
        var han = 0, simplified = 0
        for segment in document.segments where segment.zone != .comment {
            for scalar in segment.text.unicodeScalars where isHan(scalar) {
                han += 1
                if simplifiedOnly.contains(scalar) { simplified += 1 }
            }
        }
        facts[index]["han-characters"] = .number(Double(han))
        facts[index]["script"] = .text(han < 2 ? "other" : simplified * 25 >= han ? "simplified" : "traditional")
    }

    private static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value) || (0x20000...0x2FFFF).contains(scalar.value)
    }

    /// Common characters written only in simplified Chinese (their traditional forms differ:
    /// 这/這, 们/們, 说/說 ...). In traditional copy none appears; in simplified copy about
    /// one character in six is one of them.
    static let simplifiedOnly: Set<Unicode.Scalar> = Set(
        "这们说时会国对发过动还没问关门开长东车马见贝红语话认让请谁该钱买卖实现点热爱经结给线级纪约药乐书习写产业专为价优区医华单历县双变号吗员团园图场块声处备复头夺奖妈宝审宽导尔层岁币师带帮广庆应张弹录总惊战报护择换数断无旧显术杀权条极构标样检楼欢气汉汤满灯灵环疗盐监确种称积简类紧纯纸组细织终统维综绿编网罗职联肤脑节苏获营补装观规视觉计订训议记讲许论设访证评识词试诚详误读课调谈谢质购费资赛转软轻较辆边达运进远连选递邮钟铁银销错键闻阅队阳阴际陆险随难页项须预领题额风飞饭饮馆验鱼鸟鸡龙个从众仅剧厂厅压叶听启响围坏坚壮夹奋妇娱宁宾尘尝岛帐库废异归彻径忆态恶悦惯戏扩扫扬扰抢拥挂挤挥损捡摄摆摇敌旷晓暂杂杨枪柜栏树桥梦汇沟泽洁浅测浓涛润涨渐渔湾湿滚滞灭灿炉炼烂烧爷牵犹独狮猎献玛琐画畅皱盖盘码砖础碍祸离秃秆稳穷窃窝竖笔笼筹签篮粮纠纤纬纱纲纳纵纷纹纺纽练绍绑绕绘络绝绣继绩续绳绵绸缓缘缩缺罚罢聪肃肠肿胀胁胜脏脸腾舰艺芦苍苹茎荐荣莱莲萝蓝虑虽虾蚀蛮衬袜袭览誉讨诉诊译谋谍谜谨谱贡贤败货贫贱贴贷贸贺贼赌赏赔赖赚赞赶趋跃践躯轨轰轮辈辉辑输辞辩辽迁迟适逊违遗邻郑酱酿释钓钢钥钩钻铃铜铺链锁锅锋锐锡锦锻镇镜闪闭闯闲间闷闹阀阁阵阶隐雾韩顶顺顾顿颁颂频颗颜飘饥饰饱饲饼驱驳驶驻驾骂骄骑骗骚骤鲜鸣鸭鸿鹅鹤麦齐齿龄龟".unicodeScalars)
}
