import FoundationEssentials

/// The CLI's environment variables, read once: `ProcessInfo.environment` builds a new dictionary
/// from `environ` on every call, and a warm run asks a dozen times (caches, templates, `PATH`).
/// The CLI never changes its own environment; children get an explicit copy.
enum ProcessEnvironment {
    static let current: [String: String] = ProcessInfo.processInfo.environment
}
