/// The bytes of a prefilter cache file: the literal analysis of each pattern, by its exact
/// PCRE2 source. A reader can only ever get the analysis of the very pattern it asks for,
/// so a stale file costs at most re-analysing; a damaged one is refused as a whole.
///
/// Layout (integers little-endian): the magic `ADLAWPF` and a format byte, the adlaw
/// version (u16 length + UTF-8), the entry count (u32), then per entry the pattern (u32
/// length + UTF-8) and either 0 with the failure reason (u32 length + UTF-8) or 1, the
/// view (0 raw, 1 stripped), the literal count (u32) and per literal its bytes (u16 length
/// + bytes) and its bound (i32, -1 for none); last, an FNV-1a 64 checksum of all the
/// bytes before it, so a damaged file is never taken for a valid one.
public enum PrefilterCacheCodec {
    static let magic = Array("ADLAWPF".utf8) + [2]

    public static func encode(_ analyses: [String: LiteralRequirementResult], version: String) -> [UInt8] {
        var out = magic
        func u16(_ v: Int) { out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) { for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: v >> shift)) } }
        func text(_ s: String) { u32(s.utf8.count); out += Array(s.utf8) }
        u16(version.utf8.count)
        out += Array(version.utf8)
        u32(analyses.count)
        // Sorted, so the same analyses always give the same bytes.
        for (pattern, result) in analyses.sorted(by: { $0.key < $1.key }) {
            text(pattern)
            guard let requirement = result.requirement else {
                out.append(0)
                text(result.failure?.reason ?? "")
                continue
            }
            out.append(1)
            out.append(requirement.view == .stripped ? 1 : 0)
            u32(requirement.literals.count)
            for (literal, bound) in zip(requirement.literals, requirement.literalMaxBefore) {
                u16(literal.count)
                out += literal
                u32(bound ?? -1)
            }
        }
        let sum = checksum(out[...])
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: sum >> UInt64(shift))) }
        return out
    }

    /// FNV-1a, 64 bits; another `basis` gives an independent second hash.
    public static func checksum(_ bytes: ArraySlice<UInt8>, basis: UInt64 = 0xCBF2_9CE4_8422_2325) -> UInt64 {
        var hash = basis
        for b in bytes {
            hash ^= UInt64(b)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    public static func decode(_ bytes: [UInt8], version: String) throws(PrefilterCacheError) -> [String: LiteralRequirementResult] {
        guard bytes.count >= magic.count + 8, Array(bytes[0..<magic.count]) == magic else { throw .otherFormat }
        let body = bytes[0..<bytes.count - 8]
        var stored: UInt64 = 0
        for (i, b) in bytes[(bytes.count - 8)...].enumerated() { stored |= UInt64(b) << UInt64(8 * i) }
        guard checksum(body) == stored else { throw .corrupt("checksum mismatch") }
        var reader = Reader(bytes: Array(body))
        reader.offset = magic.count
        let versionLength = try reader.u16()
        guard try reader.bytes(versionLength) == Array(version.utf8) else { throw .otherFormat }
        let count = try reader.u32()
        var out: [String: LiteralRequirementResult] = [:]
        out.reserveCapacity(min(count, 1 << 16))
        for _ in 0..<count {
            let pattern = try reader.text()
            switch try reader.byte() {
            case 0:
                out[pattern] = LiteralRequirementResult(requirement: nil, failure: LiteralAnalysisFailure(reason: try reader.text()))
            case 1:
                let view: LiteralRequirement.View
                switch try reader.byte() {
                case 0: view = .raw
                case 1: view = .stripped
                default: throw .corrupt("an unknown view")
                }
                let literalCount = try reader.u32()
                guard literalCount > 0 else { throw .corrupt("a requirement without literals") }
                var literals: [[UInt8]] = []
                var bounds: [Int?] = []
                for _ in 0..<literalCount {
                    let literal = try reader.bytes(try reader.u16())
                    guard !literal.isEmpty else { throw .corrupt("an empty literal") }
                    let bound = Int(Int32(truncatingIfNeeded: UInt32(try reader.u32())))
                    guard bound >= -1 else { throw .corrupt("a negative bound") }
                    literals.append(literal)
                    bounds.append(bound < 0 ? nil : bound)
                }
                var worst: Int? = 0
                for bound in bounds {
                    guard let w = worst, let bound else { worst = nil; break }
                    worst = max(w, bound)
                }
                out[pattern] = LiteralRequirementResult(
                    requirement: LiteralRequirement(literals: literals, maxBefore: worst, literalMaxBefore: bounds, view: view),
                    failure: nil)
            default:
                throw .corrupt("an unknown entry kind")
            }
        }
        guard reader.offset == body.count else { throw .corrupt("bytes after the last entry") }
        return out
    }

    /// Reads the layout above, refusing to read past the end.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() throws(PrefilterCacheError) -> UInt8 {
            guard offset < bytes.count else { throw .corrupt("cut short") }
            offset += 1
            return bytes[offset - 1]
        }

        mutating func u16() throws(PrefilterCacheError) -> Int {
            Int(try byte()) | Int(try byte()) << 8
        }

        mutating func u32() throws(PrefilterCacheError) -> Int {
            var v = 0
            for shift in stride(from: 0, to: 32, by: 8) { v |= Int(try byte()) << shift }
            return v
        }

        mutating func bytes(_ n: Int) throws(PrefilterCacheError) -> [UInt8] {
            guard n >= 0, n <= bytes.count - offset else { throw .corrupt("cut short") }
            defer { offset += n }
            return Array(bytes[offset..<offset + n])
        }

        mutating func text() throws(PrefilterCacheError) -> String {
            let raw = try bytes(try u32())
            guard let s = String(validating: raw, as: UTF8.self) else { throw .corrupt("text that is not UTF-8") }
            return s
        }
    }
}
