import FuzzSupport
import LintCore
import PCRE2Matcher

/// Patterns of the kinds rules use: literals, a lookbehind, Unicode classes, a dot.
private let patterns = ["治療|預防", "(?<!不能)治療", "\\p{Han}{2,}", ".{1,3}效", "[A-Za-z]+\\d*", "(?:保證)?有效"]
nonisolated(unsafe) private let interpreted = PCRE2Engine(jit: .never)
nonisolated(unsafe) private let jitted = PCRE2Engine(jit: .eager)
nonisolated(unsafe) private let compiled: [(any CompiledRegex, PCRE2Engine)] = patterns.flatMap { pattern in
    [interpreted, jitted].map { engine in (try! engine.compile(pattern, caseInsensitive: true), engine) }
}

/// libFuzzer entry point: arbitrary bytes made into a `UTF8Buffer` (checked once there) and
/// searched by PCRE2 with `PCRE2_NO_UTF_CHECK`. The buffer must be valid UTF-8 of the same
/// length, every search must end without an error, and every match must lie on character
/// boundaries inside the buffer: ill-formed input never reaches PCRE2 unchecked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSubjects(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    let buffer = UTF8Buffer(validUTF8: bytes)
    let copy = Array(UnsafeBufferPointer(start: buffer.baseAddress, count: buffer.count))
    guard buffer.count == bytes.count, String(validating: copy, as: UTF8.self) != nil else {
        fatalError("UTF8Buffer kept an ill-formed sequence or changed the length")
    }
    for (regex, engine) in compiled {
        let scratch = engine.makeScratch()
        var position = 0
        var searches = 0
        while position <= buffer.count && searches < 64 {
            let found: RegexMatch?
            do { found = try regex.firstMatch(in: buffer, from: position, scratch: scratch) } catch {
                fatalError("search failed on a valid buffer: \(error)")
            }
            guard let match = found else { break }
            guard match.range.upperBound <= buffer.count, buffer.isCharacterBoundary(match.range.lowerBound),
                  buffer.isCharacterBoundary(match.range.upperBound) else {
                fatalError("match \(match.range) is not on character boundaries")
            }
            position = buffer.offset(max(match.range.upperBound, match.range.lowerBound), forwardBy: match.range.isEmpty ? 1 : 0)
            searches += 1
        }
    }
    return 0
}
