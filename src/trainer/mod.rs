//! The trainer: owns the data, the model, the centers and the optimizer, and advances them one
//! mini-batch at a time. The command line drives it directly; the app drives it through the
//! background thread in [`worker`].

pub mod class_numbers;
pub mod divergence;
pub mod evaluate;
pub mod guard;
pub mod handle;
pub mod history;
pub mod metrics;
pub mod outcome;
pub mod protocol;
pub mod run;
pub mod script;
pub mod shown;
pub mod snapshot;
pub mod sweep;
mod update;
pub mod worker;

pub use class_numbers::ClassNumbers;
pub use divergence::{Cause, Divergence};
pub use guard::Cure;
pub use handle::TrainerHandle;
pub use history::{Event, EventKind, History, HistoryPoint};
pub use metrics::Metrics;
pub use outcome::SweepOutcome;
pub use protocol::{Command, MAX_RUNS};
pub use script::ScriptEvent;
pub use snapshot::{InputGrid, Snapshot};

use crate::data::{self, DataError, GenerateOptions, Split, SplitOptions};
use crate::model::loss::{center_loss_into, softmax_cross_entropy_into};
use crate::model::{CenterInit, CenterStep, Mlp, NetworkShape, Optimizer, StepBuffers};
use crate::preset::{FeatureActivation, Preset, PresetError};
use crate::rng::{Rng64, seeded};
use crate::setting::Setting;
use ndarray::Array2;
use rand::seq::SliceRandom;
use std::sync::Arc;
use thiserror::Error;

/// Why a run could not start.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum TrainerError {
    /// The preset is invalid.
    #[error(transparent)]
    Preset(#[from] PresetError),
    /// The data could not be made or read.
    #[error(transparent)]
    Data(#[from] DataError),
}

/// Which split a sample belongs to, for the features of every sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Training split.
    Train,
    /// Test split.
    Test,
    /// Validation split (empty when `data.validation_fraction` is 0).
    Validation,
}

/// Everything about a run that changes as it trains.
pub struct Trainer {
    preset: Preset,
    split: Arc<Split>,
    model: Mlp<f32>,
    centers: Array2<f32>,
    centers_ready: bool,
    optimizer: Optimizer<f32>,
    batch_rng: Rng64,
    order: Vec<usize>,
    cursor: usize,
    step: u64,
    diverged: Option<Divergence>,
    last_center_step: Option<CenterStep>,
    history: History,
    /// Arrays reused by every step (see [`Trainer::step`]).
    buffers: StepBuffers<f32>,
    /// Which term blew up, and whether the run died ([`guard`]).
    guard: guard::Guard,
    /// Progress through the preset's script.
    script: script::ScriptPlayer,
}

impl Trainer {
    /// Builds the data, the network and the centers of `preset`.
    pub fn new(preset: Preset) -> Result<Trainer, TrainerError> {
        Self::load(preset, &data::LoadProgress::new())
    }

    /// [`Trainer::new`], reporting a CSV file's reading to `progress`; a load cancelled through
    /// it ends in [`DataError::Cancelled`].
    pub fn load(mut preset: Preset, progress: &data::LoadProgress) -> Result<Trainer, TrainerError> {
        preset.validate()?;
        let d = &preset.data;
        let dataset = data::load_with_progress(
            &d.dataset,
            &GenerateOptions {
                classes: d.classes,
                per_class: d.per_class,
                noise: d.noise,
                seed: preset.seed,
                label_column: d.label_column.clone(),
            },
            progress,
        )?;
        let options = SplitOptions {
            test_fraction: d.test_fraction,
            validation_fraction: d.validation_fraction,
            scale: d.scale,
            seed: preset.seed,
        };
        let split = Split::new(&dataset, &options);
        // A CSV file decides its own number of classes; record it so the resolved preset is true.
        preset.data.classes = dataset.classes();
        Ok(Self::with_split(preset, Arc::new(split)))
    }

