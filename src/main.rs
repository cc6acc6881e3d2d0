//! `center-loss-lab`: opens the app, or runs a subcommand without a window.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match center_loss_lab::cli::parse(std::env::args_os()) {
        Ok(Ok(cli)) => cli,
        Ok(Err(help)) => {
            print!("{help}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(lang) = cli.lang() {
        center_loss_lab::i18n::set_default(lang);
    }
    let result = match &cli.command {
        Some(command) => center_loss_lab::cli::run_command(command, &cli.run),
        None => center_loss_lab::app::run(&cli.run, &cli.gui).map_err(center_loss_lab::cli::CliError),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
