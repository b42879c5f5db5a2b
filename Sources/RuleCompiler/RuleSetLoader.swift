import Foundation
import LintCore

/// Loads rule folders into a `RuleSet`. A folder holds the law registry with its fact
/// tables (`laws/<pcode>.yaml`, or one `laws.yaml`), `sectors.yaml`, `lexicons/<name>.yaml`
/// (with the pack's negators in `lexicons/polarity.yaml`: data like the lexicons, not a rule;
/// a top-level `polarity.yaml` is still read) and rule files in `<area>/<name>.yaml`. Later folders override earlier ones: a rule or
/// lexicon with the same id replaces the earlier one, a law's fields and articles replace
/// the earlier ones of the same pcode; two rules with one id inside the same folder are an
/// error. Every problem in every file is reported, not only the first.
public struct RuleSetLoader: Sendable {
    public let engine: any RegexEngine
    public let normalizer: TextNormalizer
    /// The day citations are resolved for: the law in force then (nil: the newest text in
    /// force, leaving out amendments whose effective date is not set).
    public let asOf: CalendarDate?

    public init(engine: any RegexEngine, normalizer: TextNormalizer = TextNormalizer(), asOf: CalendarDate? = nil) {
        self.engine = engine
        self.normalizer = normalizer
        self.asOf = asOf
    }

    /// The files of one rule folder, sorted.
    public struct FolderContents: Sendable {
        public var laws: String?
        /// `laws/<pcode>.yaml`, one law each.
        public var lawFiles: [String]
        public var sectors: String?
        public var polarity: String?
        public var lexicons: [String]
        public var rules: [String]
        public var misplaced: [String]
    }

