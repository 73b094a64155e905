import Foundation
import SlipwayModel
import Testing

@Suite struct CIDRTests {
    @Test func parsesAddressAndLength() throws {
        let cidr = try #require(CIDR(parsing: "10.240.4.32/28"))
        #expect(cidr.length == 28)
        #expect(CIDR.format(cidr.network) == "10.240.4.32")
        #expect(CIDR.format(cidr.last) == "10.240.4.47")
        #expect(cidr.size == 16)
        #expect(cidr.description == "10.240.4.32/28")
    }

    @Test(arguments: [
        "10.0.0.0", "10.0.0/8", "10.0.0.256/24", "10.0.0.0/33", "10.0.0.0/-1", "a.b.c.d/8", "", "10..0.0/8",
        "10.0.0.0/8/8", "10.0.0.0/ 8", "1000.0.0.0/8", "10.0.0.0./8", ".10.0.0/8", "10.0.0.0/", "10.0.0.0/+8",
        "١٠.0.0.0/8", "10.0.0.0.0/8",
    ])
    func rejectsMalformed(_ text: String) {
        #expect(CIDR(parsing: text) == nil)
    }

    @Test func detectsHostBits() throws {
        #expect(try #require(CIDR(parsing: "10.0.0.1/24")).hasHostBits)
        #expect(try !#require(CIDR(parsing: "10.0.0.0/24")).hasHostBits)
        #expect(try !#require(CIDR(parsing: "0.0.0.0/0")).hasHostBits)
        #expect(try !#require(CIDR(parsing: "10.0.0.7/32")).hasHostBits)
    }

    @Test func containment() throws {
        let spoke = try #require(CIDR(parsing: "10.240.0.0/16"))
        #expect(spoke.contains(try #require(CIDR(parsing: "10.240.0.0/22"))))
        #expect(spoke.contains(try #require(CIDR(parsing: "10.240.255.240/28"))))
        #expect(spoke.contains(spoke))
        #expect(!spoke.contains(try #require(CIDR(parsing: "10.241.0.0/22"))))
        #expect(!spoke.contains(try #require(CIDR(parsing: "10.0.0.0/8"))))
        #expect(spoke.contains(address: try #require(CIDR.parseAddress("10.240.4.4"))))
        #expect(!spoke.contains(address: try #require(CIDR.parseAddress("10.239.255.255"))))
    }

    @Test func overlap() throws {
        let hub = try #require(CIDR(parsing: "10.200.0.0/24"))
        #expect(hub.overlaps(try #require(CIDR(parsing: "10.200.0.128/25"))))
        #expect(hub.overlaps(try #require(CIDR(parsing: "10.0.0.0/8"))))
        #expect(!hub.overlaps(try #require(CIDR(parsing: "10.200.1.0/24"))))
        #expect(!hub.overlaps(try #require(CIDR(parsing: "10.199.255.0/24"))))
        // Adjacent ranges touch but do not overlap.
        let low = try #require(CIDR(parsing: "10.240.0.0/22"))
        let high = try #require(CIDR(parsing: "10.240.4.0/28"))
        #expect(!low.overlaps(high) && !high.overlaps(low))
    }

    @Test func extremes() throws {
        let everything = try #require(CIDR(parsing: "0.0.0.0/0"))
        #expect(everything.size == 4_294_967_296)
        #expect(CIDR.format(everything.last) == "255.255.255.255")
        let host = try #require(CIDR(parsing: "255.255.255.255/32"))
        #expect(host.size == 1)
        #expect(everything.contains(host))
    }
}

/// The typed prefix: parsed once, text kept for messages and output, encoded as its text.
@Suite struct AddressPrefixTests {
    @Test func aPrefixKeepsItsTextAndParsesOnce() throws {
        let valid = AddressPrefix("10.240.4.0/28")
        #expect(valid.text == "10.240.4.0/28" && "\(valid)" == "10.240.4.0/28")
        #expect(valid.cidr?.length == 28 && valid.network == valid.cidr)
        let hostBits = AddressPrefix("10.1.0.1/16")
        #expect(hostBits.cidr != nil && hostBits.network == nil)
        let malformed = AddressPrefix("10.1.0/16")
        #expect(malformed.cidr == nil && malformed.network == nil && malformed.text == "10.1.0/16")
    }

    @Test func aPrefixIsEncodedAsItsText() throws {
        let encoded = try JSONEncoder().encode(["space": AddressPrefix("10.1.0/16")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"space":"10.1.0\/16"}"#)
        let decoded = try JSONDecoder().decode([String: AddressPrefix].self, from: encoded)
        #expect(decoded["space"]?.text == "10.1.0/16" && decoded["space"]?.cidr == nil)
    }
}
