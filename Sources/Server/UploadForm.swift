import Foundation
import MultipartKit

/// A `multipart/form-data` body: its text fields and its files, in order. Parts are framed
/// by MultipartKit's parser; this type only applies the limits and reads each part's
/// `Content-Disposition` (`name`, `filename`, `filename*`).
struct UploadForm {
    struct File {
        var filename: String
        var bytes: [UInt8]
    }

    /// Text fields by name, each with every value given (`sectors` may repeat).
    var fields: [(name: String, value: String)] = []
    var files: [File] = []

    /// Why a body is refused; each names the problem for the 400 response.
    enum Problem: Error, CustomStringConvertible {
        case noBoundary
        case syntax
        case incomplete
        case tooManyParts(Int)
        case noName
        case notUTF8(field: String)

        var description: String {
            switch self {
            case .noBoundary: "a multipart body needs `boundary=` in its Content-Type"
            case .syntax: "the multipart body is malformed (a part's headers or boundary are broken)"
            case .incomplete: "the multipart body ends inside a part (no closing boundary); was the upload cut off?"
            case let .tooManyParts(limit): "more than \(limit) parts in the multipart body"
            case .noName: "a part without `Content-Disposition: form-data; name=...`"
            case let .notUTF8(field): "the field `\(field)` is not valid UTF-8"
            }
        }
    }

    /// The boundary of a `multipart/form-data` Content-Type, or nil for another type.
    static func boundary(contentType: String) -> String?? {
        let parameters = HeaderParameters(contentType)
        guard parameters.value.lowercased() == "multipart/form-data" else { return nil }
        guard let boundary = parameters["boundary"], !boundary.isEmpty, boundary.utf8.count <= 200 else { return .some(nil) }
        return .some(boundary)
    }

    init(body: [UInt8], boundary: String, maxParts: Int) throws(Problem) {
        let parser = MultipartParser(boundary: boundary)
        var headers: [(String, String)] = []
        var partBody: [UInt8] = []
        var open = false
        var parts: [(headers: [(String, String)], body: [UInt8])] = []
        parser.onHeader = { name, value in
            open = true
            headers.append((name, value))
        }
        parser.onBody = { buffer in
            open = true
            partBody += buffer.readableBytesView
        }
        parser.onPartComplete = {
            parts.append((headers, partBody))
            headers = []
            partBody = []
            open = false
        }
        do { try parser.execute(body) } catch { throw .syntax }
        // The parser does not say whether the closing boundary came: a part still open, or
        // no part at all, means the body was cut off.
        if open || parts.isEmpty { throw .incomplete }
        guard parts.count <= maxParts else { throw .tooManyParts(maxParts) }
        for part in parts {
            guard let disposition = part.headers.first(where: { $0.0.lowercased() == "content-disposition" })?.1 else { throw .noName }
            let parameters = HeaderParameters(disposition)
            guard let name = parameters["name"] else { throw .noName }
            if let filename = parameters.filename {
                files.append(File(filename: filename, bytes: part.body))
            } else {
                guard let value = String(validating: part.body, as: UTF8.self) else { throw .notUTF8(field: name) }
                fields.append((name, value))
            }
        }
    }

    /// Every value of a field, comma-separated values split (`sectors=food,cosmetics`).
    func list(_ name: String) -> [String]? {
        let values = fields.filter { $0.name == name }.flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return fields.contains { $0.name == name } ? values : nil
    }

    /// The last value of a field.
    func value(_ name: String) -> String? { fields.last { $0.name == name }?.value }
}

/// A header value and its `; key=value` parameters (RFC 7231 §3.1.1.1, RFC 6266):
/// tokens or quoted strings with `\` escapes, and `filename*=UTF-8''%E6...` (RFC 8187).
struct HeaderParameters {
    var value = ""
    private var parameters: [String: String] = [:]

    init(_ header: String) {
        var scalars = Substring(header).unicodeScalars[...]
        func skipSpaces() { while let c = scalars.first, c == " " || c == "\t" { scalars.removeFirst() } }
        func token() -> String {
            var out = ""
            while let c = scalars.first, c != ";", c != "=", c != " ", c != "\t" { out.unicodeScalars.append(c); scalars.removeFirst() }
            return out
        }
        skipSpaces()
        value = token()
        while true {
            while let c = scalars.first, c != ";" { scalars.removeFirst() }
            guard scalars.first == ";" else { break }
            scalars.removeFirst()
            skipSpaces()
            let key = token().lowercased()
            skipSpaces()
            guard scalars.first == "=" else { continue }
            scalars.removeFirst()
            skipSpaces()
            var text = ""
            if scalars.first == "\"" {
                scalars.removeFirst()
                while let c = scalars.first, c != "\"" {
                    scalars.removeFirst()
                    if c == "\\", let next = scalars.first { text.unicodeScalars.append(next); scalars.removeFirst() } else { text.unicodeScalars.append(c) }
                }
                if !scalars.isEmpty { scalars.removeFirst() }
            } else {
                text = token()
            }
            if !key.isEmpty && parameters[key] == nil { parameters[key] = text }
        }
    }

    subscript(key: String) -> String? { parameters[key] }

    /// `filename*` (percent-encoded UTF-8) wins over `filename`, as RFC 6266 says.
    var filename: String? {
        if let extended = parameters["filename*"], let quote = extended.range(of: "''"),
           extended[..<quote.lowerBound].lowercased() == "utf-8",
           let decoded = String(extended[quote.upperBound...]).removingPercentEncoding {
            return decoded
        }
        return parameters["filename"]
    }
}
