extension String {
    /// Calls `body` with the string's UTF-8 bytes: its own storage when that is contiguous (always
    /// for native strings, a stack copy for small ones), else a copy. The printers read every key
    /// and literal this way; iterating `utf8` byte by byte was a tenth of printing.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        return try Array(utf8).withUnsafeBufferPointer(body)
    }
}
