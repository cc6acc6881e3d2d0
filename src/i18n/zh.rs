//! The Chinese (简体中文) translations, keyed by the English source string. One file per part of
//! the app, so translators (and parallel changes) do not collide; a key found in two parts must
//! have the same translation in both (a test checks it). Terms follow `glossary.tsv`.

mod common;
mod engine;
mod errors;
mod exports;
mod features;
mod panels;
mod teaching;
mod views;

/// Every part's table.
pub const PARTS: &[&[(&str, &str)]] =
    &[common::TABLE, panels::TABLE, views::TABLE, teaching::TABLE, engine::TABLE, exports::TABLE, features::TABLE, errors::TABLE];

/// Every (English, Chinese) pair of every part.
pub fn pairs() -> impl Iterator<Item = (&'static str, &'static str)> {
    PARTS.iter().flat_map(|part| part.iter().copied())
}
