//! The projection of high-dimensional features (issue 13): PCA against hand-worked cases and a
//! direct eigen-decomposition, a picture that stays steady from frame to frame, chosen
//! dimensions, projected snapshots, the projector thread, and exports at `k > 3`.

#[path = "embedding/clouds.rs"]
mod clouds;
#[path = "embedding/export.rs"]
mod export;
#[path = "embedding/pca.rs"]
mod pca;
#[path = "embedding/projector.rs"]
mod projector;
#[path = "embedding/snapshot.rs"]
mod snapshot;
#[path = "embedding/steady.rs"]
mod steady;
