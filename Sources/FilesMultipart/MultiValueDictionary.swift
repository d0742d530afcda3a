/// A dictionary whose keys can hold several values, in the order they arrived: form fields and files.
///
/// ```swift
/// form.fields["tag"]              // "b", the last value, as in Django
/// form.fields.values(for: "tag")  // ["a", "b"]
/// form.fields.keys                // ["title", "tag"], in the order first seen
/// ```
///
/// The corresponding Django API is `django.utils.datastructures.MultiValueDict` (`d[key]`, `getlist`,
/// `appendlist`, `lists()`).
public struct MultiValueDictionary<Value> {
    private var entries: [(key: String, values: [Value])] = []
    private var positions: [String: Int] = [:]

    /// An empty dictionary.
    public init() {}

    /// The last value for `key`, or `nil`. The corresponding Django API is `MultiValueDict.__getitem__`
    /// (which raises instead of returning `nil`) and `get(key)`.
    public subscript(key: String) -> Value? {
        positions[key].flatMap { entries[$0].values.last }
    }

    /// Every value for `key` in arrival order; empty when there is none. The corresponding Django API is `getlist(key)`.
    public func values(for key: String) -> [Value] {
        positions[key].map { entries[$0].values } ?? []
    }

    /// Adds `value` after the others for `key`. The corresponding Django API is `appendlist(key, value)`.
    public mutating func append(_ value: Value, for key: String) {
        if let position = positions[key] {
            entries[position].values.append(value)
        } else {
            positions[key] = entries.count
            entries.append((key, [value]))
        }
    }

    /// The keys in the order they were first seen.
    public var keys: [String] { entries.map(\.key) }

    /// Every value of every key, keys in first-seen order.
    public var allValues: [Value] { entries.flatMap(\.values) }

    /// The number of distinct keys.
    public var count: Int { entries.count }

    /// Whether there are no keys.
    public var isEmpty: Bool { entries.isEmpty }
}

extension MultiValueDictionary: Sequence {
    /// Each key with all its values, keys in first-seen order. The corresponding Django API is `lists()`.
    public func makeIterator() -> some IteratorProtocol<(key: String, values: [Value])> {
        entries.makeIterator()
    }
}

extension MultiValueDictionary: Sendable where Value: Sendable {}
