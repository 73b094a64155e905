extension ProgramResult {
    /// Everything but the environments.
    private struct Head: Decodable {
        var format: Int
        var failures: [ProgramFailure]
        var inputs: [String: String]
        var buildSeconds: Double
    }

    /// Reads a result the program handed over in ``CompactFormat``, its environments decoded in
    /// parallel.
    public init(compact bytes: [UInt8]) throws {
        let (head, environments) = try CompactDecoder().decode(
            Head.self, elements: EnvironmentModel.self, underKey: "environments", from: bytes)
        self.init(environments: environments, failures: head.failures)
        format = head.format
        inputs = head.inputs
        buildSeconds = head.buildSeconds
    }
}
