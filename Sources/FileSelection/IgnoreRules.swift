/// Which walked paths to leave out: `--exclude` globs, `--include` globs (when given, only
/// matching files are read), and `.adlawignore` files (gitignore syntax: one glob per line,
/// `#` comments, `!` to re-include, patterns relative to the file's folder; a deeper file
/// or a later line wins).
public struct IgnoreRules: Sendable {
    public struct Rule: Sendable {
        /// The folder the rule is relative to, relative to the walked root (`""` for the root).
        public var base: String
        public var glob: GlobPattern
        public var negated: Bool
    }

    public private(set) var rules: [Rule] = []
    public var include: [GlobPattern]

    public init(exclude: [String] = [], include: [String] = []) {
        rules = exclude.map { Rule(base: "", glob: GlobPattern($0), negated: false) }
        self.include = include.map(GlobPattern.init)
    }

    /// Adds the lines of an ignore file found in `base` (relative to the walked root).
    public mutating func add(ignoreFile text: String, base: String) {
        for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            var line = String(raw)
            while let last = line.last, last == " " || last == "\t" { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            var negated = false
            if line.hasPrefix("!") {
                negated = true
                line.removeFirst()
            } else if line.hasPrefix("\\") {
                line.removeFirst() // `\#name`, `\!name`
            }
            if !line.isEmpty { rules.append(Rule(base: base, glob: GlobPattern(line), negated: negated)) }
        }
    }

    /// Whether a path relative to the walked root is left out.
    public func excludes(_ path: String, isDirectory: Bool) -> Bool {
        var excluded = false
        for rule in rules {
            let relative: Substring
            if rule.base.isEmpty {
                relative = Substring(path)
            } else if path.hasPrefix(rule.base + "/") {
                relative = path.dropFirst(rule.base.count + 1)
            } else {
                continue
            }
            if rule.glob.matches(String(relative), isDirectory: isDirectory) { excluded = !rule.negated }
        }
        if excluded { return true }
        if !isDirectory && !include.isEmpty {
            return !include.contains { $0.matches(path, isDirectory: false) }
        }
        return false
    }
}