    /// Builds a run on an existing split (used when only the network or training changes).
    pub fn with_split(preset: Preset, split: Arc<Split>) -> Trainer {
        let n = &preset.network;
        let shape = NetworkShape {
            input_dim: split.input_dim(),
            hidden: n.hidden.clone(),
            activation: n.activation,
            feature_dim: n.feature_dim,
            feature_prelu: n.feature_activation == FeatureActivation::Prelu,
            classes: split.classes(),
            classifier_bias: n.bias,
        };
        let mut init_rng = seeded(preset.seed, "weights");
        let model = Mlp::new(&shape, &mut init_rng);
        let t = &preset.training;
        let optimizer = Optimizer::new(t.optimizer, t.learning_rate, t.sgd_momentum, t.weight_decay);
        let mut trainer = Trainer {
            centers: Array2::zeros((split.classes(), n.feature_dim)),
            centers_ready: false,
            optimizer,
            batch_rng: seeded(preset.seed, "batches"),
            order: (0..split.train_y.len()).collect(),
            cursor: usize::MAX,
            step: 0,
            diverged: None,
            last_center_step: None,
            history: History::new(),
            buffers: StepBuffers::new(),
            guard: guard::Guard::for_split(&split),
            script: script::ScriptPlayer::default(),
            model,
            split,
            preset,
        };
        trainer.init_centers_now();
        trainer
    }

    fn init_centers_now(&mut self) {
        let mut rng = seeded(self.preset.seed ^ self.step, "centers");
        let init = self.preset.training.center_init;
        self.centers = init.centers(self.split.classes(), self.preset.network.feature_dim, &mut rng, None);
        // The class-mean init waits for the first batch of the next step.
        self.centers_ready = init != CenterInit::ClassMean;
    }

    /// Re-initialises the centers by the current rule, leaving the network as it is.
    pub fn reinit_centers(&mut self) {
        self.init_centers_now();
        self.history.mark(self.step, EventKind::CentersReinit);
    }

    /// The preset this run follows, with every live change applied.
    pub fn preset(&self) -> &Preset {
        &self.preset
    }

    /// The data.
    pub fn split(&self) -> &Arc<Split> {
        &self.split
    }

    /// Steps taken.
    pub fn step_count(&self) -> u64 {
        self.step
    }

    /// The current centers, `C × k`.
    pub fn centers(&self) -> &Array2<f32> {
        &self.centers
    }

    /// The network.
    pub fn model(&self) -> &Mlp<f32> {
        &self.model
    }

    /// The network's optimizer, with the live learning rate, momentum and weight decay.
    pub fn optimizer(&self) -> &Optimizer<f32> {
        &self.optimizer
    }

    /// Why the run stopped, if it diverged.
    pub fn divergence(&self) -> Option<&Divergence> {
        self.diverged.as_ref()
    }

    /// What the last center update did.
    pub fn last_center_step(&self) -> Option<&CenterStep> {
        self.last_center_step.as_ref()
    }

    /// The recorded history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Mutable history, for recording evaluations.
    pub fn history_mut(&mut self) -> &mut History {
        &mut self.history
    }

    /// Changes one training setting from the next step on, without a reset, and leaves one
    /// marker on the curves (`setting.label()`); an unchanged value changes nothing and leaves
    /// no marker. The value is checked against the limits table first.
    ///
    /// Learning rate, momentum and weight decay reach the live optimizer (its state is kept); a
    /// new optimizer kind starts a fresh optimizer state; a new center init re-initialises the
    /// centers. Everything else is read afresh by every step.
    pub fn apply(&mut self, setting: &Setting) -> Result<(), PresetError> {
        if let (Some(limit), Some(value)) = (setting.limit(), setting.value()) {
            crate::preset::check_limit(limit, value)?;
        }
        if !setting.apply_to(&mut self.preset.training) {
            return Ok(());
        }
        let t = &self.preset.training;
        match *setting {
            Setting::LearningRate(rate) => self.optimizer.learning_rate = rate,
            Setting::SgdMomentum(momentum) => self.optimizer.momentum = momentum,
            Setting::WeightDecay(decay) => self.optimizer.weight_decay = decay,
            Setting::Optimizer(kind) => {
                self.optimizer = Optimizer::new(kind, t.learning_rate, t.sgd_momentum, t.weight_decay);
            }
            Setting::CenterInit(_) => self.init_centers_now(),
            Setting::Lambda(_) | Setting::Alpha(_) | Setting::BatchSize(_) | Setting::UpdateRule(_) | Setting::CenterGrad(_) => {}
        }
        self.history.mark(self.step, EventKind::Set(*setting));
        Ok(())
    }

