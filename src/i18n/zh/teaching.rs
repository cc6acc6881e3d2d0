//! Chinese translations: the teacher's readings of a run (`src/teaching.rs`): the balance
//! gauge's messages and zone names. See `super` for the rules.

/// (English, 中文) pairs.
pub const TABLE: &[(&str, &str)] = &[
    // What a teacher would say (Balance::message).
    ("λ = 0: plain softmax — center loss is off", "λ = 0：单纯的 softmax，中心损失未启用"),
    ("λ looks too small — center loss barely acts", "λ 似乎太小：中心损失几乎不起作用"),
    ("balanced — softmax separates, center loss compacts", "平衡：softmax 负责分开各类，中心损失负责收紧各类"),
    (
        "λ looks too large — center loss dominates or the cloud has collapsed",
        "λ 似乎太大：中心损失占了主导，或者特征云团已经坍缩",
    ),
    ("training is unstable — the learning rate looks too high, not λ", "训练不稳定：问题似乎是学习率太高，而不在 λ"),
    // The zones under the gauge (Balance::short_name).
    ("off", "关闭"),
    ("too small", "太小"),
    ("balanced", "平衡"),
    ("too large", "太大"),
    ("unstable", "不稳定"),
];
