/// Appends `number` in decimal to a text buffer without making a string first.
func appendDecimal(_ number: Int, to out: inout TextBuffer) {
    if number < 0 { out.append(UInt8(ascii: "-")) }
    var remaining = number.magnitude
    let start = out.count
    repeat {
        out.append(UInt8(ascii: "0") + UInt8(remaining % 10))
        remaining /= 10
    } while remaining > 0
    out.reverse(from: start)
}
