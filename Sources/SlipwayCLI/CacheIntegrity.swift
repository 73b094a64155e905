import FoundationEssentials

/// Every cache entry Slipway writes carries a checksum of its content, checked on every read: a
/// flipped bit, a truncated file or a foreign file is discarded and rebuilt, never used. Results
/// and renderings are sealed in an envelope; a compiled program keeps its checksum beside it.
///
/// The checksum is two 64-bit FNV-1a lanes over the bytes. Each step of a lane is a bijection of
/// its state (xor with the byte, then multiply by an odd number), so any change confined to one
/// byte, every single-bit flip among them, always changes the checksum. It guards against damage,
/// not against someone who writes the cache on purpose (who could write the output too).
enum CacheIntegrity {
    static let magic: [UInt8] = Array("slipway-sealed-1\n".utf8)

    /// 16 bytes: the two lanes, little-endian.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x6c62_272e_07bb_0142
        for byte in bytes {
            first = (first ^ UInt64(byte)) &* 0x100_0000_01b3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            second = second &+ (first >> 29)
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(16)
        for lane in [first, second] {
            for shift in stride(from: 0, to: 64, by: 8) { digest.append(UInt8(truncatingIfNeeded: lane >> shift)) }
        }
        return digest
    }

    static func checksum(_ bytes: [UInt8]) -> [UInt8] { bytes.withUnsafeBytes { checksum($0) } }

    /// `magic`, the payload's length (8 bytes), its checksum, then the payload.
    static func seal(_ payload: UnsafeRawBufferPointer) -> [UInt8] {
        var sealed = magic
        sealed.reserveCapacity(magic.count + 24 + payload.count)
        let length = UInt64(payload.count)
        for shift in stride(from: 0, to: 64, by: 8) { sealed.append(UInt8(truncatingIfNeeded: length >> shift)) }
        sealed += checksum(payload)
        sealed.append(contentsOf: payload)
        return sealed
    }

    static func seal(_ payload: [UInt8]) -> [UInt8] { payload.withUnsafeBytes { seal($0) } }

    /// The payload of a sealed entry, or nil when anything about it is wrong.
    static func open(_ sealed: [UInt8]) -> [UInt8]? {
        let header = magic.count + 24
        guard sealed.count >= header, sealed.starts(with: magic) else { return nil }
        var length: UInt64 = 0
        for index in 0..<8 { length |= UInt64(sealed[magic.count + index]) << (8 * UInt64(index)) }
        guard length == UInt64(sealed.count - header) else { return nil }
        let payload = Array(sealed[header...])
        guard checksum(payload) == Array(sealed[(magic.count + 8)..<header]) else { return nil }
        return payload
    }

    /// Reads and opens a sealed file; a damaged one is deleted, so the next run rebuilds it.
    static func read(_ url: URL) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        guard let payload = open([UInt8](data)) else {
            try? FileManager.default.removeItem(at: url)
            return nil
        }
        return payload
    }
}
