import Checker

/// Errors the CLI reports before or instead of a run are those of a run: every one exits
/// with code 2 (see `AdlawMain`).
public typealias CLIError = CheckError
