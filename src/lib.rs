//! Center Loss Lab: watch center loss (Wen et al., ECCV 2016) pull features toward moving class
//! centers, live.
//!
//! The engine (`data`, `model`, `trainer`, `preset`, `export`) never depends on the GUI; the
//! command line (`cli`) and the app (`app`) drive the same [`trainer::Trainer`].

#[macro_use]
pub mod i18n;
pub mod app;
pub mod cli;
pub mod data;
pub mod embedding;
pub mod export;
pub mod format;
pub mod fsutil;
pub mod limits;
pub mod model;
pub mod preset;
pub mod projection;
pub mod recording;
pub mod rng;
pub mod search;
pub mod setting;
pub mod teaching;
pub mod trainer;
