//! Files for use elsewhere: feature tables now; figures and animations build on the same data.

pub mod features_csv;
