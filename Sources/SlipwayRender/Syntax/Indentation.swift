/// Two spaces per level: the indentation of the printed Bicep and JSON files.
enum Indentation {
    /// Appends `level` levels: one copy from a row of spaces, not one append per space, because
    /// it runs for every line of the output.
    static func append(_ level: Int, to out: inout [UInt8]) {
        var remaining = level * 2
        while remaining > 0 {
            let count = min(remaining, spaces.count)
            out.append(contentsOf: spaces[..<count])
            remaining -= count
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)
}