    public static func scan(folder: String) throws(RuleLoadError) -> FolderContents {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuleLoadError(errors: [RuleFileError(file: folder, line: 1, column: 1,
                                                       kind: .unreadable("not a folder of rule files"))])
        }
        var contents = FolderContents(laws: nil, lawFiles: [], sectors: nil, polarity: nil, lexicons: [], rules: [], misplaced: [])
        var files: [String] = []
        listYAML(in: folder, relative: "", into: &files)
        for relative in files.sorted() {
            let parts = relative.split(separator: "/").map(String.init)
            let display = (folder as NSString).appendingPathComponent(relative)
            switch (parts.count, parts.first) {
            case (1, "laws.yaml"): contents.laws = display
            case (1, "sectors.yaml"): contents.sectors = display
            case (1, "polarity.yaml"): contents.polarity = display
            case (2, "lexicons") where parts[1] == "polarity.yaml": contents.polarity = display
            case (2, "lexicons"): contents.lexicons.append(display)
            case (2, "laws"): contents.lawFiles.append(display)
            case (2, _): contents.rules.append(display)
            default: contents.misplaced.append(display)
            }
        }
        return contents
    }

    /// The `.yaml` and `.yml` files under `path`, as paths relative to the scanned folder
    /// (`relative` is `path`'s), hidden files and folders skipped, links to folders not
    /// followed. Read with `readdir`: Foundation's enumerator and path methods took 1.5 to
    /// 2 ms at every start-up, where the rule-set cache's key lists the rule folder.
    private static func listYAML(in path: String, relative: String, into files: inout [String]) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            let inner = relative.isEmpty ? name : relative + "/" + name
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isFolder = lstat(full, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder {
                listYAML(in: full, relative: inner, into: &files)
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                files.append(inner)
            }
        }
    }

    /// Loads and compiles every folder in order.
    public func load(folders: [String]) throws(RuleLoadError) -> RuleSet {
        var errors: [RuleFileError] = []
        var laws: [String: LawEntry] = [:]
        var vias: [LawFile.PendingVia] = []
        var rawSectors: [String: RawSector] = [:]
        var rawChannels: [String: RawChannel] = [:]
        var rawArticle: RawArticle?
        var polarityText: (text: String, file: String)?
        var rawLexicons: [String: RawLexicon] = [:]
        var ruleFiles: [(path: String, id: String, folder: Int)] = []
        var version: String?

        func read(_ path: String) -> String? {
            guard let data = FileManager.default.contents(atPath: path) else {
                errors.append(RuleFileError(file: path, line: 1, column: 1, kind: .unreadable("no such file or no permission")))
                return nil
            }
            guard let text = String(data: data, encoding: .utf8) else {
                errors.append(RuleFileError(file: path, line: 1, column: 1, kind: .unreadable("not UTF-8 text")))
                return nil
            }
            return text
        }

        for (index, folder) in folders.enumerated() {
            let contents: FolderContents
            do { contents = try Self.scan(folder: folder) } catch { errors += error.errors; continue }
            let versionFile = (folder as NSString).appendingPathComponent("VERSION")
            if let text = try? String(contentsOfFile: versionFile, encoding: .utf8) {
                version = text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            for path in contents.misplaced {
                errors.append(RuleFileError(file: path, line: 1, column: 1,
                                            kind: .misplacedFile("a YAML file outside `<area>/<name>.yaml`, `lexicons/`, `laws/`, `laws.yaml`, `sectors.yaml` and `lexicons/polarity.yaml`")))
            }
            if let path = contents.laws, let text = read(path) {
                do { for (entry, via) in try LawFile.parseList(text, file: path) { Self.merge(entry, via, into: &laws, &vias) } } catch { errors.append(error) }
            }
            for path in contents.lawFiles {
                guard let text = read(path) else { continue }
                let pcode = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                do {
                    let (entry, via) = try LawFile.parseOne(text, file: path, expectedPcode: pcode)
                    Self.merge(entry, via, into: &laws, &vias)
                } catch { errors.append(error) }
            }
            if let path = contents.sectors, let text = read(path) {
                do {
                    for sector in try SectorsFile.parse(text, file: path) { rawSectors[sector.id] = sector }
                    for channel in try SectorsFile.parseChannels(text, file: path) { rawChannels[channel.id] = channel }
                    if let article = try SectorsFile.parseArticle(text, file: path) { rawArticle = article }
                } catch { errors.append(error) }
            }
            if let path = contents.polarity, let text = read(path) { polarityText = (text, path) }
            for path in contents.lexicons {
                guard let text = read(path) else { continue }
                let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                do { rawLexicons[name] = try LexiconFile.parse(text, file: path, expectedName: name) } catch { errors.append(error) }
            }
            for path in contents.rules {
                let url = URL(fileURLWithPath: path)
                let id = url.deletingLastPathComponent().lastPathComponent + "." + url.deletingPathExtension().lastPathComponent
                ruleFiles.append((path, id, index))
            }
        }

        var lexicons = LexiconFile.resolve(rawLexicons, normalizer: normalizer, errors: &errors)
        do {
            lexicons = try GrammarLexicon.resolve(rawLexicons, termLists: lexicons, engine: engine, normalizer: normalizer)
        } catch { errors += error.errors }
        var sectors = SectorCatalog.empty
        do {
            sectors = try SectorsFile.compile(rawSectors.values.sorted { $0.id < $1.id },
                                              channels: rawChannels.values.sorted { $0.id < $1.id }, article: rawArticle,
                                              engine: engine,
                                              normalizer: normalizer, lexicons: lexicons)
        } catch { errors.append(error) }

        var polarity: Polarity?
        if let polarityText {
            do {
                polarity = try PolarityFile.compile(polarityText.text, file: polarityText.file, engine: engine,
                                                    normalizer: normalizer, lexicons: lexicons)
            } catch { errors.append(error) }
        }

        errors += Self.resolveVias(vias, in: &laws)
        let table = LawTable(Array(laws.values))
        let compiler = RuleFileCompiler(engine: engine, normalizer: normalizer, lexicons: lexicons,
                                        sectors: sectors, laws: table, asOf: asOf)
        var rulesByID: [String: (rule: Rule, folder: Int, cites: [CitedProvisions])] = [:]
        for file in ruleFiles {
            guard let text = read(file.path) else { continue }
            do {
                let (rule, cites) = try compiler.compileCiting(text: text, file: file.path, expectedID: file.id)
                if let existing = rulesByID[file.id], existing.folder == file.folder {
                    errors.append(RuleFileError(file: file.path, line: rule.origin.line, column: 1,
                                                kind: .duplicateID(file.id, firstDefinedAt: existing.rule.origin.formatted)))
                    continue
                }
                rulesByID[file.id] = (rule, file.folder, cites)
            } catch {
                errors.append(error)
            }
        }
        let compiled = rulesByID.values.map(\.rule).sorted { $0.id < $1.id }
        // A rule none of whose citations was in force that day does not run.
        let rules = compiled.filter { !$0.references.isEmpty }
        let inactive = compiled.filter(\.references.isEmpty).map { rule in
            InactiveRule(id: rule.id, reason: "所引條文於\(asOf.map { "\($0)" } ?? "該日")尚未施行")
        }
        errors += Self.checkDependencies(rules)
        if !errors.isEmpty { throw RuleLoadError(errors: errors) }
        var ruleSet = RuleSet(rules: rules, sectors: sectors, laws: laws.values.sorted { $0.pcode < $1.pcode },
                              lexicons: lexicons, roots: folders, version: version, polarity: polarity,
                              lawsAsOf: asOf, inactiveRules: inactive)
        ruleSet.citations = rulesByID.mapValues(\.cites).reduce(into: [:]) { $0[RuleID($1.key)] = $1.value }
        return ruleSet
    }

    /// Checklist items name rules (`no-finding`); each selector must select a rule that is
    /// not itself a checklist, so checklists never depend on each other.
    static func checkDependencies(_ rules: [Rule]) -> [RuleFileError] {
        var errors: [RuleFileError] = []
        for rule in rules {
            guard case let .checklist(list) = rule.pattern else { continue }
            for selector in list.dependencies {
                let selected = rules.filter { $0.id.matches(selector: selector) }
                if selected.isEmpty {
                    errors.append(RuleFileError(file: rule.origin.file, line: rule.origin.line, column: 1,
                                                kind: .invalid("`no-finding: \(selector)` selects no rule")))
                } else if selected.contains(where: { $0.pattern.kind == .checklist }) {
                    errors.append(RuleFileError(file: rule.origin.file, line: rule.origin.line, column: 1,
                                                kind: .invalid("`no-finding: \(selector)` selects a checklist; name the rules it checks instead")))
                }
            }
        }
        return errors
    }
}
