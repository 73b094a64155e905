import SlipwayModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A JSON object of `path → leaf` entries: a resource's properties flattened the way
/// `slipway-model.json` shows them (`properties.subnets[snet-nodes].properties.addressPrefix`).
///
/// It keeps paths and printed leaves as bytes in two buffers and sorts indexes into them, so a
/// 1,000-cluster fleet's hundreds of thousands of paths cost no string each.
struct FlattenedObject {
    private var paths: [UInt8] = []
    private var leaves: [UInt8] = []
    private var entries: [Entry] = []

    private struct Entry {
        var path: Range<Int>
        var leaf: Range<Int>
    }

    /// Flattens `fields`, except those under `skippedKeys`. `resolve` turns each Bicep expression
    /// into a value: a parameter's value, flattened in turn, or a string. Arrays of objects with a
    /// string `name` are keyed by name, other arrays by index; empty objects and arrays are leaves.
    init(_ fields: [Value.Field], skipping skippedKeys: [String] = [], resolve: (String) -> Value) {
        var path: [UInt8] = []
        for index in fields.indices where !skippedKeys.contains(fields[index].key) {
            path.removeAll(keepingCapacity: true)
            path.append(contentsOf: fields[index].key.utf8)
            add(fields[index].value, path: &path, resolve: resolve)
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    private mutating func add(_ value: Value, path: inout [UInt8], resolve: (String) -> Value) {
        switch value {
        case .expression(let text):
            // Only expressions need resolving; a value that resolves to another expression is a leaf.
            let resolved = resolve(text)
            if case .expression = resolved {
                record(path, resolved)
            } else {
                add(resolved, path: &path, resolve: resolve)
            }
        case .object(let fields):
            if fields.isEmpty {
                if !path.isEmpty { record(path, .object([Value.Field]())) }
                return
            }
            for index in fields.indices {
                let mark = path.count
                if !path.isEmpty { path.append(UInt8(ascii: ".")) }
                path.append(contentsOf: fields[index].key.utf8)
                add(fields[index].value, path: &path, resolve: resolve)
                path.removeSubrange(mark...)
            }
        case .array(let items):
            if items.isEmpty {
                record(path, .array([]))
                return
            }
            for index in items.indices {
                let mark = path.count
                path.append(UInt8(ascii: "["))
                if case .object = items[index], case .string(let name)? = items[index]["name"] {
                    path.append(contentsOf: name.utf8)
                } else {
                    path.append(contentsOf: String(index).utf8)
                }
                path.append(UInt8(ascii: "]"))
                add(items[index], path: &path, resolve: resolve)
                path.removeSubrange(mark...)
            }
        default:
            record(path, value)
        }
    }

    private mutating func record(_ path: [UInt8], _ leaf: Value) {
        let pathStart = paths.count
        paths.append(contentsOf: path)
        let leafStart = leaves.count
        JSONPrinter.append(leaf, indent: 0, to: &leaves)
        entries.append(Entry(path: pathStart..<paths.count, leaf: leafStart..<leaves.count))
    }

    /// Entry indexes sorted by path bytes, declaration order among equal paths, keeping only the
    /// last of each path.
    private func sortedEntries() -> [Int] {
        paths.withUnsafeBufferPointer { bytes in
            func path(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[entries[index].path])
            }
            func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
                let shared = min(a.count, b.count)
                if shared > 0, let left = a.baseAddress, let right = b.baseAddress {
                    let order = Int(memcmp(left, right, shared))
                    if order != 0 { return order }
                }
                return a.count - b.count
            }
            let order = entries.indices.sorted { left, right in
                let order = compare(path(left), path(right))
                return order != 0 ? order < 0 : left < right
            }
            var kept: [Int] = []
            kept.reserveCapacity(order.count)
            for index in order {
                if let last = kept.last, compare(path(last), path(index)) == 0 {
                    kept[kept.count - 1] = index
                } else {
                    kept.append(index)
                }
            }
            return kept
        }
    }

    /// Prints the object at `indent` the way ``JSONPrinter`` prints one.
    func append(indent: Int, to out: inout [UInt8]) {
        let order = sortedEntries()
        if order.isEmpty {
            out.append(contentsOf: "{}".utf8)
            return
        }
        out.append(contentsOf: "{\n".utf8)
        paths.withUnsafeBufferPointer { paths in
            leaves.withUnsafeBufferPointer { leaves in
                for (position, index) in order.enumerated() {
                    JSONPrinter.pad(indent + 1, &out)
                    JSONPrinter.appendQuoted(UnsafeBufferPointer(rebasing: paths[entries[index].path]), to: &out)
                    out.append(contentsOf: ": ".utf8)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: leaves[entries[index].leaf]))
                    out.append(contentsOf: (position == order.count - 1 ? "\n" : ",\n").utf8)
                }
            }
        }
        JSONPrinter.pad(indent, &out)
        out.append(UInt8(ascii: "}"))
    }
}
