import Foundation

/// Errors of the JSON-RPC transport: a frame without a valid header, or a body that is
/// not JSON. The server answers a bad body with a parse error and goes on; a broken
/// header ends the session (the stream cannot be resynchronised).
public enum FramingError: Error, Sendable, CustomStringConvertible {
    case badHeader(String)
    case tooLarge(Int)

    public var description: String {
        switch self {
        case let .badHeader(line): "malformed LSP header `\(line)`; expected `Content-Length: N` then an empty line"
        case let .tooLarge(size): "LSP message of \(size) bytes is above the limit"
        }
    }
}

/// Reads `Content-Length`-framed messages from a file descriptor (the LSP base protocol).
public final class MessageReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    /// Larger messages are refused (a 64 MiB document is not edited in an editor).
    public var maxMessageSize = 64 << 20

    public init(fileDescriptor: Int32) { fd = fileDescriptor }

    /// Whether a whole or partial message is already waiting (buffered or on the descriptor),
    /// so a check can be put off until the client has stopped typing.
    public func hasPendingInput() -> Bool {
        if start < buffer.count { return true }
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 0) > 0 && poller.revents & Int16(POLLIN | POLLHUP) != 0
    }

    /// The next message body, or nil at the end of the input.
    public func next() throws(FramingError) -> [UInt8]? {
        var length: Int?
        while true {
            guard let line = readLine() else { return nil }
            if line.isEmpty {
                if length != nil { break }
                continue
            }
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw .badHeader(line) }
            if parts[0].lowercased() == "content-length" {
                guard let value = Int(parts[1]), value >= 0 else { throw .badHeader(line) }
                guard value <= maxMessageSize else { throw .tooLarge(value) }
                length = value
            }
        }
        guard let length else { return nil }
        guard fill(length) else { return nil }
        let body = Array(buffer[start..<start + length])
        start += length
        compact()
        return body
    }

    private func readLine() -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                var end = newline
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                return line
            }
            if buffer.count - start > 8192 { return String(decoding: buffer[start...], as: UTF8.self) }
            guard readMore() else { return nil }
        }
    }

    private func fill(_ count: Int) -> Bool {
        while buffer.count - start < count {
            guard readMore() else { return false }
        }
        return true
    }

    private func readMore() -> Bool {
        guard !ended else { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { return true }
        guard n > 0 else {
            ended = true
            return false
        }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    private func compact() {
        if start > 65536 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
    }
}

/// Writes framed messages to a file descriptor; one writer, so frames never interleave.
public final class MessageWriter {
    private let fd: Int32

    public init(fileDescriptor: Int32) { fd = fileDescriptor }

    public func write(_ body: [UInt8]) {
        var frame = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        frame += body
        var offset = 0
        while offset < frame.count {
            let n = frame[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            offset += n
        }
    }
}
