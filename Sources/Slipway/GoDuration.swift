package import SlipwayModel

/// Parses Go durations as Flux writes them: `45s`, `10m`, `1h30m`, `2h`.
enum GoDuration {
    /// Whole seconds, or nil when `text` is not a positive duration of hours, minutes and seconds.
    static func seconds(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        var total = 0
        var number = ""
        var sawUnit = false
        for character in text {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number) else { return nil }
            switch character {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit, total > 0 else { return nil }
        return total
    }
}
