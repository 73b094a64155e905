import SlipwayCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

exit(SlipwayCommandLine.run(Array(CommandLine.arguments.dropFirst())))
