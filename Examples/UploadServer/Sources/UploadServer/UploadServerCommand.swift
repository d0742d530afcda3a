import ArgumentParser

/// `UploadServer [serve] …` serves the gallery (the default); `UploadServer sweep …` cleans its
/// storage's staging area once and exits.
@main
struct UploadServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "UploadServer",
        abstract: "A photo gallery server, and the maintenance it needs.",
        subcommands: [ServeCommand.self, SweepCommand.self],
        defaultSubcommand: ServeCommand.self)
}
