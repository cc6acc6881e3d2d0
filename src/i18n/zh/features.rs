//! Chinese translations: the data and network settings and the feature view's projection of
//! high-dimensional features. See `super` for the rules.

/// (English, 中文) pairs.
pub const TABLE: &[(&str, &str)] = &[
    ("data set", "数据集"),
    ("classes", "类别"),
    ("Number of classes", "类别的数量"),
    ("seed", "随机种子"),
    ("Seed of the data, the split, the weights and the batches", "数据、划分、权重和批次的随机种子"),
    ("layer {n} units", "第 {n} 层单元数"),
    ("activation", "激活函数"),
    ("feature layer", "特征层"),
    ("linear", "线性"),
    ("classifier bias", "分类器偏置"),
    (
        "Without a bias the classifier decides by direction alone: classes fan out in angular sectors",
        "没有偏置时分类器只按方向判断：各类别呈扇形分布",
    ),
    ("feature dimension", "特征维度"),
    ("higher…", "更高…"),
    (
        "Above 3 dimensions the feature view shows a projection (PCA, or two chosen dimensions); every number is computed in the full dimension",
        "超过 3 维时，特征视图显示投影（PCA，或选定的两个维度）；所有数值都在完整维度中计算",
    ),
    ("{k}-D features, shown as", "{k} 维特征，显示为"),
    ("PCA 2-D", "PCA 二维"),
    ("PCA 3-D", "PCA 三维"),
    ("two dimensions", "两个维度"),
    ("Two of the feature dimensions as they are, without projection", "直接显示特征的其中两个维度，不做投影"),
    (
        "Share of the total variance (all {k} dimensions) along each axis of the picture",
        "图中每个坐标轴方向上的方差占总方差（全部 {k} 维）的比例",
    ),
    ("({share} of the variance shown)", "（图中显示了 {share} 的方差）"),
    ("every number is computed in {k}-D", "所有数值都在 {k} 维中计算"),
    (
        "Compactness, distances, accuracy and the gauge use all {k} dimensions; classes that overlap in the picture can be well apart in the full space",
        "紧凑性、距离、准确率和平衡仪表都使用全部 {k} 个维度；图中重叠的类别在完整空间中可能相距很远",
    ),
    ("computed in all {k} feature dimensions, not in the picture", "在全部 {k} 个特征维度中计算，而不是在图上"),
    ("showing {shown} of {total} samples", "显示 {total} 个样本中的 {shown} 个"),
    (
        "A large data set is drawn and measured on a fixed, evenly spread subset, so the picture stays fast; training uses every sample",
        "大数据集只在一个固定、均匀分布的子集上绘制和度量，以保持画面流畅；训练使用全部样本",
    ),
];
