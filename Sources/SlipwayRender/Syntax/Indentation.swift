/// Two spaces per level: the indentation of the printed Bicep and JSON files.
enum Indentation {
    /// Appends `level` levels: one copy from a row of spaces, not one append per space, because
    /// it runs for every line of the output. The row is a static string: a global array cost a
    /// retain and a release per line.
    static func append(_ level: Int, to out: inout TextBuffer) {
        let row: StaticString = "                                                                "
        var remaining = level * 2
        while remaining > 0 {
            let count = min(remaining, row.utf8CodeUnitCount)
            out.append(contentsOf: UnsafeBufferPointer(start: row.utf8Start, count: count))
            remaining -= count
        }
    }
}
