/// Compares one resource's properties in `slipway-model.json` with the live resource, the way
/// `slipway diff` compares two models: the same paths, the same canonical text. Values the model
/// only knows as expressions (`=…`, resolved at deploy time) are not compared.
struct DriftComparison {
    struct Finding: Equatable {
        enum Kind: String { case changed, removed, added }
        var kind: Kind
        var path: String
        var model: String?
        var live: String?
    }

    /// The resource's type, for the ignore list.
    var type: String
    /// The model's flattened properties.
    var model: [String: Any]
    /// Array items other resources of the model declare (an `agentPools` resource's pool shows up
    /// in its cluster's `agentPoolProfiles`), by array path.
    var declaredElsewhere: [String: Set<String>] = [:]

    func findings(live: [String: Any]) -> [Finding] {
        var findings: [Finding] = []
        for key in model.keys.sorted() {
            let expected = model[key]!
            if let text = expected as? String, text.hasPrefix("=") || text.hasPrefix("<Key Vault secret") { continue }
            let rule = DriftIgnoreList.rule(for: key, of: type)
            if rule == .ignored { continue }
            guard let actual = live[key] else {
                if isEmptyContainer(expected) { continue }  // Azure omits empty lists and objects
                findings.append(Finding(kind: .removed, path: key, model: ModelDiff.text(expected), live: nil))
                continue
            }
            let want = canonical(expected)
            let have = canonical(actual)
            if want == have || (rule == .prefix && have.hasPrefix(want + ".")) { continue }
            findings.append(
                Finding(kind: .changed, path: key, model: ModelDiff.text(expected), live: ModelDiff.text(actual)))
        }
        // Items added to an array the model declares (a security rule, a subnet, a pool): one
        // finding per item, not per property.
        let arrays = declaredArrays()
        var added: Set<String> = []
        for key in live.keys.sorted() where model[key] == nil {
            guard let (array, item) = arrayItem(of: key, among: arrays), !arrays[array]!.contains(item),
                !declaredElsewhere[array, default: []].contains(item)
            else { continue }
            let path = "\(array)[\(item)]"
            if added.insert(path).inserted {
                findings.append(Finding(kind: .added, path: path, model: nil, live: "(added in Azure)"))
            }
        }
        return findings
    }

    /// The arrays the model declares items of, with the items' names or indices.
    func declaredArrays() -> [String: Set<String>] {
        var arrays: [String: Set<String>] = [:]
        // An array the model declares empty (no security rules) still owns its items.
        for (key, value) in model where (value as? [Any])?.isEmpty == true { arrays[key] = [] }
        for key in model.keys {
            for (array, item) in Self.items(of: key) { arrays[array, default: []].insert(item) }
        }
        return arrays
    }

    /// The longest declared array that `key` is an item of, with the item's name.
    func arrayItem(of key: String, among arrays: [String: Set<String>]) -> (String, String)? {
        Self.items(of: key).last { arrays[$0.array] != nil }
    }

    /// Each `[item]` of `key` with the array path before it: `a[x].b[y]` → (a, x), (a[x].b, y).
    static func items(of key: String) -> [(array: String, item: String)] {
        var items: [(array: String, item: String)] = []
        var index = key.startIndex
        while let open = key[index...].firstIndex(of: "["), let close = key[open...].firstIndex(of: "]") {
            items.append((String(key[..<open]), String(key[key.index(after: open)..<close])))
            index = key.index(after: close)
        }
        return items
    }

    func isEmptyContainer(_ value: Any) -> Bool {
        ((value as? [Any])?.isEmpty ?? false) || ((value as? [String: Any])?.isEmpty ?? false)
    }

    /// Strings compare without case (Azure normalises enum and ID casing); numbers by value.
    func canonical(_ value: Any) -> String {
        if let string = value as? String { return string.lowercased() }
        if let bool = value as? Bool { return bool ? "true" : "false" }
        if let number = value as? JSONReader.Number {
            guard let double = Double(number.literal) else { return number.literal }
            return canonical(double)
        }
        if let int = value as? Int { return String(int) }
        if let double = value as? Double {
            return double == double.rounded() && abs(double) < 1e15 ? String(Int(double)) : String(double)
        }
        return (ModelDiff.text(value) ?? "").lowercased()
    }
}
