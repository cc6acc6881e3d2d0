//! The presets shipped with the program: one JSON file each in `presets/`, embedded in the
//! binary so they work from anywhere.

/// Every built-in preset's JSON, embedded from `presets/`.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("balanced", include_str!("../../presets/balanced.json")),
    ("softmax-only", include_str!("../../presets/softmax-only.json")),
    ("recipe-softmax-only-backprop", include_str!("../../presets/recipe-softmax-only-backprop.json")),
    ("centers-in-adam", include_str!("../../presets/centers-in-adam.json")),
    ("lambda-story", include_str!("../../presets/lambda-story.json")),
    ("over-regularized", include_str!("../../presets/over-regularized.json")),
    ("frozen-centers", include_str!("../../presets/frozen-centers.json")),
    ("jumpy-centers", include_str!("../../presets/jumpy-centers.json")),
    ("learned-centers", include_str!("../../presets/learned-centers.json")),
    ("no-bias", include_str!("../../presets/no-bias.json")),
    ("digits-2d", include_str!("../../presets/digits-2d.json")),
    ("digits-128d", include_str!("../../presets/digits-128d.json")),
    ("shells-3d", include_str!("../../presets/shells-3d.json")),
];

/// The preset the app opens with.
pub const DEFAULT_PRESET: &str = "balanced";

/// Names of the built-in presets, in menu order.
pub fn built_in_names() -> Vec<&'static str> {
    BUILT_IN.iter().map(|(name, _)| *name).collect()
}

/// "; did you mean `digits-2d`?" when `name` is a plausible typo of a built-in preset's name,
/// else nothing (a path to a missing file gets no guess).
pub fn did_you_mean(name: &str) -> String {
    match super::spelling::closest(name, &built_in_names()) {
        Some(guess) if guess != name => t!("; did you mean `{guess}`?", guess = guess),
        _ => String::new(),
    }
}
