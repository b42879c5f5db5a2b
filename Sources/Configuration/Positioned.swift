/// A config value and where it is written, so that a later check (an unknown rule id, a
/// regex that does not compile) can point at it.
public struct Positioned<Value: Sendable>: Sendable {
    public var value: Value
    public var line: Int
    public var column: Int

    public init(_ value: Value, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
    }
}

extension Positioned: Equatable where Value: Equatable {}
extension Positioned: Hashable where Value: Hashable {}
