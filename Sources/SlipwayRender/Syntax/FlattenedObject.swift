import SlipwayModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A JSON object of `path → leaf` entries, sorted by path: a resource's properties flattened the
/// way `slipway-model.json` shows them (`properties.subnets[snet-nodes].properties.addressPrefix`).
///
/// Expressions are resolved first (``ResolvedModelRenderer/resolve(_:_:)``): a parameter becomes
/// its value, flattened in turn. Arrays of objects with a string `name` are keyed by name, other
/// arrays by index; empty objects and arrays are leaves; when two leaves share a path the last wins.
///
/// Printing walks the tree with siblings in path order and writes each entry straight into the
/// output, checking that every path sorts after the one before; a tree where that does not hold
/// (a key that is a prefix of its sibling's, duplicate names) is printed by ``SortedEntries``
/// instead. The 1,000-cluster fleet prints 600,000 such entries.
struct FlattenedObject {
    let fields: [Value.Field]
    let skippedKeys: [String]
    let parameters: [String: Value]

    init(_ fields: [Value.Field], skipping skippedKeys: [String] = [], parameters: [String: Value]) {
        self.fields = fields
        self.skippedKeys = skippedKeys
        self.parameters = parameters
    }

    /// Prints the object at `indent` the way ``JSONPrinter`` prints one.
    func append(indent: Int, to out: inout [UInt8]) {
        let start = out.count
        var walk = InOrderWalk(object: self, indent: indent)
        if walk.run(to: &out) { return }
        out.removeSubrange(start...)
        SortedEntries(self).append(indent: indent, to: &out)
    }

    /// `value` with a top-level expression resolved.
    static func resolved(_ value: Value, _ parameters: [String: Value]) -> Value {
        guard case .expression = value else { return value }
        return ResolvedModelRenderer.resolve(value, parameters)
    }

    /// The byte that follows a key in the paths below `value`: `.` for a non-empty object, `[` for
    /// a non-empty array, nothing for a leaf.
    static func continuation(_ value: Value, _ parameters: [String: Value]) -> UInt8? {
        switch value {
        case .object(let fields): return fields.isEmpty ? nil : UInt8(ascii: ".")
        case .array(let items): return items.isEmpty ? nil : UInt8(ascii: "[")
        case .expression(let text):
            guard let parameter = parameters[text] else { return nil }
            if case .expression = parameter { return nil }
            return continuation(parameter, parameters)
        default: return nil
        }
    }

    /// The path segment of an array item: `[name]` or `[index]`.
    static func segment(of item: Value, at index: Int, into path: inout [UInt8]) {
        path.append(UInt8(ascii: "["))
        if case .object = item, case .string(let name)? = item["name"] {
            path.append(contentsOf: name.utf8)
        } else {
            path.append(contentsOf: String(index).utf8)
        }
        path.append(UInt8(ascii: "]"))
    }

    /// Byte order of two paths (`memcmp`, then length).
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let shared = min(a.count, b.count)
        if shared > 0, let left = a.baseAddress, let right = b.baseAddress {
            let order = Int(memcmp(left, right, shared))
            if order != 0 { return order }
        }
        return a.count - b.count
    }
}

/// Writes the entries while walking, siblings sorted by key and continuation byte, and gives up
/// (returns false) as soon as a path does not sort after the previous one.
private struct InOrderWalk {
    let object: FlattenedObject
    let parameters: [String: Value]
    let indent: Int
    private var path: [UInt8] = []
    private var previous: [UInt8] = []
    private var count = 0

    init(object: FlattenedObject, indent: Int) {
        self.object = object
        self.parameters = object.parameters
        self.indent = indent
        path.reserveCapacity(128)
        previous.reserveCapacity(128)
    }

