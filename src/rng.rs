//! Seeded random numbers with a stable, documented stream.
//!
//! Every generator is a `rand_pcg::Pcg64` (PCG XSL RR 128/64, O'Neill 2014), whose output for a
//! given state is fixed by its specification. Each use (data, split, weights, batches) gets its
//! own stream: the preset's seed mixed with the FNV-1a hash of the stream's name through
//! `SeedableRng::seed_from_u64`, so adding draws to one use never shifts another.

use rand::SeedableRng;

/// The generator used everywhere.
pub type Rng64 = rand_pcg::Pcg64;

/// A generator for `stream` under `seed`.
pub fn seeded(seed: u64, stream: &str) -> Rng64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in stream.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    Rng64::seed_from_u64(seed ^ hash)
}
