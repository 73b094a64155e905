/// The result channel's binary format: what the DSL program hands over and the result cache keeps.
///
/// A document is the magic `SLPW`, a version byte, then one slot. A slot is a tag byte and its
/// payload: nothing for `nil`, `false` and `true`; a zigzag LEB128 for signed integers and a
/// LEB128 for unsigned ones; eight little-endian bytes for a `Double`; a LEB128 length and UTF-8
/// bytes for a string. A keyed container is a four-byte little-endian byte length, a four-byte
/// entry count and its entries, each a string key (LEB128 length and bytes) then a slot; an
/// unkeyed container is the same with slots only. Lengths let a reader skip any value, so keys can
/// be looked up in any order, although Codable's synthesized code reads them in the order it wrote
/// them and the reader checks the next entry first.
///
/// It replaces JSON on the channel because decoding JSON was a quarter of a 1,000-cluster fleet's
/// time from model to files: there is no text to scan or unescape, no dictionary per object and
/// no number parsing. Coding paths are not tracked; errors name the key or the offset instead.
enum CompactFormat {
    static let magic: [UInt8] = Array("SLPW".utf8)
    static let version: UInt8 = 1

    enum Tag: UInt8 {
        case null = 0, `false`, `true`, signed, unsigned, double, string, keyed, unkeyed
    }

    /// Bytes of the length and count fields at the start of a container.
    static let containerHeader = 8
}
