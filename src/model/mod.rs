//! Pure math of the network: layers, activations, losses, center update rules and optimizers.
//!
//! Everything here is generic over the float type so that the same code trains in `f32` and is
//! checked against finite differences in `f64`. Nothing in this module knows about egui.

pub mod activation;
mod buffer;
pub mod centers;
pub mod dense;
pub mod loss;
pub mod mlp;
pub mod optim;
pub mod scalar;
pub mod workspace;

pub use activation::{Activation, ActivationLayer};
pub use centers::{CenterInit, CenterStep, UpdateRule};
pub use dense::Dense;
pub use mlp::{BackwardBuffers, ForwardPass, Mlp, NetworkShape};
pub use optim::{Optimizer, OptimizerKind};
pub use scalar::Scalar;
pub use workspace::StepBuffers;
