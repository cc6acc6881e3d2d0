//! The command line: the same engine as the app, without a window.

pub mod args;
mod bench;
mod bench_thread;
mod commands;
mod history_args;
mod parse;
mod shared;
mod sweep_command;

pub use args::{Cli, Commands, GuiArgs, Overrides, RunArgs};
pub use bench::bench;
pub use commands::{TrainReport, run_command, train_run, train_run_recorded};
pub use shared::sweep_rows;

/// A command-line failure: one line for stderr.
#[derive(Debug, Clone, PartialEq)]
pub struct CliError(pub String);

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for CliError {
    fn from(message: String) -> Self {
        CliError(message)
    }
}

/// Parses the command line; on a parse error returns the message as one line (help and version
/// requests come back as `Ok(Err(text))` to print on stdout).
pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Result<Cli, String>, CliError> {
    use clap::Parser;
    match Cli::try_parse_from(args) {
        Ok(cli) => Ok(Ok(cli)),
        Err(e) => match e.kind() {
            clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => Ok(Err(e.to_string())),
            _ => Err(CliError(one_line(&e.to_string()))),
        },
    }
}

/// Squeezes clap's multi-line message into one line, keeping its tip.
fn one_line(message: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for line in message.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            continue;
        }
        parts.push(line.trim_start_matches("error: ").to_string());
    }
    parts.join("; ")
}

impl Cli {
    /// The language asked for with `--lang`, before or after the subcommand.
    pub fn lang(&self) -> Option<crate::i18n::Lang> {
        let sub = match &self.command {
            Some(
                Commands::Train { run, .. }
                | Commands::Sweep { run, .. }
                | Commands::Render { run, .. }
                | Commands::Animate { run, .. }
                | Commands::Bench { run, .. }
                | Commands::ExportTorch { run, .. },
            ) => run.lang,
            Some(Commands::Presets) | None => None,
        };
        sub.or(self.run.lang)
    }
}
