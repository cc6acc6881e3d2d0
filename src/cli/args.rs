//! The command-line grammar (design.md, "Command-line contract").

pub use super::history_args::HistoryArgs;
pub use super::parse::{ChoiceNames, Widths};
use super::parse::{parse_choice, parse_hidden, parse_named, parse_on_off};
use crate::data::{DatasetKind, InputScale, LabelColumn};
use crate::embedding::Mode;
use crate::limits::{self, Limit};
use crate::model::{Activation, CenterInit, OptimizerKind, UpdateRule};
use crate::preset::{self, Preset};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Watch center loss pull features toward moving class centers.
#[derive(Debug, Parser)]
#[command(name = "center-loss-lab", version, about, long_about = None)]
pub struct Cli {
    /// What to do; without a subcommand the app opens.
    #[command(subcommand)]
    pub command: Option<Commands>,
    /// The run to open the app with.
    #[command(flatten)]
    pub run: RunArgs,
    /// App-only options.
    #[command(flatten)]
    pub gui: GuiArgs,
}

/// Options that only the app uses.
#[derive(Debug, Args, Default, Clone)]
pub struct GuiArgs {
    /// Train, save a screenshot of the window to this PNG file, and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// With --screenshot: how many steps to train first.
    #[arg(long, value_name = "N", default_value_t = 300)]
    pub after_steps: u64,
    /// Forget saved settings and window layout.
    #[arg(long)]
    pub reset_settings: bool,
    /// Start in presenter mode (large type, controls hidden).
    #[arg(long)]
    pub presenter: bool,
    /// Open in a λ line-up: one panel per value, side by side (2 to 6 values).
    #[arg(long, value_name = "L1,L2,...", value_delimiter = ',', allow_negative_numbers = true)]
    pub lineup: Option<Vec<f64>>,
    /// Benchmark: repaint continuously for this many seconds while training, print frames per
    /// second, and exit.
    #[arg(long, value_name = "SECONDS")]
    pub measure_fps: Option<f64>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Train without a window and print the metrics.
    Train {
        /// Preset and overrides.
        #[command(flatten)]
        run: RunArgs,
        /// Steps to train.
        #[arg(long, value_name = "N")]
        steps: u64,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Write the final features, labels and centers to this CSV file.
        #[arg(long, value_name = "OUT.csv")]
        export_features: Option<PathBuf>,
        /// The run's curves as CSV (`--history`, `--history-every`).
        #[command(flatten)]
        history: HistoryArgs,
    },
    /// Train one model per λ (and per seed) and compare them.
    Sweep {
        /// Preset and overrides.
        #[command(flatten)]
        run: RunArgs,
        /// The λ values, comma-separated.
        #[arg(long, value_name = "L1,L2,...", value_delimiter = ',', required = true, allow_hyphen_values = true)]
        lambdas: Vec<f64>,
        /// Steps per model.
        #[arg(long, value_name = "N")]
        steps: u64,
        /// Seeds per λ (the preset's seed, then the next ones).
        #[arg(long, value_name = "K", default_value_t = 1)]
        seeds: u64,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Also draw one feature panel per λ and the accuracy and compactness chart: .png or .svg.
        #[arg(long, value_name = "grid.png|grid.svg")]
        out: Option<PathBuf>,
        /// Also write the table as CSV.
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
        /// Choose λ by mean validation accuracy over the seeds (ties: the smaller λ) and report
        /// the test accuracy of that choice; `validation` is the only value allowed.
        #[arg(long, value_name = "validation")]
        select_by: Option<String>,
        /// How features of more than 3 dimensions are drawn: pca (the default), or 2 or 3
        /// feature numbers counted from 1, e.g. 3,7.
        #[arg(long, value_name = "pca|DIMS", value_parser = Mode::from_flag)]
        projection: Option<Mode>,
    },
    /// Train, then draw the feature space as a figure (PNG or SVG, by the file's extension).
    Render {
        /// Preset and overrides.
        #[command(flatten)]
        run: RunArgs,
        /// Steps to train before drawing.
        #[arg(long, value_name = "N")]
        steps: u64,
        /// The figure file: .png or .svg.
        #[arg(long, value_name = "fig.png|fig.svg")]
        out: PathBuf,
        /// Width in pixels.
        #[arg(long, value_name = "W", default_value_t = 1200)]
        width: u32,
        /// Height in pixels.
        #[arg(long, value_name = "H", default_value_t = 900)]
        height: u32,
        /// How features of more than 3 dimensions are drawn: pca (the default), or 2 or 3
        /// feature numbers counted from 1, e.g. 3,7.
        #[arg(long, value_name = "pca|DIMS", value_parser = Mode::from_flag)]
        projection: Option<Mode>,
    },
    /// Train and record the run as an animated GIF, one frame every K steps.
    Animate {
        /// Preset and overrides.
        #[command(flatten)]
        run: RunArgs,
        /// Steps to train.
        #[arg(long, value_name = "N")]
        steps: u64,
        /// Steps between frames (at most 600 frames in all).
        #[arg(long, value_name = "K")]
        every: u64,
        /// The animation file: .gif.
        #[arg(long, value_name = "train.gif")]
        out: PathBuf,
        /// Width in pixels.
        #[arg(long, value_name = "W", default_value_t = 800)]
        width: u32,
        /// Height in pixels.
        #[arg(long, value_name = "H", default_value_t = 600)]
        height: u32,
        /// How features of more than 3 dimensions are drawn: pca (the default), or 2 or 3
        /// feature numbers counted from 1, e.g. 3,7.
        #[arg(long, value_name = "pca|DIMS", value_parser = Mode::from_flag)]
        projection: Option<Mode>,
    },
    /// Measure training throughput and print it as JSON.
    Bench {
        /// Preset and overrides.
        #[command(flatten)]
        run: RunArgs,
        /// Steps to time.
        #[arg(long, value_name = "N", default_value_t = 2000)]
        steps: u64,
        /// Time the trainer thread as the window runs it (full speed, snapshots built and taken
        /// as the app takes them) instead of a bare loop of steps.
        #[arg(long)]
        thread: bool,
    },
    /// Write the setup as a short, self-contained PyTorch script (torch, numpy; scikit-learn for
    /// the digits).
    ExportTorch {
        /// Preset and overrides.
        #[command(flatten)]
        run: RunArgs,
        /// The script file, e.g. train.py.
        #[arg(long, value_name = "train.py")]
        out: PathBuf,
        /// Steps the script trains.
        #[arg(long, value_name = "N", default_value_t = 2000)]
        steps: u64,
        /// Steps between the metrics it prints (default: steps / 10).
        #[arg(long, value_name = "K")]
        print_every: Option<u64>,
    },
    /// List the built-in presets.
    Presets,
}

