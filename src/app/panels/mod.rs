//! The panels of the window. Each owns its state and has a `ui` that draws it and returns what
//! the user asked for as [`super::action::Action`]s; none of them sees the others or the app.

pub mod beside;
pub mod controls;
pub mod features;
pub mod lineup;
pub mod lineup_view;
pub mod loading;
pub mod menu;
pub mod presenter;
pub mod preset_dialogs;
pub mod presets;
pub mod screenshot;
pub mod search;
pub mod setup;
pub mod status;
pub mod timeline;
