/// Appends `number` in decimal to a UTF-8 buffer without making a string first.
func appendDecimal(_ number: Int, to out: inout [UInt8]) {
    if number < 0 { out.append(UInt8(ascii: "-")) }
    var remaining = number.magnitude
    let start = out.count
    repeat {
        out.append(UInt8(ascii: "0") + UInt8(remaining % 10))
        remaining /= 10
    } while remaining > 0
    out[start...].reverse()
}
