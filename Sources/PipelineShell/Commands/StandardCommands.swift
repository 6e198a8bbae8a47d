import PipelineCore

/// The commands every shell has, in the order `help` lists them within a group.
@MainActor
enum StandardCommands {
  static func all(app: ShellApp) -> [any ShellCommand] {
    let runScript: @MainActor @Sendable (String, CommandContext) throws(CommandError) -> Void = { [unowned app] path, _ throws(CommandError) in
      let status = try app.runScriptFile(path)
      if status != 0 { throw .failed("script '\(PipelineLoading(context: app.context).displayPath(path))' stopped with status \(status)") }
    }
    let history: @MainActor @Sendable (CommandContext) -> [String] = { [unowned app] context in
      app.lineReader?.history ?? context.session.enteredCommands
    }
    return [
      LoadCommand(), ReloadCommand(), ValidateCommand(), DemoCommand(),
      SetCommand(), UnsetCommand(), SecretCommand(), ProfileCommand(), ParamsCommand(), GetCommand(), ExplainCommand(),
      PlanCommand(), RunCommand(controller: app.runs),
      DebugCommand(controller: app.runs), StepCommand(controller: app.runs), ContinueCommand(controller: app.runs),
      SkipCommand(controller: app.runs), AbortCommand(controller: app.runs), BreakCommand(controller: app.runs),
      DeleteCommand(controller: app.runs), StatusCommand(controller: app.runs),
      RerunCommand(controller: app.runs), SweepCommand(controller: app.runs),
      RunsCommand(controller: app.runs), DiffCommand(controller: app.runs), CompareCommand(controller: app.runs),
      PlotCommand(controller: app.runs), ShowCommand(controller: app.runs), LogsCommand(controller: app.runs),
      SourceCommand(runScript: runScript), SaveCommand(), ShellEscapeCommand(), HistoryCommand(entries: history), HelpCommand(), QuitCommand(),
      ExportCommand(),
    ]
  }
}
