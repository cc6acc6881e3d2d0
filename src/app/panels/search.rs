//! The λ search: the tuning advice run in the app. A grid of λ × a few seeds trains in the
//! background (the [`LambdaSearch`] threads, at the lowest priority, so the live run and the
//! window keep theirs); each run's validation accuracy lands on a chart as it finishes; λ is
//! chosen by the mean validation accuracy, and the test accuracy of that choice is reported
//! beside it — chosen on validation, reported on test. "Use this λ" applies it to the live run.

use crate::app::action::Action;
use crate::app::views::search_chart::{self, LambdaSummary};
use crate::limits;
use crate::preset::Preset;
use crate::search::{ADVICE_GRID, LambdaSearch, search_workers};
use crate::setting::Setting;
use crate::trainer::sweep::Selection;
use eframe::egui::{self, RichText, Ui};
use std::time::Instant;

/// Most λ values in one search.
pub const MAX_GRID: usize = 12;
/// Most seeds per λ.
pub const MAX_SEEDS: u64 = 10;

/// The search panel's state: the grid the user typed, seeds and steps, and the search under way
/// or finished.
pub struct SearchPanel {
    /// The λ values, as typed (comma-separated).
    pub grid_text: String,
    /// Runs per λ, each on its own seed.
    pub seeds: u64,
    /// Steps per run.
    pub steps: u64,
    search: Option<LambdaSearch>,
    started: Option<Instant>,
    seconds: Option<f64>,
    /// Why the last start was refused.
    pub problem: Option<String>,
    /// Threads a search uses (read once: on Linux, finding the core count reads files).
    workers: usize,
}

impl Default for SearchPanel {
    fn default() -> Self {
        let grid = ADVICE_GRID.iter().map(|v| crate::format::number(*v)).collect::<Vec<_>>().join(", ");
        Self {
            grid_text: grid,
            seeds: 3,
            steps: 2000,
            search: None,
            started: None,
            seconds: None,
            problem: None,
            workers: search_workers(),
        }
    }
}

/// The λ values of `text` (comma- or space-separated), each allowed as λ, 2 to [`MAX_GRID`] of
/// them, sorted and without repeats; or what is wrong, in words.
pub fn parse_grid(text: &str) -> Result<Vec<f64>, String> {
    let mut values = Vec::new();
    for word in text.split([',', ' ', ';']).map(str::trim).filter(|w| !w.is_empty()) {
        let value: f64 =
            word.parse().map_err(|_| t!("`{word}` is not a number; type λ values like 0.01, 0.1, 1", word = word))?;
        limits::LAMBDA
            .check(value)
            .map_err(|_| t!("λ = {word} is outside {allowed}", word = word, allowed = limits::LAMBDA.allowed_text()))?;
        values.push(value);
    }
    values.sort_by(f64::total_cmp);
    values.dedup();
    match values.len() {
        0 | 1 => Err(t!("give at least two λ values to compare").into()),
        n if n > MAX_GRID => Err(t!("{n} λ values; at most {max}", n = n, max = MAX_GRID)),
        _ => Ok(values),
    }
}

impl SearchPanel {
    /// Whether a search is running.
    pub fn running(&self) -> bool {
        self.search.as_ref().is_some_and(|s| !s.is_finished())
    }

