import Testing

@testable import SlipwayCLI
@testable import SlipwayModel

/// The small text helpers that replace Foundation's (the CLI links FoundationEssentials only).
@Suite struct TextTests {
    @Test func decimalsRoundHalfAwayFromZero() {
        #expect(0.0.decimalText(places: 2) == "0.00")
        #expect(1.005.decimalText(places: 1) == "1.0")
        #expect(12.345.decimalText(places: 1) == "12.3")
        #expect(0.996.decimalText(places: 2) == "1.00")
        #expect(0.04.decimalText(places: 2) == "0.04")
        #expect((-2.5).decimalText(places: 2) == "-2.50")
        #expect((-0.001).decimalText(places: 2) == "0.00")
        #expect(1234.5.decimalText(places: 0) == "1235")
        #expect(Double.infinity.decimalText(places: 2) == "inf")
    }

    @Test func paddingAndSearching() {
        #expect("ab".padded(to: 4) == "ab  ")
        #expect("abcdef".padded(to: 4) == "abcdef")
        let line = "frame at /a/b.swift:3:4 at x.swift:5:6"
        #expect(line[line.lastRange(of: " at ")!.upperBound...] == "x.swift:5:6")
        #expect("no match".lastRange(of: "@") == nil)
        #expect("aaa".lastRange(of: "aa").map { "aaa".distance(from: "aaa".startIndex, to: $0.lowerBound) } == 1)
        #expect(" \t value \r\n".trimmedOfWhitespace == "value")
        #expect(" \n ".trimmedOfWhitespace == "")
    }

    @Test func jsonIsReadAndPrintedCanonically() throws {
        let text = #"{"b": [1, 2.5e3, true, null], "a": {"z": "x\"\\\/\u00e9\ud83d\ude00\n", "y": -0.5}}"#
        let value = try #require(JSONReader.parse(text))
        #expect(
            JSONReader.canonicalText(value)
                == #"{"a":{"y":-0.5,"z":"x\"\\/é😀\n"},"b":[1,2.5e3,true,null]}"#)
        #expect(
            JSONReader.canonicalText(["k": 1, "f": false, "s": "v"] as [String: Any]) == #"{"f":false,"k":1,"s":"v"}"#)
        for broken in ["", "{", #"{"a" 1}"#, "[1,]", #""unterminated"#, "tru", "{} x", #""\ud83d""#, "1.2.3"] {
            #expect(JSONReader.parse(broken) == nil, "\(broken)")
        }
    }
}
