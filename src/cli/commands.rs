//! `train`, `sweep`, `render`, `animate`, `export-torch`, `bench` and `presets`.

use super::bench::bench;
use super::shared::{print_json, write_stdout};
use super::{CliError, Commands};
use crate::preset::{self, Preset};
use crate::trainer::{Divergence, Metrics, Trainer};
use serde::Serialize;
use std::time::Instant;

/// What `train --json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct TrainReport {
    /// Steps taken (fewer than asked if the run diverged).
    pub steps: u64,
    /// Wall-clock training time.
    pub seconds: f64,
    /// `steps / seconds`.
    pub steps_per_sec: f64,
    /// The full resolved preset.
    pub config: Preset,
    /// Every metric at the end.
    pub metrics: Metrics,
    /// Final centers, `C × k`.
    pub centers: Vec<Vec<f32>>,
    /// Why the run stopped early, if it did.
    pub diverged: Option<Divergence>,
}

/// Trains `preset` for `steps` steps and reports.
pub fn train_run(preset: Preset, steps: u64) -> Result<(TrainReport, Trainer), CliError> {
    train_run_recorded(preset, steps, None)
}

/// [`train_run`], recording the history every `record_every` steps when given (the time
/// reported includes those evaluations).
pub fn train_run_recorded(preset: Preset, steps: u64, record_every: Option<u64>) -> Result<(TrainReport, Trainer), CliError> {
    let mut trainer = Trainer::new(preset).map_err(|e| CliError(e.to_string()))?;
    let start = Instant::now();
    let diverged = trainer.train_for(steps, record_every);
    let seconds = start.elapsed().as_secs_f64();
    let metrics = trainer.evaluate();
    let report = TrainReport {
        steps: trainer.step_count(),
        seconds,
        steps_per_sec: trainer.step_count() as f64 / seconds.max(1e-9),
        config: trainer.preset().clone(),
        metrics,
        centers: trainer.centers().rows().into_iter().map(|r| r.to_vec()).collect(),
        diverged,
    };
    Ok((report, trainer))
}

/// Runs a subcommand; `top` holds the preset and overrides given before the subcommand.
pub fn run_command(command: &Commands, top: &super::RunArgs) -> Result<(), CliError> {
    match command {
        Commands::Train { run, steps, json, export_features, history } => {
            let preset = top.merged_with(run).resolve()?;
            let every = history.record_every(*steps)?;
            let (report, trainer) = train_run_recorded(preset, *steps, every)?;
            if let Some(path) = export_features {
                crate::export::features_csv::write(&trainer, path).map_err(CliError)?;
            }
            if let Some(path) = &history.history {
                crate::export::history_csv::write(trainer.history().points(), path).map_err(CliError)?;
            }
            if *json { print_json(&report) } else { write_stdout(&train_table(&report)) }
        }
        Commands::Sweep { run, lambdas, steps, seeds, json, out, csv, select_by, projection } => {
            let preset = top.merged_with(run).resolve()?;
            let projection = checked_projection(projection, &preset)?;
            let outputs = super::sweep_command::SweepOutputs {
                projection: &projection,
                json: *json,
                figure: out.as_deref(),
                csv: csv.as_deref(),
                select_by: select_by.as_deref(),
            };
            super::sweep_command::sweep_command(&preset, lambdas, *steps, *seeds, &outputs)
        }
        Commands::Render { run, steps, out, width, height, projection } => {
            let preset = top.merged_with(run).resolve()?;
            let projection = checked_projection(projection, &preset)?;
            let format = crate::export::FigureFormat::from_path(out)?;
            let size = crate::export::PictureSize::new(*width, *height)?;
            at_least_one("--steps", *steps)?;
            crate::export::output::check_writable(out)?;
            let (_, trainer) = train_run(preset, *steps)?;
            let bytes = crate::export::FeatureFigure::of_trainer_projected(&trainer, &projection)?.render(format, size)?;
            crate::export::output::write_file(out, &bytes)?;
            write_stdout(&format!("wrote {} ({}×{})\n", out.display(), size.width, size.height))
        }
        Commands::Animate { run, steps, every, out, width, height, projection } => {
            let preset = top.merged_with(run).resolve()?;
            let projection = checked_projection(projection, &preset)?;
            let size = crate::export::PictureSize::new(*width, *height)?;
            let mut trainer = Trainer::new(preset).map_err(|e| CliError(e.to_string()))?;
            crate::export::animation::write_animation(&mut trainer, *steps, *every, size, &projection, out)?;
            write_stdout(&format!(
                "wrote {} ({}×{}, steps 0 to {})\n",
                out.display(),
                size.width,
                size.height,
                trainer.step_count()
            ))
        }
        Commands::Bench { run, steps, thread } => {
            let preset = top.merged_with(run).resolve()?;
            at_least_one("--steps", *steps)?;
            print_json(&if *thread { super::bench_thread::bench_thread(preset, *steps)? } else { bench(preset, *steps)? })
        }
        Commands::ExportTorch { run, out, steps, print_every } => {
            let preset = top.merged_with(run).resolve()?;
            at_least_one("--steps", *steps)?;
            let mut options = crate::export::TorchOptions::for_steps(*steps);
            if let Some(every) = *print_every {
                at_least_one("--print-every", every)?;
                options.print_every = every;
            }
            crate::export::write_torch_script(&preset, &options, out)?;
            write_stdout(&format!("wrote {}\n", out.display()))
        }
        Commands::Presets => write_stdout(&presets_table()),
    }
}

/// `presets`: one line per built-in preset (name, data set, λ, α, title).
fn presets_table() -> String {
    let mut text = String::new();
    for (name, parsed) in preset::BUILT_IN.iter().map(|(n, _)| *n).zip(preset::all_built_in()) {
        match parsed {
            Ok(p) => text.push_str(&format!(
                "{name:<18} {:<10} λ={:<8} α={:<5} {}\n",
                p.data.dataset.name(),
                crate::format::number(p.training.lambda),
                crate::format::number(p.training.alpha),
                p.title
            )),
            Err(e) => text.push_str(&format!("{name:<18} (broken: {e})\n")),
        }
    }
    text
}

/// Refuses a zero count for `flag`.
/// `--projection` (PCA when not given), checked against the run's feature dimension before any
/// training: a dimension that does not exist is refused with the allowed range.
fn checked_projection(projection: &Option<crate::embedding::Mode>, preset: &Preset) -> Result<crate::embedding::Mode, CliError> {
    let mode = projection.clone().unwrap_or_default();
    mode.check(preset.network.feature_dim).map_err(|e| CliError(format!("--projection: {e}")))?;
    Ok(mode)
}

fn at_least_one(flag: &str, value: u64) -> Result<(), CliError> {
    if value == 0 { Err(CliError(t!("{flag} must be at least 1", flag = flag))) } else { Ok(()) }
}

fn train_table(report: &TrainReport) -> String {
    let m = &report.metrics;
    let mut text = format!(
        "{} on {}: {} steps in {:.2} s ({:.0} steps/s)\n",
        report.config.name,
        report.config.data.dataset.name(),
        report.steps,
        report.seconds,
        report.steps_per_sec
    );
    if let Some(d) = &report.diverged {
        text.push_str(&format!("diverged at step {}: {}\n", d.step, d.reason));
    }
    let rows = m.named();
    for (name, value) in rows {
        text.push_str(&format!("  {name:<24} {}\n", crate::format::metric(value)));
    }
    text
}
