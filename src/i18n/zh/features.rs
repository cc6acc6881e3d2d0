//! Chinese translations: the data and network settings and the feature view's projection of
//! high-dimensional features. See `super` for the rules.

/// (English, 中文) pairs.
pub const TABLE: &[(&str, &str)] = &[
    ("data set", "数据集"),
    ("classes", "类别数"),
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
];
