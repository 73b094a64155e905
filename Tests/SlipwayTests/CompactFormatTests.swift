import Foundation
import SlipwayModel
import SlipwaySamples
import Testing

@testable import SlipwayCLI

/// The result channel's binary format: every model survives a round trip unchanged, Codable's
/// optional, enum and dictionary shapes decode, keys may be read in any order, and a damaged
/// document is an error, never a crash.
@Suite struct CompactFormatTests {
    /// A sampled run, with failures, inputs and a fractional build time.
    static func sampleResult(seed: UInt64) -> ProgramResult {
        var sampler = EnvironmentSampler(seed: seed)
        var result = ProgramResult(
            environments: sampler.environments(count: 6).map(\.resolvedModel),
            failures: [
                ProgramFailure(
                    code: "DSL002", message: "twice: \"quoted\", ünïcode, emoji 🚀, newline\n",
                    site: SourceLocation(fileID: "M/a.swift", filePath: "a.swift", line: 3, column: 9))
            ])
        result.inputs = ["fleetSize": "1000", "aspnetapp.tag": "1.2.3"]
        result.buildSeconds = 0.123_456_789
        return result
    }

    @Test(arguments: [1, 7, 42] as [UInt64])
    func sampledResultsSurviveARoundTrip(seed: UInt64) throws {
        let result = Self.sampleResult(seed: seed)
        let bytes = try CompactEncoder().encode(result)
        #expect(CompactDecoder.isCompact(bytes))
        let decoded = try CompactDecoder().decode(ProgramResult.self, from: bytes)
        #expect(decoded == result)
        #expect(decoded.buildSeconds == 0.123_456_789)
        // The CLI's reader, which decodes the environments in parallel, agrees.
        #expect(try ProgramResult(compact: bytes) == result)
        // Smaller than the JSON it replaced. (Dictionaries keep their iteration order, so the bytes
        // are not canonical; nothing compares them.)
        #expect(bytes.count < (try JSONEncoder().encode(result)).count)
    }

    enum Shape: Codable, Equatable {
        case empty
        case one(Int)
        case labelled(name: String, size: Int?)
        case nested([Shape])
    }

    struct Everything: Codable, Equatable {
        var present: String? = "here"
        var absent: String? = nil
        var optionalInts: [Int?] = [1, nil, -3]
        var extremes: [Int64] = [.min, -1, 0, 1, .max]
        var unsigned: [UInt64] = [0, .max]
        var small: [Int8] = [-128, 127]
        var floats: [Float] = [1.5, -0.25]
        var doubles: [Double] = [0, -0.0, .infinity, 1e-300]
        var flags: [Bool] = [true, false]
        var shapes: [Shape] = [.empty, .one(4), .labelled(name: "x", size: nil), .nested([.one(1), .empty])]
        var byName: [String: [String: Int]] = ["b": ["y": 2, "x": 1], "a": [:]]
        var byNumber: [Int: String] = [2: "two", 1: "one"]
        var sets: Set<String> = ["x", "y"]
        var value: Value = ["name": "n", "list": [1, true, .null, .expression("a.b")], "empty": [:]]
    }

    @Test func codableShapesSurviveARoundTrip() throws {
        let value = Everything()
        let decoded = try CompactDecoder().decode(Everything.self, from: CompactEncoder().encode(value))
        #expect(decoded == value)
        #expect(decoded.doubles[1].sign == .minus)
    }

    /// Writes `b` before `a` and reads `a` first, and reads a key it never wrote.
    struct Reordered: Codable, Equatable {
        var a: Int
        var b: String
        enum CodingKeys: String, CodingKey { case a, b, c }
        init(a: Int, b: String) {
            self.a = a
            self.b = b
        }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            #expect(try container.decodeIfPresent(String.self, forKey: .c) == nil)
            #expect(!container.contains(.c))
            a = try container.decode(Int.self, forKey: .a)
            b = try container.decode(String.self, forKey: .b)
            #expect(Set(container.allKeys.map(\.stringValue)) == ["a", "b"])
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(b, forKey: .b)
            try container.encode(a, forKey: .a)
        }
    }

    @Test func keysDecodeInAnyOrder() throws {
        let value = [Reordered(a: 1, b: "one"), Reordered(a: 2, b: "two")]
        #expect(try CompactDecoder().decode([Reordered].self, from: CompactEncoder().encode(value)) == value)
    }

    @Test func wrongTypesAndMissingKeysAreErrors() throws {
        let bytes = try CompactEncoder().encode(["a": "text"])
        #expect(throws: DecodingError.self) { try CompactDecoder().decode([String: Int].self, from: bytes) }
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(Reordered.self, from: bytes) }
        #expect(throws: DecodingError.self) {
            try CompactDecoder().decode(Int8.self, from: CompactEncoder().encode(300))
        }
        // A JSON result from an older Slipway is refused, not misread.
        let json = [UInt8](try JSONEncoder().encode(Self.sampleResult(seed: 1)))
        #expect(!CompactDecoder.isCompact(json))
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(ProgramResult.self, from: json) }
    }

    /// Every truncation throws; a flipped byte may decode to something else (the format has no
    /// checksum), so the cache seals every entry: each flip of the sweep is caught there.
    @Test func damagedDocumentsThrowAndSealedOnesAreRefused() throws {
        let bytes = try CompactEncoder().encode(Self.sampleResult(seed: 7).environments.prefix(1).map { $0 })
        var truncations = 0
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 400)) {
            truncations += 1
            #expect(
                (try? CompactDecoder().decode([EnvironmentModel].self, from: Array(bytes.prefix(length)))) == nil,
                "a truncation to \(length) bytes decoded")
        }
        #expect(truncations >= 100)
        let sealed = CacheIntegrity.seal(bytes)
        #expect(CacheIntegrity.open(sealed) == bytes)
        var flips = 0
        for index in stride(from: 0, to: sealed.count, by: max(1, sealed.count / 400)) {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = sealed
                damaged[index] ^= flip
                flips += 1
                #expect(CacheIntegrity.open(damaged) == nil, "a flip at \(index) was not caught")
                // And decoding a damaged document never crashes.
                _ = try? CompactDecoder().decode([EnvironmentModel].self, from: Array(damaged.dropFirst(41)))
            }
        }
        #expect(flips >= 1200)
        #expect(CacheIntegrity.open(Array(sealed.dropLast())) == nil)
        #expect(CacheIntegrity.open(sealed + [0]) == nil)
    }

    /// A value written into a container after a later container started is refused.
    struct WritesLate: Encodable {
        func encode(to encoder: any Encoder) throws {
            var outer = encoder.unkeyedContainer()
            var inner = outer.nestedUnkeyedContainer()
            try outer.encode(1)
            try inner.encode(2)
        }
    }

    @Test func writingIntoAClosedContainerIsAnError() {
        #expect(throws: EncodingError.self) { try CompactEncoder().encode(WritesLate()) }
    }
}
