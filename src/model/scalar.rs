//! The float types the network can be built from.

use ndarray::{LinalgScalar, ScalarOperand};
use num_traits::Float;
use std::fmt::Debug;
use std::ops::{AddAssign, MulAssign, SubAssign};

/// A float the network computes in: `f32` for training, `f64` for gradient checks.
pub trait Scalar:
    LinalgScalar + Float + ScalarOperand + Debug + AddAssign + SubAssign + MulAssign + Send + Sync + 'static
{
    /// Converts a literal; exact for every constant the code uses.
    fn lit(value: f64) -> Self;
    /// Widens to `f64` for reporting.
    fn to_f64_lossy(self) -> f64;
}

impl Scalar for f32 {
    fn lit(value: f64) -> Self {
        value as f32
    }
    fn to_f64_lossy(self) -> f64 {
        f64::from(self)
    }
}

impl Scalar for f64 {
    fn lit(value: f64) -> Self {
        value
    }
    fn to_f64_lossy(self) -> f64 {
        self
    }
}