/// A preset and the overrides applied on top of it.
#[derive(Debug, Args, Default, Clone)]
pub struct RunArgs {
    /// A built-in preset's name or a preset file.
    #[arg(long, value_name = "NAME|FILE")]
    pub preset: Option<String>,
    /// Overrides of single settings.
    #[command(flatten)]
    pub overrides: Overrides,
    /// Language of the window, of exported figures' text and of one-line errors: en or zh (help
    /// and JSON stay English). The window otherwise follows its saved choice, then the system's.
    #[arg(long, value_name = "en|zh", value_parser = parse_named::<crate::i18n::Lang>)]
    pub lang: Option<crate::i18n::Lang>,
}

/// Every setting that can be overridden from the command line.
#[derive(Debug, Args, Default, Clone)]
pub struct Overrides {
    /// Data set: blobs, rings, spirals, moons, xor, blobs3d, shells3d, helix3d, digits or csv:PATH.
    #[arg(long, value_name = "NAME", value_parser = parse_named::<DatasetKind>)]
    pub dataset: Option<DatasetKind>,
    /// Which CSV column holds the label: first, last (the default) or a header name.
    #[arg(long, value_name = "first|last|NAME", value_parser = parse_named::<LabelColumn>)]
    pub label_column: Option<LabelColumn>,
    /// How inputs are scaled with the training split's statistics: standardize, unit ([0, 1] per
    /// column) or none.
    #[arg(long, value_name = "standardize|unit|none", value_parser = parse_choice::<InputScale>)]
    pub scale: Option<InputScale>,
    /// Number of classes.
    #[arg(long, value_name = "K")]
    pub classes: Option<usize>,
    /// Points per class (generated data).
    #[arg(long, value_name = "N")]
    pub per_class: Option<usize>,
    /// Noise standard deviation (generated data).
    #[arg(long, value_name = "X", allow_negative_numbers = true)]
    pub noise: Option<f64>,
    /// Seed of every random generator.
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Share of each class held out for validation (0 to 0.5; 0: no validation split, and
    /// validation_accuracy reads NaN).
    #[arg(long, value_name = "F", allow_negative_numbers = true)]
    pub validation_fraction: Option<f64>,
    /// λ, the weight of the center loss.
    #[arg(long, value_name = "L", allow_negative_numbers = true)]
    pub lambda: Option<f64>,
    /// α, the center update rate.
    #[arg(long, value_name = "A", allow_negative_numbers = true)]
    pub alpha: Option<f64>,
    /// Center update rule: paper, ema, sgd or optimizer.
    #[arg(long, value_name = "RULE", value_parser = parse_choice::<UpdateRule>)]
    pub update_rule: Option<UpdateRule>,
    /// Whether the center-loss gradient reaches the network: on (the paper) or off (the recipe's
    /// "backpropagate only the softmax loss").
    #[arg(long, value_name = "on|off", value_parser = parse_on_off)]
    pub center_grad: Option<bool>,
    /// Center init: zeros, random or class-mean.
    #[arg(long, value_name = "INIT", value_parser = parse_choice::<CenterInit>)]
    pub center_init: Option<CenterInit>,
    /// Optimizer: sgd or adam.
    #[arg(long, value_name = "OPT", value_parser = parse_choice::<OptimizerKind>)]
    pub optimizer: Option<OptimizerKind>,
    /// Learning rate.
    #[arg(long, value_name = "LR", allow_negative_numbers = true)]
    pub lr: Option<f64>,
    /// SGD momentum (not the center update rate α).
    #[arg(long, value_name = "M", allow_negative_numbers = true)]
    pub sgd_momentum: Option<f64>,
    /// Weight decay on network weights.
    #[arg(long, value_name = "W", allow_negative_numbers = true)]
    pub weight_decay: Option<f64>,
    /// Samples per step.
    #[arg(long, value_name = "B")]
    pub batch_size: Option<usize>,
    /// Hidden layer widths, comma-separated ("none" for no hidden layer).
    #[arg(long, value_name = "64,64", value_parser = parse_hidden)]
    pub hidden: Option<Widths>,
    /// Hidden activation: relu, leaky-relu, tanh or prelu.
    #[arg(long, value_name = "ACT", value_parser = parse_choice::<Activation>)]
    pub activation: Option<Activation>,
    /// Feature dimension: 2 to 128.
    #[arg(long, value_name = "K")]
    pub feature_dim: Option<usize>,
    /// No bias in the classifier (classes fan out in angular sectors).
    #[arg(long)]
    pub no_bias: bool,
}

impl RunArgs {
    /// The preset named (or the default one) with every override applied, validated.
    pub fn resolve(&self) -> Result<Preset, String> {
        let mut preset = match &self.preset {
            Some(name) => preset::resolve(name).map_err(|e| e.to_string())?,
            None => preset::built_in(preset::DEFAULT_PRESET).map_err(|e| e.to_string())?,
        };
        self.overrides.check()?;
        self.overrides.apply(&mut preset);
        preset.validate().map_err(|e| match &e {
            preset::PresetError::OutOfRange { field, .. } => match flag_of_field(field) {
                Some(flag) => format!("{e} (set by {flag} or the preset)"),
                None => e.to_string(),
            },
            _ => e.to_string(),
        })?;
        Ok(preset)
    }

