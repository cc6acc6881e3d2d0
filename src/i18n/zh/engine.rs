//! Chinese translations: engine strings (see `super` for the rules).

/// (English, 中文) pairs.
pub const TABLE: &[(&str, &str)] = &[
    // The limits table (src/limits): each setting's label, unit and help, shown beside its slider
    // and as its tooltip (looked up with `i18n::tr` where they are displayed), in table order.
    ("λ (lambda)", "平衡系数 λ"),
    (
        "Weight of the center loss: L = L_S + λ·L_C. 0 is plain softmax (loose petals); around 0.01–1 classes get compact; far too large and everything collapses toward the origin and accuracy falls.",
        "中心损失的权重：L = L_S + λ·L_C。取 0 即普通 softmax（花瓣松散）；约 0.01–1 时各类变得紧凑；过大则一切都坍缩到原点，准确率下降。",
    ),
    ("α — center update rate", "α — 中心更新率"),
    (
        "How fast centers move toward their class's mean (the paper keeps it in [0, 1]). Tutorials call it the center 'momentum' — not the optimizer's momentum. 0 freezes the centers; 1 makes them jump to each batch's mean.",
        "中心向本类均值移动的快慢（论文中取值在 [0, 1]）。教程常把它叫作中心的“动量”——但它不是优化器的动量。0 让中心固定不动；1 让中心直接跳到每个批次的均值。",
    ),
    ("learning rate", "学习率"),
    ("Step size of the network's optimizer. Too large and training diverges.", "网络优化器的步长。太大会使训练发散。"),
    ("SGD momentum", "SGD 动量"),
    (
        "The optimizer's momentum for the network weights (not the center update rate α).",
        "优化器用于网络权重的动量（不是中心更新率 α）。",
    ),
    ("weight decay", "权重衰减"),
    ("L2 penalty on the network's weights; never applied to the centers.", "对网络权重的 L2 惩罚；从不作用于中心。"),
    ("batch size", "批大小"),
    (
        "Samples per step. Small batches make centers jumpy: each update sees few samples of a class.",
        "每步的样本数。批次小会让中心跳来跳去：每次更新只看到某一类的少数样本。",
    ),
    ("points per class", "每类点数"),
    ("How many points each class of a generated data set has.", "生成的数据集中每一类有多少个点。"),
    ("noise", "噪声"),
    (
        "Standard deviation of the noise added to a generated data set: more noise, more overlap between classes.",
        "加到生成数据集上的噪声的标准差：噪声越大，类与类之间重叠越多。",
    ),
    ("test fraction", "测试集比例"),
    ("Share of each class held out for testing.", "每一类中留作测试的比例。"),
    ("validation fraction", "验证集比例"),
    (
        "Share of each class held out for validation: choose λ by validation accuracy, report test accuracy once. 0 means no validation split (validation_accuracy then reads NaN, null in JSON). Validation and test together take at most 0.9 of each class, so training keeps data.",
        "每一类中留作验证的比例：按验证准确率选 λ，只报告一次测试准确率。0 表示不划分验证集（此时 validation_accuracy 为 NaN，在 JSON 中为 null）。验证和测试合计最多占每一类的 0.9，以便留下训练数据。",
    ),
    ("hidden layers", "隐藏层数"),
    ("layers", "层"),
    ("How many hidden layers the network has before its feature layer.", "网络在特征层之前有几个隐藏层。"),
    ("units", "单元"),
    ("Width of a hidden layer.", "一个隐藏层的宽度（单元数）。"),
    ("feature dimension", "特征维度"),
    (
        "Dimension of the feature layer that center loss acts on. 2 and 3 are drawn as they are; above 3 the feature view shows a projection, while every metric is computed in the full dimension (real face models use 128 or 512).",
        "中心损失所作用的特征层的维度。2 维和 3 维按原样绘制；超过 3 维时特征视图显示投影，而所有指标都在完整维度中计算（真实的人脸模型用 128 或 512 维）。",
    ),
    ("steps/s", "步/秒"),
    (
        "Slow motion: at 1–2 steps per second you can follow single center updates. 0 means full speed.",
        "慢动作：每秒 1–2 步时，可以看清中心的每一次更新。0 表示全速。",
    ),
    ("trail length", "轨迹长度"),
    ("How many past positions of each center are drawn as a fading trail.", "每个中心过去的多少个位置画成渐隐的轨迹。"),
    ("slow start (steps)", "慢速开始（步数）"),
    (
        "A new run's first steps go at 100 steps/s, so a class sees the classes form before the run speeds up. 0 turns the slow start off.",
        "新训练的前若干步以 100 步/秒进行，让全班在加速之前看清各类如何形成。0 表示关闭慢速开始。",
    ),
    ("zoom", "缩放"),
    ("Zoom of the 3-D view (1 fits the cloud).", "3-D 视图的缩放（1 表示恰好容纳点云）。"),
    ("seeds per λ", "每个 λ 的随机种子数"),
    (
        "Models trained per λ, each with the next seed; the chart shows their mean.",
        "每个 λ 训练的模型数，每个模型依次用下一个随机种子；图中显示它们的均值。",
    ),
    ("λ values", "λ 值"),
    ("values", "个值"),
    ("The λs of a sweep, one model (and one figure panel) each.", "一次扫描中的各个 λ，每个 λ 对应一个模型（和一块图面板）。"),
    ("width", "宽度"),
    ("pixels", "像素"),
    ("Width of a figure or animation.", "图片或动画的宽度。"),
    ("height", "高度"),
    ("Height of a figure or animation.", "图片或动画的高度。"),
    // The allowed values in words (src/limits/limit.rs).
    ("{min} or {max}{unit}", "{min} 或 {max}{unit}"),
    (" (whole numbers)", "（整数）"),
    ("{min} to {max}{unit}{whole}", "{min} 到 {max}{unit}{whole}"),
    ("`{field}` is {value}; allowed: {allowed}", "`{field}` 为 {value}；允许：{allowed}"),
    ("{name} {value} is out of range; allowed: {allowed}", "{name} {value} 超出范围；允许：{allowed}"),
    // Why a run stopped by itself (src/trainer/divergence.rs) and the curves' change markers
    // (src/trainer/history.rs, src/setting.rs).
    ("the features became non-finite (NaN or infinite)", "特征变成了非有限值（NaN 或无穷大）"),
    ("the softmax loss became non-finite", "softmax 损失变成了非有限值"),
    ("the center loss term λ·L_C became non-finite", "中心损失项 λ·L_C 变成了非有限值"),
    ("a class center became non-finite", "某个类别中心变成了非有限值"),
    ("driven by the center-loss term (λ is stiffer than the softmax term)", "起因是中心损失项（λ 项的曲率大于 softmax 项）"),
    (
        "driven by the step size (the softmax term and the weights are the stiffer part)",
        "起因是步长（softmax 项和权重的曲率更大）",
    ),
    ("{what}, {driver}; {advice}", "{what}，{driver}；{advice}"),
    (
        "the network died: every test feature sits on one spot (spread {spread} at mean norm {norm}) and test accuracy is at chance ({accuracy} %) for {checks} checks in a row; {advice}",
        "网络已“死亡”：所有测试特征都落在同一点上（平均特征范数 {norm} 时离散度仅 {spread}），且测试准确率连续 {checks} 次检查都停在随机猜测水平（{accuracy} %）；{advice}",
    ),
    ("centers re-initialised", "类别中心已重新初始化"),
    ("script entry skipped: {error}", "脚本条目已跳过：{error}"),
    ("learning rate = {value}", "学习率 = {value}"),
    // A generated data set's class names, as shown (src/i18n/mod.rs `class_name`).
    ("class {number}", "类别 {number}"),
    // Names of data sets, center update rules and center inits as shown (src/format.rs): the
    // preset's name kept beside the Chinese one, since presets and the command line use it.
    ("blobs", "高斯团（blobs）"),
    ("rings", "同心圆环（rings）"),
    ("spirals", "螺旋（spirals）"),
    ("moons", "双月（moons）"),
    ("xor", "异或（xor）"),
    ("blobs3d", "三维高斯团（blobs3d）"),
    ("shells3d", "三维球壳（shells3d）"),
    ("helix3d", "三维螺旋线（helix3d）"),
    ("digits", "手写数字（digits）"),
    ("paper", "论文（paper）"),
    ("ema", "指数滑动平均（ema）"),
    ("sgd", "梯度步（sgd）"),
    ("zeros", "全零（zeros）"),
    ("random", "随机（random）"),
    ("class-mean", "类均值（class-mean）"),
];
