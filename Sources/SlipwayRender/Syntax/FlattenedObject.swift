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
/// output (``InOrderWalk``); a tree where siblings tie in that order (duplicate names, a key such
/// as `a.b` beside an object `a`) is printed by ``SortedEntries`` instead. The 1,000-cluster
/// fleet prints 600,000 such entries.
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
    func append(indent: Int, to out: inout TextBuffer) {
        if appendInOneWalk(indent: indent, to: &out) { return }
        SortedEntries(self).append(indent: indent, to: &out)
    }

    /// Prints the object in one walk (``InOrderWalk``) and returns true, or leaves `out` as it
    /// was and returns false when siblings tie.
    func appendInOneWalk(indent: Int, to out: inout TextBuffer) -> Bool {
        let start = out.count
        var walk = InOrderWalk(object: self, indent: indent)
        if walk.run(to: &out) { return true }
        out.truncate(to: start)
        return false
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
            guard let parameter = ResolvedModelRenderer.parameter(text, parameters) else { return nil }
            if case .expression = parameter { return nil }
            return continuation(parameter, parameters)
        default: return nil
        }
    }

    /// The path segment of an array item: `[name]` or `[index]`.
    static func segment(of item: Value, at index: Int, into path: inout TextBuffer) {
        path.append(UInt8(ascii: "["))
        if case .object = item, case .string(let name)? = item["name"] {
            path.append(contentsOf: name.utf8)
        } else {
            appendDecimal(index, to: &path)
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

/// Writes the entries while walking, siblings sorted by path segment and continuation byte (the
/// byte after the segment in the paths below it: `.` under an object, `[` under an array, none
/// for a leaf). When no two siblings tie in that order, the walk meets the paths in byte order:
/// two siblings either differ inside both segments, or one segment is a prefix of the other and
/// the shorter one's continuation differs from the longer one's next byte. A tie (a duplicate key
/// or item name, or a key such as `a.b` beside `a` holding an object) makes the walk give up and
/// return false, and ``SortedEntries`` prints the object instead.
///
/// The segments of the children being walked (`.key`, `[name]`, `[index]`) sit on one scratch
/// stack of bytes shared by the whole walk, and are sorted there with `memcmp`: a buffer per
/// array, and comparing keys as strings, were most of the walk's allocations and reference counting.
private struct InOrderWalk: ~Copyable {
    let object: FlattenedObject
    let parameters: [String: Value]
    let indent: Int
    private var path = OwnedBuffer<UInt8>(capacity: 128)
    /// The path segments of the children being walked, their byte ranges, and their order.
    private var segmentBytes = OwnedBuffer<UInt8>(capacity: 256)
    private var segments = OwnedBuffer<ByteRange>(capacity: 32)
    private var order = OwnedBuffer<Int>(capacity: 32)
    /// Where the path stood before each segment on it, and whether that segment needs JSON
    /// escaping; `escapingSegments` counts those that do.
    private var pathMarks = OwnedBuffer<Int>(capacity: 32)
    private var segmentEscapes = OwnedBuffer<Bool>(capacity: 32)
    private var escapingSegments = 0
    private var expression = TextBuffer(capacity: 128)
    private var count = 0

    init(object: FlattenedObject, indent: Int) {
        self.object = object
        self.parameters = object.parameters
        self.indent = indent
    }

    mutating func run(to out: inout TextBuffer) -> Bool {
        let fields = object.fields.filter { !object.skippedKeys.contains($0.key) }
        guard fields.withUnsafeBufferPointer({ walk($0, separator: nil, to: &out) }) else { return false }
        if count == 0 {
            out.append(contentsOf: "{}".utf8)
        } else {
            out.append(UInt8(ascii: "\n"))
            JSONPrinter.pad(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
        return true
    }

    private mutating func add(_ value: Value, to out: inout TextBuffer) -> Bool {
        guard case .expression(let text) = value else { return addResolved(value, to: &out) }
        if let parameter = ResolvedModelRenderer.parameter(text, parameters) { return addResolved(parameter, to: &out) }
        // An expression leaf: resolved into a reused buffer and quoted from there, which spares
        // making a string for each of them.
        expression.truncate(to: 0)
        ResolvedModelRenderer.appendResolved(text, parameters, to: &expression)
        startEntry(to: &out)
        JSONPrinter.appendQuoted(expression.elements(0..<expression.count), to: &out)
        return true
    }

    private mutating func addResolved(_ value: Value, to out: inout TextBuffer) -> Bool {
        switch value {
        case .object(let fields) where !fields.isEmpty:
            return fields.withUnsafeBufferPointer { walk($0, separator: UInt8(ascii: "."), to: &out) }
        case .array(let items) where !items.isEmpty:
            // Through buffer pointers here and in `walk`: subscripting the arrays copied each
            // element, a retain and a release per child.
            return items.withUnsafeBufferPointer { items in
                let mark = segments.count
                for index in items.indices {
                    let start = segmentBytes.count
                    FlattenedObject.segment(of: items[index], at: index, into: &segmentBytes)
                    segments.append(ByteRange(start, segmentBytes.count))
                }
                guard pushOrder(from: mark, continuation: { _ in -1 }) else { return false }
                for position in items.indices {
                    let index = enter(mark, position)
                    guard add(items[index], to: &out) else { return false }
                    leave()
                }
                pop(mark)
                return true
            }
        case let leaf:
            return emit(leaf, to: &out)
        }
    }

    /// Walks the fields of an object, their keys preceded by `separator`.
    private mutating func walk(
        _ fields: UnsafeBufferPointer<Value.Field>, separator: UInt8?, to out: inout TextBuffer
    ) -> Bool {
        guard !fields.isEmpty else { return true }
        let mark = segments.count
        for index in fields.indices {
            let start = segmentBytes.count
            if let separator { segmentBytes.append(separator) }
            segmentBytes.append(contentsOf: fields[index].key.utf8)
            segments.append(ByteRange(start, segmentBytes.count))
        }
        let parameters = parameters
        let inOrder = pushOrder(from: mark) {
            FlattenedObject.continuation(fields[$0].value, parameters).map(Int.init) ?? -1
        }
        guard inOrder else { return false }
        for position in fields.indices {
            let index = enter(mark, position)
            guard add(fields[index].value, to: &out) else { return false }
            leave()
        }
        pop(mark)
        return true
    }

    /// Pushes the order of the children whose segments were pushed from `mark` on: by segment,
    /// ties between a segment and its prefix broken by the byte that follows the shorter one
    /// (`continuation` of a child: its first byte below, or -1 for a leaf). False when two tie.
    private mutating func pushOrder(from mark: Int, continuation: (Int) -> Int) -> Bool {
        let count = segments.count - mark
        let start = order.count
        for index in 0..<count { order.append(index) }
        let bytes = segmentBytes.elements(0..<segmentBytes.count)
        let ranges = segments.elements(mark..<segments.count)
        func before(_ a: Int, _ b: Int) -> Bool {
            let left = UnsafeBufferPointer(rebasing: bytes[ranges[a].range])
            let right = UnsafeBufferPointer(rebasing: bytes[ranges[b].range])
            let shared = min(left.count, right.count)
            if shared > 0, let l = left.baseAddress, let r = right.baseAddress {
                let order = memcmp(l, r, shared)
                if order != 0 { return order < 0 }
            }
            func next(_ side: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
                side.count > shared ? Int(side[shared]) : continuation(index)
            }
            return next(left, a) < next(right, b)
        }
        // Insertion sort in place: siblings are few and often in order already.
        let sorted = order.mutableElements(from: start)
        for position in sorted.indices.dropFirst() {
            let child = sorted[position]
            var slot = position
            while slot > 0, before(child, sorted[slot - 1]) {
                sorted[slot] = sorted[slot - 1]
                slot -= 1
            }
            sorted[slot] = child
        }
        return sorted.indices.dropFirst().allSatisfy { before(sorted[$0 - 1], sorted[$0]) }
    }

    /// Appends the segment of the child at `position` in the order pushed for the children from
    /// `mark`, and returns its index.
    private mutating func enter(_ mark: Int, _ position: Int) -> Int {
        let index = order[order.count - (segments.count - mark) + position]
        let segment = segmentBytes.elements(segments[mark + index].range)
        pathMarks.append(path.count)
        path.append(contentsOf: segment)
        let escapes = JSONPrinter.needsEscaping(segment)
        segmentEscapes.append(escapes)
        if escapes { escapingSegments += 1 }
        return index
    }

    /// Removes the segment `enter` appended.
    private mutating func leave() {
        path.truncate(to: pathMarks.removeLast())
        if segmentEscapes.removeLast() { escapingSegments -= 1 }
    }

    /// Pops the segments and the order of the children from `mark`.
    private mutating func pop(_ mark: Int) {
        let count = segments.count - mark
        segmentBytes.truncate(to: segments[mark].start)
        segments.truncate(to: mark)
        order.truncate(to: order.count - count)
    }

    /// Writes one entry.
    private mutating func emit(_ leaf: Value, to out: inout TextBuffer) -> Bool {
        startEntry(to: &out)
        JSONPrinter.append(leaf, indent: 0, to: &out)
        return true
    }

    /// Writes what precedes an entry's value: the separator, the indentation and the quoted path.
    private mutating func startEntry(to out: inout TextBuffer) {
        out.append(count == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
        out.append(UInt8(ascii: "\n"))
        count += 1
        JSONPrinter.pad(indent + 1, &out)
        let path = path.elements(0..<path.count)
        if escapingSegments == 0 {
            // Checked once per segment on the way down, not once per entry.
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: path)
            out.append(UInt8(ascii: "\""))
        } else {
            JSONPrinter.appendQuoted(path, to: &out)
        }
        out.append(UInt8(ascii: ":"))
        out.append(UInt8(ascii: " "))
    }
}

/// A range of bytes on a ``OwnedBuffer``: `Range` is not `BitwiseCopyable`.
private struct ByteRange: BitwiseCopyable {
    let start: Int
    let end: Int
    init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }
    var range: Range<Int> { start..<end }
}

/// The general case: every entry collected into byte buffers, then indexes sorted by path with
/// declaration order among equal paths, and only the last of each path printed.
struct SortedEntries: ~Copyable {
    private var paths = TextBuffer(capacity: 1_024)
    private var leaves = TextBuffer(capacity: 1_024)
    private var entries: [(path: Range<Int>, leaf: Range<Int>)] = []
    private let object: FlattenedObject

    init(_ object: FlattenedObject) {
        self.object = object
        var path = TextBuffer(capacity: 128)
        for field in object.fields where !object.skippedKeys.contains(field.key) {
            path.truncate(to: 0)
            path.append(contentsOf: field.key.utf8)
            add(field.value, path: &path)
        }
    }

    private mutating func add(_ value: Value, path: inout TextBuffer) {
        switch FlattenedObject.resolved(value, object.parameters) {
        case .object(let fields) where !fields.isEmpty:
            for field in fields {
                let mark = path.count
                path.append(UInt8(ascii: "."))
                path.append(contentsOf: field.key.utf8)
                add(field.value, path: &path)
                path.truncate(to: mark)
            }
        case .array(let items) where !items.isEmpty:
            for index in items.indices {
                let mark = path.count
                FlattenedObject.segment(of: items[index], at: index, into: &path)
                add(items[index], path: &path)
                path.truncate(to: mark)
            }
        case let leaf:
            let pathStart = paths.count
            paths.append(contentsOf: path.elements(0..<path.count))
            let leafStart = leaves.count
            JSONPrinter.append(leaf, indent: 0, to: &leaves)
            entries.append((pathStart..<paths.count, leafStart..<leaves.count))
        }
    }

    func append(indent: Int, to out: inout TextBuffer) {
        let paths = paths.elements(0..<paths.count)
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
        JSONPrinter.appendContainer("{", "}", count: kept.count, indent: indent, to: &out) { position, out in
            JSONPrinter.appendQuoted(path(kept[position]), to: &out)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: leaves.elements(entries[kept[position]].leaf))
        }
    }
}
