import Foundation
import SlipwayCLI

exit(SlipwayCommandLine.run(Array(CommandLine.arguments.dropFirst())))