    /// Replaces the view settings (they do not affect training).
    pub fn set_view(&mut self, view: crate::preset::ViewConfig) {
        self.preset.view = view;
    }

    /// Fills `buffers.rows` with the next mini-batch: the shuffled order read on from the cursor,
    /// reshuffled at each epoch's end.
    fn next_batch(&mut self) {
        let n = self.order.len();
        let batch = self.preset.training.batch_size.min(n);
        let rows = &mut self.buffers.rows;
        rows.clear();
        while rows.len() < batch {
            if self.cursor >= n {
                self.order.shuffle(&mut self.batch_rng);
                self.cursor = 0;
            }
            let take = (batch - rows.len()).min(n - self.cursor);
            rows.extend_from_slice(&self.order[self.cursor..self.cursor + take]);
            self.cursor += take;
        }
    }

    /// One training step on the next mini-batch. Returns the batch's total loss, or the
    /// divergence that stopped the run (also on every later call).
    ///
    /// Every intermediate array lives in `buffers` and is reused from step to step.
    pub fn step(&mut self) -> Result<f64, Divergence> {
        if let Some(d) = &self.diverged {
            return Err(d.clone());
        }
        self.play_script();
        self.next_batch();
        let buffers = &mut self.buffers;
        buffers.gather(self.split.train_x.view(), &self.split.train_y);
        self.model.forward_into(buffers.inputs.view(), &mut buffers.pass);
        let features = buffers.pass.features.view();
        if !self.centers_ready {
            let mut rng = seeded(self.preset.seed, "centers");
            let init = self.preset.training.center_init;
            self.centers =
                init.centers(self.split.classes(), self.preset.network.feature_dim, &mut rng, Some((features, &buffers.labels)));
            self.centers_ready = true;
        }
        let t = &self.preset.training;
        let softmax = softmax_cross_entropy_into(buffers.pass.logits.view(), &buffers.labels, &mut buffers.grad_logits);
        let lambda = t.lambda as f32;
        // The center term of ∂L/∂f is λ ∂L_C/∂f: the network learns from the total loss.
        let center = center_loss_into(features, self.centers.view(), &buffers.labels, lambda, &mut buffers.grad_center);
        let total = f64::from(softmax) + t.lambda * f64::from(center);
        self.step += 1;
        let terms = self.guard.measure(self.model.classifier.weight.view(), t.lambda);
        if let Some(blowup) = guard::non_finite(softmax, center * lambda, buffers.pass.features.view()) {
            return Err(self.blow_up(blowup, terms));
        }
        self.guard.observe(terms);
        // With `center_grad` off (the recipe's mistake) only the softmax loss reaches the network.
        let center_term = t.center_grad.then(|| buffers.grad_center.view());
        self.model.backward_into(
            buffers.inputs.view(),
            &buffers.pass,
            buffers.grad_logits.view(),
            center_term,
            false,
            &mut buffers.backward,
        );
        self.optimizer.step(&mut self.model);
        self.move_centers();
        if self.centers.iter().any(|v| !v.is_finite()) {
            return Err(self.blow_up(guard::Blowup::Centers, terms));
        }
        if let Some(check) = self.guard.dead_run(self.step, &self.model) {
            return Err(self.diverge(Cause::Dead(check), Cure::LowerLearningRate));
        }
        Ok(total)
    }

    fn blow_up(&mut self, blowup: guard::Blowup, terms: guard::StepTerms) -> Divergence {
        let cure = self.guard.cure(terms);
        self.diverge(Cause::Blowup(blowup), cure)
    }

    fn diverge(&mut self, cause: Cause, cure: Cure) -> Divergence {
        let divergence = Divergence::new(self.step, cause, cure);
        self.diverged = Some(divergence.clone());
        divergence
    }
}