    /// Layers `other` on top of `self`: its preset and overrides win where given.
    pub fn merged_with(&self, other: &RunArgs) -> RunArgs {
        let mut merged = self.clone();
        if other.preset.is_some() {
            merged.preset = other.preset.clone();
        }
        merged.overrides.merge(&other.overrides);
        merged.lang = other.lang.or(self.lang);
        merged
    }
}

/// The flag that sets a preset field, for error messages: from the limits table, plus the class
/// count (whose range depends on the data set, so it has no entry there).
fn flag_of_field(field: &str) -> Option<&'static str> {
    if field == "data.classes" { Some("--classes") } else { limits::of_field(field).and_then(|l| l.flag) }
}

/// `Ok` when the flag was not given or its value is allowed; else the limits table's message
/// naming the flag, its range and the preset field it sets.
fn check_given(limit: &Limit, value: Option<f64>) -> Result<(), String> {
    match value {
        Some(v) => limit.check_flag(v).map_err(|e| format!("{e} ({})", limit.field)),
        None => Ok(()),
    }
}

impl Overrides {
    /// Checks every given numeric override against the limits table, before any is applied.
    pub fn check(&self) -> Result<(), String> {
        let count = |v: Option<usize>| v.map(|n| n as f64);
        check_given(&limits::PER_CLASS, count(self.per_class))?;
        check_given(&limits::NOISE, self.noise)?;
        check_given(&limits::VALIDATION_FRACTION, self.validation_fraction)?;
        check_given(&limits::LAMBDA, self.lambda)?;
        check_given(&limits::ALPHA, self.alpha)?;
        check_given(&limits::LEARNING_RATE, self.lr)?;
        check_given(&limits::SGD_MOMENTUM, self.sgd_momentum)?;
        check_given(&limits::WEIGHT_DECAY, self.weight_decay)?;
        check_given(&limits::BATCH_SIZE, count(self.batch_size))?;
        check_given(&limits::FEATURE_DIM, count(self.feature_dim))?;
        if let Some(Widths(widths)) = &self.hidden {
            check_given(&limits::HIDDEN_LAYERS, Some(widths.len() as f64))?;
            for &w in widths {
                check_given(&limits::HIDDEN_UNITS, Some(w as f64))?;
            }
        }
        Ok(())
    }

