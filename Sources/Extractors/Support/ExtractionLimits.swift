/// Safety limits for reading untrusted files. A file past one is refused with a clear
/// error naming the limit; the run goes on with the other files and ends with exit code 2.
public struct ExtractionLimits: Sendable, Hashable {
    /// Deepest nesting of HTML elements, XML elements (Office parts) or JSON containers.
    public var maxNestingDepth: Int
    /// Most entries a ZIP archive (DOCX, PPTX, XLSX) may list.
    public var maxArchiveEntries: Int
    /// Largest decompressed size of one part of an Office file.
    public var maxPartSize: UInt64
    /// Largest decompressed size of all parts read from one Office file.
    public var maxTotalSize: UInt64
    /// Highest ratio of decompressed to compressed size, for parts above 4 MiB (zip bombs
    /// reach ratios of 1000 and more; real Office XML stays below 50).
    public var maxCompressionRatio: UInt64
    /// Seconds an external converter (pdftotext) may run on one file.
    public var converterTimeout: Double
    /// Most non-empty cells (CSV, TSV and spreadsheet fields) one file may hold. Each cell is
    /// a segment of its own with a location, about a kilobyte of memory: a 16 MB CSV of tiny
    /// cells took 8.6 GB and a 514 KB .xlsx of a million cells 3.2 GB. Real copy sheets hold
    /// a few thousand.
    public var maxCells: Int
    /// The memory a file may take to be checked, about ten times its size (`MemoryBudget`);
    /// sheets with more cells than it allows are refused while they are read.
    public var memory: MemoryBudget

    /// The default cell limit, for the extractors that take no limits.
    public static let defaultMaxCells = 200_000

    public init(maxNestingDepth: Int = 1_000, maxArchiveEntries: Int = 10_000, maxPartSize: UInt64 = 64 << 20,
                maxTotalSize: UInt64 = 256 << 20, maxCompressionRatio: UInt64 = 200, converterTimeout: Double = 60,
                maxCells: Int = ExtractionLimits.defaultMaxCells, memory: MemoryBudget = MemoryBudget()) {
        self.maxNestingDepth = maxNestingDepth
        self.maxArchiveEntries = maxArchiveEntries
        self.maxPartSize = maxPartSize
        self.maxTotalSize = maxTotalSize
        self.maxCompressionRatio = maxCompressionRatio
        self.converterTimeout = converterTimeout
        self.maxCells = maxCells
        self.memory = memory
    }
}
