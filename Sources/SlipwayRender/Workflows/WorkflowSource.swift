import SlipwayModel

/// Which Slipway a generated workflow builds: the repository's pin (`slipway.json`'s `source`), or,
/// without one, the GitHub variables `SLIPWAY_SOURCE_URL` and `SLIPWAY_SOURCE_REF`.
public enum WorkflowSource {
    /// `URL@REF`: a Git URL and an exact tag or a commit.
    public struct Pin: Equatable, Sendable {
        public var url: String
        public var reference: String

        public init(url: String, reference: String) {
            self.url = url
            self.reference = reference
        }

        /// Splits at the last `@` (an SSH URL has one of its own); nil when a side is empty.
        public init?(parsing text: String) {
            guard let at = text.lastIndex(of: "@") else { return nil }
            let url = String(text[..<at])
            let reference = String(text[text.index(after: at)...])
            guard !url.isEmpty, !reference.isEmpty, !reference.contains(where: \.isWhitespace) else { return nil }
            self.init(url: url, reference: reference)
        }

        public var text: String { "\(url)@\(reference)" }
    }

    /// The two variables the build step reads, as a job's or workflow's `env`.
    public static func variables(_ pin: Pin?) -> [Value.Field] {
        [
            .init("SLIPWAY_SOURCE_URL", .string(pin?.url ?? "${{ vars.SLIPWAY_SOURCE_URL }}")),
            .init("SLIPWAY_SOURCE_REF", .string(pin?.reference ?? "${{ vars.SLIPWAY_SOURCE_REF }}")),
        ]
    }

    /// Without a committed pin, a step that stops the job with a clear message when the variables
    /// are unset (an empty URL would otherwise fail deep inside `git fetch`).
    static func requireVariables(_ pin: Pin?) -> [Value] {
        guard pin == nil else { return [] }
        return [
            .object([
                "name": "Slipway's source is set",
                "run": """
                if [ -z "$SLIPWAY_SOURCE_URL" ] || [ -z "$SLIPWAY_SOURCE_REF" ]; then
                  echo "::error::Set the repository variables SLIPWAY_SOURCE_URL and SLIPWAY_SOURCE_REF (a tag or a commit), or write \\"source\\": \\"URL@REF\\" in slipway.json and run slipway generate"
                  exit 1
                fi

                """,
            ])
        ]
    }
}
