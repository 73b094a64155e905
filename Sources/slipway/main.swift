import SlipwayCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Ctrl-C and SIGTERM end the DSL program and remove temporary files (see Supervision).
Supervision.shared.install()
exit(SlipwayCommandLine.run(Array(CommandLine.arguments.dropFirst())))