    /// `(runs done, runs in all)` of the current search.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.search.as_ref().map(LambdaSearch::progress)
    }

    /// The λ chosen by validation, once the search has finished.
    pub fn selected(&self) -> Option<Selection> {
        self.search.as_ref().filter(|s| s.is_finished() && !s.is_cancelled()).and_then(LambdaSearch::selected)
    }

    /// Starts a search of the grid on `base` (the live run's settings).
    pub fn start(&mut self, base: &Preset) {
        match parse_grid(&self.grid_text) {
            Ok(grid) => {
                self.problem = None;
                self.search = Some(LambdaSearch::start(base.clone(), grid, self.seeds, self.steps));
                self.started = Some(Instant::now());
                self.seconds = None;
            }
            Err(e) => self.problem = Some(e),
        }
    }

    /// Stops the search (its finished runs stay on the chart).
    pub fn cancel(&mut self) {
        if let Some(search) = &self.search {
            search.cancel();
        }
    }

    /// The panel; `base` is the live run's settings, which the search starts from.
    pub fn ui(&mut self, ui: &mut Ui, base: &Preset) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.label(RichText::new(t!("λ search")).heading());
        ui.label(t!("Train the grid of λ below a few times each, pick λ by validation accuracy, report the test accuracy of that pick once. Choosing on the test split would be the mistake."));
        self.settings_ui(ui);
        ui.horizontal(|ui| {
            if self.running() {
                if ui.button(t!("Cancel search")).clicked() {
                    self.cancel();
                }
            } else if ui.button(t!("Start search")).on_hover_text(t!("Train every λ × seed in the background")).clicked() {
                self.start(base);
            }
        });
        if let Some(problem) = &self.problem {
            ui.colored_label(crate::app::theme::error(), problem);
        }
        ui.weak(t!(
            "Runs on {threads} background thread(s) at the lowest priority: the live run keeps its speed and the search takes what is left. Pause the live run to give the search every core.",
            threads = self.workers
        ));
        actions.extend(self.results_ui(ui));
        actions
    }

    fn settings_ui(&mut self, ui: &mut Ui) {
        let running = self.running();
        ui.add_enabled_ui(!running, |ui| {
            ui.horizontal(|ui| {
                ui.label(t!("λ grid"));
                ui.add(egui::TextEdit::singleline(&mut self.grid_text).desired_width(170.0))
                    .on_hover_text(t!("λ values separated by commas; the advice's grid is 0.01, 0.05, 0.1, 0.5, 1"));
            });
            ui.add(egui::Slider::new(&mut self.seeds, 1..=MAX_SEEDS).text(t!("seeds per λ")));
            ui.add(egui::Slider::new(&mut self.steps, 200..=20_000).logarithmic(true).text(t!("steps per run")));
        });
    }

    fn results_ui(&mut self, ui: &mut Ui) -> Vec<Action> {
        if self.seconds.is_none() && self.search.as_ref().is_some_and(LambdaSearch::is_finished) {
            self.seconds = self.started.map(|t| t.elapsed().as_secs_f64());
        }
        let Some(search) = &self.search else { return Vec::new() };
        let (done, total) = search.progress();
        let finished = search.is_finished();
        if !finished {
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(200));
        }
        let elapsed = self.seconds.or_else(|| self.started.map(|t| t.elapsed().as_secs_f64())).unwrap_or(0.0);
        let state = if search.is_cancelled() && finished {
            t!("cancelled")
        } else if finished {
            t!("done")
        } else {
            t!("running")
        };
        let fraction = if total == 0 { 0.0 } else { done as f32 / total as f32 };
        ui.add(egui::ProgressBar::new(fraction).text(t!(
            "{done} of {total} runs · {elapsed:.0} s · {state}",
            done = done,
            total = total,
            elapsed = elapsed,
            state = state
        )));
        if let Some(error) = search.error() {
            ui.colored_label(crate::app::theme::error(), error);
        }
        let rows = search.results();
        let summary = LambdaSummary::of(&rows);
        let selected = self.selected();
        search_chart::search_chart_ui(ui, &rows, &summary, selected.as_ref().map(|s| s.lambda));
        ui.weak(t!("dots: one run (seed) · line: mean over seeds · bar: spread · ring: chosen"));
        let mut actions = Vec::new();
        if let Some(choice) = selected {
            ui.label(
                RichText::new(t!("Chosen on validation: λ = {lambda}", lambda = crate::format::number(choice.lambda))).strong(),
            );
            ui.label(t!(
                "mean validation accuracy {accuracy} over {runs} seed(s) ({tie_rule}, {held_out:.0} % of the data held out for it)",
                accuracy = crate::format::percent(choice.validation_accuracy),
                runs = choice.runs,
                tie_rule = tie_rule(),
                held_out = search.validation_fraction() * 100.0
            ));
            ui.label(
                RichText::new(t!("its test accuracy: {accuracy}", accuracy = crate::format::percent(choice.test_accuracy)))
                    .strong(),
            )
            .on_hover_text(t!("Reported once for the λ chosen on validation; never used to choose."));
            if ui.button(t!("Use this λ ({lambda})", lambda = crate::format::number(choice.lambda))).clicked() {
                actions.push(Action::Set(Setting::Lambda(choice.lambda)));
            }
        }
        actions
    }
}

/// The sweep's tie rule ([`crate::trainer::sweep::TIE_RULE`]) in the window's language.
fn tie_rule() -> &'static str {
    t!("ties go to the smaller λ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shown_tie_rule_is_the_sweeps() {
        let shown = crate::i18n::with(crate::i18n::Lang::En, super::tie_rule);
        assert_eq!(shown, crate::trainer::sweep::TIE_RULE);
    }
}
