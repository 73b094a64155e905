import SlipwayModel
import Testing

@testable import SlipwayRender

/// `slipway-model.json`'s flattened properties: the in-order walk (and its fallback) print exactly
/// what the plain definition gives: every leaf path, sorted by bytes, the last of equal paths kept.
@Suite struct FlattenedObjectTests {
    /// The definition, written the slow and obvious way.
    static func reference(_ fields: [Value.Field], parameters: [String: Value]) -> String {
        var pairs: [(path: String, value: Value)] = []
        func add(_ value: Value, _ path: String) {
            var value = value
            if case .expression = value { value = ResolvedModelRenderer.resolve(value, parameters) }
            switch value {
            case .object(let fields) where !fields.isEmpty:
                for field in fields { add(field.value, path + "." + field.key) }
            case .array(let items) where !items.isEmpty:
                for (index, item) in items.enumerated() {
                    if case .object = item, case .string(let name)? = item["name"] {
                        add(item, path + "[" + name + "]")
                    } else {
                        add(item, path + "[\(index)]")
                    }
                }
            default: pairs.append((path, value))
            }
        }
        for field in fields { add(field.value, field.key) }
        let order = pairs.indices.sorted {
            let (a, b) = (Array(pairs[$0].path.utf8), Array(pairs[$1].path.utf8))
            return a == b ? $0 < $1 : a.lexicographicallyPrecedes(b)
        }
        var kept: [Value.Field] = []
        for index in order {
            if kept.last?.key == pairs[index].path {
                kept[kept.count - 1] = Value.Field(pairs[index].path, pairs[index].value)
            } else {
                kept.append(Value.Field(pairs[index].path, pairs[index].value))
            }
        }
        return JSONPrinter.print(.object(kept))
    }

    static func printed(_ fields: [Value.Field], parameters: [String: Value]) -> String {
        JSONPrinter.print(.flattened(FlattenedObject(fields, parameters: parameters)))
    }

    static let parameters: [String: Value] = [
        "prefix": "10.0.0.0/24", "tags": ["team": "platform", "cost-centre": "42"], "empty": [:],
        "chained": .expression("prefix"),
    ]

    static let bodies: [Value] = [
        // A key that is a prefix of its sibling's, followed by `[` (after `I` in byte order).
        ["subnet": [["name": "a"]], "subnetIds": "x"],
        // `-` sorts before `.`: `a-b` before `a.x`.
        ["a": ["x": 1], "a-b": 2],
        // Duplicate keys and duplicate item names: the last wins.
        .object([.init("k", 1), .init("k", 2), .init("j", .array([["name": "n", "v": 1], ["name": "n", "w": 2]]))]),
        // Twelve unnamed items: `[10]` and `[11]` sort before `[1]`.
        ["list": .array((0..<12).map { Value.int($0) })],
        // Expressions: parameters (objects flattened, empty ones kept), interpolation, chains.
        [
            "properties": [
                "addressPrefix": .expression("prefix"), "tags": .expression("tags"), "none": .expression("empty"),
                "id": .expression("resourceId('x', '${prefix}')"), "chain": .expression("chained"),
            ]
        ],
        // Keys that need escaping, and empty containers at every level.
        ["quote\"d": ["back\\slash": true], "e": [:], "f": [], "g": ["h": [:]]],
        [:],
    ]

