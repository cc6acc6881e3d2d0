//! Chinese translations: the views of the window that show a run (formula panel and its symbols,
//! curves, input space, λ search chart, balance gauge). See `super` for the rules.

/// (English, 中文) pairs.
pub const TABLE: &[(&str, &str)] = &[
    // The formula panel (views/formula.rs).
    ("Formulas", "公式"),
    ("c_j := optimizer step on (λ/m)·Σ_{i: y_i=j}(c_j − f_i)", "c_j := 优化器对 (λ/m)·Σ_{i: y_i=j}(c_j − f_i) 走一步"),
    ("{rule} rule:", "{rule} 规则："),
    ("weight decay pulls them toward the origin; ", "权重衰减把它们拉向原点；"),
    (
        "The centers are one more parameter of {optimizer}: {decay}α plays no part.",
        "中心是 {optimizer} 的又一个参数：{decay}α 不起作用。",
    ),
    (
        "Adam divides each step by a running size of the gradient, so a center moves about the learning rate per step however strong the pull; SGD steps in proportion to it.",
        "Adam 把每一步除以梯度的滑动幅度，所以不论拉力多强，中心每步都移动约一个学习率的距离；SGD 的步长则与拉力成正比。",
    ),
    ("No step taken yet.", "尚未训练任何一步。"),
    ("n_j = {count} of m = {batch},   α = {alpha}", "n_j = {count}（共 m = {batch}），   α = {alpha}"),
    ("This class is not in the batch: its center does not move.", "这一类不在本批次中：它的中心不动。"),
    (
        "c_j moved {share} of the way to μ_j, the mean feature of class j in this batch",
        "c_j 向 μ_j（本批次中类 j 的平均特征）移动了 {share} 的距离",
    ),
    ("step of c_j = ({vector})", "c_j 这一步的移动 = ({vector})"),
    ("class j", "类 j"),
    (
        "λ·L_C = {lambda}·{center} = {weighted}: the center-loss term's own value, so the sum adds up as shown.",
        "λ·L_C = {lambda}·{center} = {weighted}：这是中心损失项本身的值，所以上面的加法与显示的结果一致。",
    ),
    (
        "Struck out: the center-loss gradient is cut from the network (center_grad off), the recipe's \"backpropagate only the softmax loss\". The paper backpropagates the total loss.",
        "已划掉：中心损失的梯度没有传回网络（center_grad 关闭），即教程中的“只反向传播 softmax 损失”。论文反向传播的是总损失。",
    ),
    // What every symbol means (views/math.rs).
    ("L: the total loss of the batch, L_S + λ·L_C", "L：本批次的总损失，L_S + λ·L_C"),
    ("L_S: softmax (cross-entropy) loss, mean over the batch", "L_S：softmax（交叉熵）损失，对批次取平均"),
    (
        "L_C: center loss, (1/2m)·Σ |f_i − c_{y_i}|², mean over the batch",
        "L_C：中心损失，(1/2m)·Σ |f_i − c_{y_i}|²，对批次取平均",
    ),
    ("λ: the weight of center loss", "λ：中心损失的权重（平衡系数）"),
    ("α: the center update rate", "α：中心更新率"),
    ("m: the number of samples in the batch", "m：批次中的样本数"),
    ("f_i: the feature of sample i (the network's last hidden layer)", "f_i：样本 i 的特征（网络最后一个隐藏层的输出）"),
    ("y_i: the class of sample i", "y_i：样本 i 的类别"),
    ("c_j: the center of class j", "c_j：类 j 的中心"),
    ("c_{y_i}: the center of sample i's class", "c_{y_i}：样本 i 所属类别的中心"),
    ("n_j: how many samples of class j are in this batch", "n_j：本批次中类 j 的样本数"),
    ("μ_j: the mean feature of class j in this batch", "μ_j：本批次中类 j 的平均特征"),
    ("Δc_j: the paper's step for center j (Eq. 4), before α scales it", "Δc_j：论文中中心 j 的一步（式 4），尚未乘以 α"),
    (":=: becomes (the update written as an assignment)", ":=：变为（把更新写成赋值）"),
    (
        "∂L/∂f_i: how the loss changes with the feature f_i (what reaches the network)",
        "∂L/∂f_i：损失随特征 f_i 的变化率（传回网络的量）",
    ),
    // The curves (views/curves.rs).
    ("total", "总损失"),
    ("train", "训练集"),
    ("test", "测试集"),
    ("validation", "验证集"),
    ("compactness ratio", "紧凑性比值"),
    ("mean feature norm", "平均特征范数"),
    ("Curves", "曲线"),
    ("Losses", "损失"),
    ("L_S, λ·L_C and their sum on the train split (log scale)", "训练集上的 L_S、λ·L_C 及其和（对数坐标）"),
    ("Accuracy", "准确率"),
    ("Softmax accuracy on the train and test splits", "训练集和测试集上的 softmax 准确率"),
    ("Geometry", "几何"),
    ("Compactness ratio (lower is more discriminative) and mean feature norm", "紧凑性比值（越低越有区分度）和平均特征范数"),
    ("Save CSV", "保存 CSV"),
    (
        "Save the curves as CSV (step, every metric, λ and α in force) for your own plots",
        "把曲线保存为 CSV（步数、每项指标、当时的 λ 和 α），方便自己作图",
    ),
    // The input space (views/input_space.rs).
    (
        "{dim}-D inputs: no picture of the input space; the feature space shows what the network made of them.",
        "{dim} 维输入：无法画出输入空间；特征空间展示了网络把它们变成了什么。",
    ),
    ("decision regions", "决策区域"),
    ("inputs", "输入样本"),
    // The λ search chart (views/search_chart.rs).
    ("λ (log scale)", "λ（对数坐标）"),
    ("validation accuracy", "验证准确率"),
    ("one run (seed)", "单次训练（一个随机种子）"),
    ("mean over seeds", "各随机种子的平均"),
    ("chosen on validation", "按验证集选出"),
    // The balance gauge (views/teaching.rs); its readings are in `teaching`.
    (
        "Warning: the feature cloud is collapsing: features shrink toward the origin while test accuracy drops.",
        "警告：特征云团正在坍缩：特征向原点收缩，同时测试准确率下降。",
    ),
    ("Balance", "平衡"),
    ("λ·L_C = {weighted}   L_S = {softmax}   ratio {ratio}", "λ·L_C = {weighted}   L_S = {softmax}   比值 {ratio}"),
    (
        "The teacher's rule of thumb: if λ·L_C is negligible next to L_S (ratio below {small}), λ is too small; if it dwarfs L_S (over {large}×), too large. The ratio depends on the feature scale, so the gauge also weighs scale-free evidence: compactness ratio {compactness}, test accuracy {skill} of the way from chance to perfect, its recent drop {drop}, the recent rise of L_S {rise} of ln C, and the feature norm {norm} (recent peak {peak}). A collapse reads too large; unrest with λ unchanged reads as a learning-rate problem; tight classes never read too small.",
        "教师的经验法则：如果 λ·L_C 与 L_S 相比可以忽略（比值低于 {small}），λ 就太小；如果它远远超过 L_S（超过 {large}×），λ 就太大。这个比值取决于特征的尺度，所以仪表还参考与尺度无关的依据：紧凑性比值 {compactness}；测试准确率从随机水平到完美走了 {skill}，近期下降 {drop}；L_S 近期上升了 ln C 的 {rise}；特征范数 {norm}（近期峰值 {peak}）。坍缩读作“太大”；λ 不变时训练动荡，读作学习率问题；各类已经紧凑时从不读作“太小”。",
    ),
    (
        "λ has no effect on the features: the center-loss gradient is cut (\"backpropagate only the softmax loss\"), so the network trains as with λ = 0 and only the centers follow.",
        "λ 对特征没有作用：中心损失的梯度被切断了（“只反向传播 softmax 损失”），所以网络的训练与 λ = 0 时相同，只有中心在跟随。",
    ),
];
