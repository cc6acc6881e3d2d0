//! "Take it home": the current setup as a short, self-contained PyTorch script.
//!
//! [`torch_script`] writes Python that a student can read top to bottom: the data, the seeded
//! stratified train/validation/test split and standardisation, the network, softmax + λ·center
//! loss as batch means with the *total* loss backpropagated (unless `center_grad` is off, the
//! recipe's mistake: then the center term sees detached features), the chosen center update rule
//! written out by hand under `torch.no_grad()` (centers are a plain tensor, except under the
//! `optimizer` rule, where they are an `nn.Parameter` in the network's optimizer), the optimizer,
//! and every metric of center-loss.md printed every few steps. It needs only torch, numpy and, for
//! the digits, scikit-learn.
//!
//! The script follows the app's recipe, not its random streams: numpy and torch draw their own
//! samples, split and weights, so its numbers agree with the app's in distribution only.
//!
//! One file per part of the script: [`header`] (comment and settings), [`data`] (data, split,
//! batches), [`network`] (network and optimizer), [`centers`] (init and update rules),
//! [`training`] (losses, metrics, the loop).

mod centers;
mod data;
mod header;
mod network;
mod training;

use crate::preset::Preset;
use std::path::Path;

/// How long the exported script trains and how often it reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TorchOptions {
    /// Training steps (`STEPS` in the script).
    pub steps: u64,
    /// Steps between printed metrics (`PRINT_EVERY`); the last step always prints.
    pub print_every: u64,
}

impl Default for TorchOptions {
    fn default() -> Self {
        Self { steps: 2000, print_every: 200 }
    }
}

impl TorchOptions {
    /// `steps` steps, reporting ten times along the way.
    pub fn for_steps(steps: u64) -> Self {
        Self { steps, print_every: (steps / 10).max(1) }
    }
}

/// The PyTorch script for `preset`, training [`TorchOptions::default`] steps.
pub fn torch_script(preset: &Preset) -> String {
    torch_script_with(preset, &TorchOptions::default())
}

/// The PyTorch script for `preset`, training and reporting as `options` say.
pub fn torch_script_with(preset: &Preset, options: &TorchOptions) -> String {
    [
        header::header(preset),
        header::settings(preset, options),
        data::data_section(preset),
        network::network_section(preset),
        centers::centers_section(preset),
        training::training_section(preset),
    ]
    .join("\n\n\n")
}

/// Writes the script for `preset` to `path` atomically (a temporary file, then a rename), with a
/// one-line error naming the file.
pub fn write_torch_script(preset: &Preset, options: &TorchOptions, path: &Path) -> Result<(), String> {
    if options.steps == 0 || options.print_every == 0 {
        return Err("--steps and --print-every must be at least 1".into());
    }
    super::output::write_file(path, torch_script_with(preset, options).as_bytes())
}

/// A Python float literal: `0.1`, `1000.0`, `5e-5`.
fn py_float(value: f64) -> String {
    if value.is_finite() { format!("{value:?}") } else { "float('nan')".into() }
}

/// A Python string literal (JSON's escapes are all valid Python).
fn py_str(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// `True` or `False`.
fn py_bool(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

/// Text as Python comment lines of at most `width` characters, each starting with `# `.
fn comment_lines(text: &str, width: usize) -> String {
    let mut lines = Vec::new();
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.chars().count() + 1 + word.chars().count() > width && line.len() > 1 {
            lines.push(std::mem::replace(&mut line, String::from("#")));
        }
        line.push(' ');
        line.push_str(word);
    }
    if line.len() > 1 {
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_literals() {
        assert_eq!(py_float(0.1), "0.1");
        assert_eq!(py_float(1000.0), "1000.0");
        assert_eq!(py_float(0.0), "0.0");
        assert_eq!(py_float(5e-5), "5e-5");
        assert_eq!(py_str("a \"b\"\\c"), r#""a \"b\"\\c""#);
        assert_eq!(py_bool(true), "True");
    }

    #[test]
    fn comments_wrap_and_never_break_out_of_the_comment() {
        let text = "one two three\nfour \"\"\" five";
        let wrapped = comment_lines(text, 12);
        assert!(wrapped.lines().all(|l| l.starts_with("# ")), "{wrapped}");
        assert!(wrapped.lines().all(|l| l.chars().count() <= 14), "{wrapped}");
        assert_eq!(wrapped.replace("\n#", "").trim_start_matches("# "), "one two three four \"\"\" five");
    }

    #[test]
    fn every_section_ends_up_in_the_script() {
        let script = torch_script(&Preset::default());
        for part in ["import torch", "def load_data(", "class Net(", "def update_centers(", "def evaluate(", "loss.backward()"] {
            assert!(script.contains(part), "missing {part}");
        }
    }
}