    @Test(arguments: bodies)
    func printsTheDefinition(_ body: Value) {
        guard case .object(let fields) = body else { return }
        #expect(
            Self.printed(fields, parameters: Self.parameters) == Self.reference(fields, parameters: Self.parameters))
    }

    /// The one-walk printer takes every body above but those whose siblings tie: duplicate keys
    /// or item names, and a key such as `a.b` beside an object `a`.
    @Test func onlyTiedSiblingsLeaveTheOneWalkPrinter() {
        let tied: [Value] = [
            .object([.init("k", 1), .init("k", 2)]),
            ["items": .array([["name": "n", "v": 1], ["name": "n", "w": 2]])],
            ["a": ["c": 1], "a.b": 2],
        ]
        func walks(_ body: Value) -> Bool {
            guard case .object(let fields) = body else { return false }
            var out = TextBuffer(capacity: 64)
            return FlattenedObject(fields, parameters: Self.parameters).appendInOneWalk(indent: 0, to: &out)
        }
        #expect(Self.bodies.map(walks) == [true, true, false, true, true, true, true])
        #expect(tied.map(walks) == [false, false, false])
        // A real resource body: every key of a cluster's agent pool profile in one walk.
        let pool: Value = [
            "name": "aks", "location": .expression("location"),
            "properties": [
                "agentPoolProfiles": .array([["name": "system", "count": 3], ["name": "apps", "count": 2]]),
                "addressPrefix": .expression("prefix"), "tags": .expression("tags"),
            ],
        ]
        #expect(walks(pool))
    }

    @Test func ownedBuffersGrowTruncateAndPop() {
        var stack = OwnedBuffer<Int>(capacity: 2)
        for value in 0..<100 { stack.append(value) }
        Array(1_000..<1_050).withUnsafeBufferPointer { stack.append(contentsOf: $0) }
        #expect(stack.count == 150)
        #expect(Array(stack.elements(98..<102)) == [98, 99, 1_000, 1_001])
        #expect(stack.removeLast() == 1_049)
        stack.truncate(to: 3)
        stack.mutableElements(from: 1)[0] = 7
        #expect(Array(stack.elements(0..<stack.count)) == [0, 7, 2])
        let tail = stack.mutableElements(from: 1)
        tail.swapAt(0, 1)
        #expect(Array(stack.elements(0..<3)) == [0, 2, 7])
        stack.insert(5, at: 1)
        stack.insert(9, at: 4)
        #expect(Array(stack.elements(0..<stack.count)) == [0, 5, 2, 7, 9])
    }

    @Test func textBuffersHoldUTF8AndBuildStrings() {
        var text = TextBuffer(capacity: 1)
        text.append(contentsOf: "{\n".utf8)
        text.append(contentsOf: "ünï 😀 ".utf8)
        text.append(contentsOf: String(repeating: "long text, ", count: 20).utf8)
        text.append(UInt8(ascii: "}"))
        #expect(text.string == "{\nünï 😀 " + String(repeating: "long text, ", count: 20) + "}")
        text.truncate(to: 2)
        text.reverse(from: 0)
        #expect(text.string == "\n{")
    }

    /// Random trees over a small alphabet of keys that are prefixes of each other.
    @Test func randomTreesPrintTheDefinition() {
        var random = Random(state: 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<300 {
            guard case .object(let fields) = random.tree(depth: 0) else { continue }
            #expect(
                Self.printed(fields, parameters: Self.parameters) == Self.reference(fields, parameters: Self.parameters)
            )
        }
    }

    struct Random {
        var state: UInt64
        static let keys = ["a", "ab", "aB", "a-b", "a.b", "b", "name", "id", "ids", "I"]

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }

        mutating func tree(depth: Int) -> Value {
            switch depth > 3 ? next(3) : next(6) {
            case 0: return .string(Self.keys[next(Self.keys.count)])
            case 1: return .int(next(100))
            case 2: return .expression(["prefix", "tags", "empty", "other.id"][next(4)])
            case 3:
                var items: [Value] = []
                for _ in 0..<next(13) {
                    items.append(next(2) == 0 ? tree(depth: depth + 1) : ["name": .string(Self.keys[next(4)])])
                }
                return .array(items)
            default:
                var fields: [Value.Field] = []
                for _ in 0..<next(5) {
                    fields.append(Value.Field(Self.keys[next(Self.keys.count)], tree(depth: depth + 1)))
                }
                return .object(fields)
            }
        }
    }
}
