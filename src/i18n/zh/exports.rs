//! Chinese translations: the text of exported figures and animations (`render`, `sweep --out`,
//! `animate` with `--lang zh`). See `super` for the rules.

/// (English, 中文) pairs.
pub const TABLE: &[(&str, &str)] = &[
    ("diverged at step {step}", "在第 {step} 步发散"),
    ("{title}, with changed settings", "{title}（设置已改动）"),
    (
        "preset {name} · {data} · λ = {lambda} · α = {alpha} · {rule} update · step {step}",
        "预设 {name} · {data} · λ = {lambda} · α = {alpha} · {rule} 更新 · 第 {step} 步",
    ),
    (" · test accuracy {accuracy}", " · 测试准确率 {accuracy}"),
    (
        "preset {name} · {data} · α = {alpha} · {rule} update · {steps} steps · panels: seed {seed}",
        "预设 {name} · {data} · α = {alpha} · {rule} 更新 · {steps} 步 · 各面板：随机种子 {seed}",
    ),
    (" · chart: mean of {seeds} seeds", " · 图表：{seeds} 个随机种子的平均"),
    ("compactness ratio (log scale)", "紧凑性比值（对数坐标）"),
    ("Against λ:", "随 λ 变化："),
    ("test accuracy", "测试准确率"),
    ("compactness ratio (lower = tighter classes)", "紧凑性比值（越低 = 类别越紧凑）"),
    ("feature 1", "特征 1"),
    ("feature 2", "特征 2"),
    ("class center", "类别中心"),
    ("center's path", "中心的轨迹"),
    ("diverged at step {step}: {reason}", "在第 {step} 步发散：{reason}"),
    (
        "preset {name} · {data} · λ = {lambda} · α = {alpha} · {rule} update",
        "预设 {name} · {data} · λ = {lambda} · α = {alpha} · {rule} 更新",
    ),
    ("{mode} of {k}-D features · metrics in {k}-D", "{k} 维特征的 {mode} 投影 · 指标在 {k} 维中计算"),
];
