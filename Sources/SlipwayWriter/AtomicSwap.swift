import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Swaps two directories in one step with Linux's `renameat2(RENAME_EXCHANGE)`, which Swift's Glibc
/// module does not expose; it is looked up with `dlsym`.
enum AtomicSwap {
    private typealias RenameAt2 =
        @convention(c) (
            Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
        ) -> Int32

    private static let atCurrentDirectory: Int32 = -100
    private static let renameExchange: UInt32 = 2

    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// Exchanges `first` and `second` atomically. Returns false when the kernel, the C library or
    /// the file system cannot (no symbol, ENOSYS, EINVAL), so the caller can fall back.
    static func exchange(_ first: URL, _ second: URL) -> Bool { exchange(first.path, second.path) }

    static func exchange(_ first: String, _ second: String) -> Bool {
        guard let renameat2 else { return false }
        return first.withCString { from in
            second.withCString { to in
                renameat2(atCurrentDirectory, from, atCurrentDirectory, to, renameExchange) == 0
            }
        }
    }
}
