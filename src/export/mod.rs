//! Files for use elsewhere: feature tables, still figures (PNG, SVG), the λ-sweep grid with
//! its accuracy and compactness chart, animated GIFs of a run, and the setup as a PyTorch
//! script. Nothing here needs a window; the app reuses [`palette`] and [`scene`] for its own
//! drawing.

pub mod animation;
pub mod features_csv;
pub mod figure;
pub mod history_csv;
pub mod legend;
pub mod log_axis;
pub mod look;
pub mod output;
pub mod palette;
pub mod panel;
pub mod raster;
pub mod scene;
pub mod sweep_csv;
pub mod sweep_grid;
pub mod torch;

pub use crate::trainer::SweepOutcome;
pub use animation::{GifRecorder, animate, animate_projected, write_animation};
pub use figure::{FeatureFigure, write_figure};
pub use output::{FigureFormat, PictureSize};
pub use scene::FeatureScene;
pub use sweep_grid::{SweepGrid, SweepPanel};
pub use torch::{TorchOptions, torch_script, torch_script_with, write_torch_script};
