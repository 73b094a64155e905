extension Double {
    /// The value rounded half away from zero to `places` decimals, like `String(format: "%.Nf")`
    /// except on exact halves (the CLI links FoundationEssentials only, which has no `String(format:)`).
    func decimalText(places: Int) -> String {
        guard isFinite else { return description }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(self) * scale).rounded()
        guard scaled < 9e18 else { return description }
        let digits = String(UInt64(scaled))
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let sign = self < 0 && scaled > 0 ? "-" : ""
        guard places > 0 else { return sign + padded }
        return sign + padded.dropLast(places) + "." + padded.suffix(places)
    }
}

extension String {
    /// The text padded with spaces on the right to at least `width` characters (table columns).
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