    mutating func run(to out: inout [UInt8]) -> Bool {
        let fields = object.fields.filter { !object.skippedKeys.contains($0.key) }
        let order = InOrderWalk.fieldOrder(fields, parameters)
        for position in fields.indices {
            let index = order?[position] ?? position
            path.removeAll(keepingCapacity: true)
            path.append(contentsOf: fields[index].key.utf8)
            guard add(fields[index].value, to: &out) else { return false }
        }
        if count == 0 {
            out.append(contentsOf: "{}".utf8)
        } else {
            out.append(UInt8(ascii: "\n"))
            JSONPrinter.pad(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
        return true
    }

    private mutating func add(_ value: Value, to out: inout [UInt8]) -> Bool {
        switch FlattenedObject.resolved(value, parameters) {
        case .object(let fields) where !fields.isEmpty:
            let order = InOrderWalk.fieldOrder(fields, parameters)
            let mark = path.count
            for position in fields.indices {
                let index = order?[position] ?? position
                path.append(UInt8(ascii: "."))
                path.append(contentsOf: fields[index].key.utf8)
                guard add(fields[index].value, to: &out) else { return false }
                path.removeSubrange(mark...)
            }
            return true
        case .array(let items) where !items.isEmpty:
            let mark = path.count
            // Segments `[name]`/`[index]` in one buffer; sorted unless they already are.
            var segments: [UInt8] = []
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(items.count)
            for index in items.indices {
                let start = segments.count
                FlattenedObject.segment(of: items[index], at: index, into: &segments)
                ranges.append(start..<segments.count)
            }
            let order = segments.withUnsafeBufferPointer { bytes -> [Int]? in
                func segment(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: bytes[ranges[index]])
                }
                let sorted = ranges.indices.dropFirst().allSatisfy {
                    FlattenedObject.compare(segment($0 - 1), segment($0)) < 0
                }
                return sorted
                    ? nil : ranges.indices.sorted { FlattenedObject.compare(segment($0), segment($1)) < 0 }
            }
            for position in items.indices {
                let index = order?[position] ?? position
                path.append(contentsOf: segments[ranges[index]])
                guard add(items[index], to: &out) else { return false }
                path.removeSubrange(mark...)
            }
            return true
        case let leaf:
            return emit(leaf, to: &out)
        }
    }

    /// Writes one entry, after checking that its path sorts after the previous entry's.
    private mutating func emit(_ leaf: Value, to out: inout [UInt8]) -> Bool {
        if count > 0 {
            let inOrder = path.withUnsafeBufferPointer { current in
                previous.withUnsafeBufferPointer { FlattenedObject.compare(current, $0) > 0 }
            }
            guard inOrder else { return false }
        }
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: path)
        out.append(count == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
        out.append(UInt8(ascii: "\n"))
        count += 1
        JSONPrinter.pad(indent + 1, &out)
        path.withUnsafeBufferPointer { JSONPrinter.appendQuoted($0, to: &out) }
        out.append(UInt8(ascii: ":"))
        out.append(UInt8(ascii: " "))
        JSONPrinter.append(leaf, indent: 0, to: &out)
        return true
    }

    /// The order of `fields` by key, then continuation byte (none first), which is the order of the
    /// paths below them unless a key is a prefix of a sibling's followed by that same byte (the
    /// walk then notices a path out of order). `nil` when they are in that order already.
    private static func fieldOrder(_ fields: [Value.Field], _ parameters: [String: Value]) -> [Int]? {
        func before(_ a: Int, _ b: Int) -> Bool {
            var left = fields[a].key
            var right = fields[b].key
            return left.withUTF8 { left in
                right.withUTF8 { right in
                    let shared = min(left.count, right.count)
                    for index in 0..<shared where left[index] != right[index] { return left[index] < right[index] }
                    let next = { (key: UnsafeBufferPointer<UInt8>, value: Value) -> Int in
                        key.count > shared
                            ? Int(key[shared]) : FlattenedObject.continuation(value, parameters).map(Int.init) ?? -1
                    }
                    return next(left, fields[a].value) < next(right, fields[b].value)
                }
            }
        }
        if fields.indices.dropFirst().allSatisfy({ before($0 - 1, $0) }) { return nil }
        return fields.indices.sorted(by: before)
    }
}

/// The general case: every entry collected into byte buffers, then indexes sorted by path with
/// declaration order among equal paths, and only the last of each path printed.
struct SortedEntries {
    private var paths: [UInt8] = []
    private var leaves: [UInt8] = []
    private var entries: [(path: Range<Int>, leaf: Range<Int>)] = []
    private let object: FlattenedObject

    init(_ object: FlattenedObject) {
        self.object = object
        var path: [UInt8] = []
        for field in object.fields where !object.skippedKeys.contains(field.key) {
            path.removeAll(keepingCapacity: true)
            path.append(contentsOf: field.key.utf8)
            add(field.value, path: &path)
        }
    }

    private mutating func add(_ value: Value, path: inout [UInt8]) {
        switch FlattenedObject.resolved(value, object.parameters) {
        case .object(let fields) where !fields.isEmpty:
            for field in fields {
                let mark = path.count
                path.append(UInt8(ascii: "."))
                path.append(contentsOf: field.key.utf8)
                add(field.value, path: &path)
                path.removeSubrange(mark...)
            }
        case .array(let items) where !items.isEmpty:
            for index in items.indices {
                let mark = path.count
                FlattenedObject.segment(of: items[index], at: index, into: &path)
                add(items[index], path: &path)
                path.removeSubrange(mark...)
            }
        case let leaf:
            let pathStart = paths.count
            paths.append(contentsOf: path)
            let leafStart = leaves.count
            JSONPrinter.append(leaf, indent: 0, to: &leaves)
            entries.append((pathStart..<paths.count, leafStart..<leaves.count))
        }
    }

    func append(indent: Int, to out: inout [UInt8]) {
        paths.withUnsafeBufferPointer { paths in
            func path(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: paths[entries[index].path])
            }
            let order = entries.indices.sorted { left, right in
                let order = FlattenedObject.compare(path(left), path(right))
                return order != 0 ? order < 0 : left < right
            }
            var kept: [Int] = []
            for index in order {
                if let last = kept.last, FlattenedObject.compare(path(last), path(index)) == 0 {
                    kept[kept.count - 1] = index
                } else {
                    kept.append(index)
                }
            }
            leaves.withUnsafeBufferPointer { leaves in
                JSONPrinter.appendContainer("{", "}", count: kept.count, indent: indent, to: &out) { position, out in
                    JSONPrinter.appendQuoted(path(kept[position]), to: &out)
                    out.append(contentsOf: ": ".utf8)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: leaves[entries[kept[position]].leaf]))
                }
            }
        }
    }
}
