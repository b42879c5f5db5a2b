import Foundation

/// File paths as RFC 3986 URI references, for SARIF: relative paths stay relative (resolved
/// against the checkout root by code-scanning uploads), absolute ones become `file://`
/// URIs, and every byte outside the unreserved set is percent-encoded (`文案` becomes
/// `%E6%96%87%E6%A1%88`, a space `%20`).
enum ArtifactURI {
    private static let unreserved: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    static func encode(path: String) -> String {
        var trimmed = path
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        let segments = trimmed.split(separator: "/", omittingEmptySubsequences: false).map { encode(segment: String($0)) }
        let joined = segments.joined(separator: "/")
        return trimmed.hasPrefix("/") ? "file://" + joined : joined
    }

    /// Whether the URI is relative to the run's source root.
    static func isRelative(_ path: String) -> Bool { !path.hasPrefix("/") }

    private static func encode(segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            if unreserved.contains(byte) {
                out.append(Character(Unicode.Scalar(byte)))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