    /// Writes every given override into `preset`.
    pub fn apply(&self, preset: &mut Preset) {
        let (d, n, t) = (&mut preset.data, &mut preset.network, &mut preset.training);
        if let Some(v) = &self.dataset {
            d.dataset = v.clone();
            // Switching data sets takes the new set's class count unless `--classes` says otherwise.
            if self.classes.is_none() {
                d.classes = v.classes_on_switch(d.classes);
            }
        }
        set(&mut d.classes, self.classes);
        set(&mut d.label_column, self.label_column.clone());
        set(&mut d.scale, self.scale);
        set(&mut d.per_class, self.per_class);
        set(&mut d.noise, self.noise);
        set(&mut d.validation_fraction, self.validation_fraction);
        set(&mut preset.seed, self.seed);
        set(&mut t.lambda, self.lambda);
        set(&mut t.alpha, self.alpha);
        set(&mut t.update_rule, self.update_rule);
        set(&mut t.center_grad, self.center_grad);
        set(&mut t.center_init, self.center_init);
        set(&mut t.optimizer, self.optimizer);
        set(&mut t.learning_rate, self.lr);
        set(&mut t.sgd_momentum, self.sgd_momentum);
        set(&mut t.weight_decay, self.weight_decay);
        set(&mut t.batch_size, self.batch_size);
        if let Some(w) = &self.hidden {
            n.hidden = w.0.clone();
        }
        set(&mut n.activation, self.activation);
        set(&mut n.feature_dim, self.feature_dim);
        if self.no_bias {
            n.bias = false;
        }
    }

    fn merge(&mut self, other: &Overrides) {
        macro_rules! take {
            ($($field:ident),*) => { $( if other.$field.is_some() { self.$field = other.$field.clone(); } )* };
        }
        take!(dataset, classes, per_class, noise, seed, lambda, alpha, update_rule, center_init, optimizer, lr);
        take!(sgd_momentum, weight_decay, batch_size, hidden, activation, feature_dim, validation_fraction, center_grad);
        take!(label_column, scale);
        self.no_bias |= other.no_bias;
    }
}

fn set<T>(target: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *target = v;
    }
}
