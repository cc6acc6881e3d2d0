//! Chinese translations: the engine's error messages (files, data sets, presets, the λ search,
//! exports) that reach the status bar and the command line (see `super` for the rules). A
//! message about a file keeps the English "{path}: " in front, so `ReadError::reason` can take
//! the path off in either language; names in backticks (fields, columns, values) stay as written.

/// (English, 中文) pairs.
pub const TABLE: &[(&str, &str)] = &[
    // Reading a file (src/fsutil/bounded.rs).
    (
        "{path}: not a regular file (it is {kind}); choose an ordinary file",
        "{path}: 不是普通文件（它是{kind}）；请选择一个普通文件",
    ),
    ("a folder", "文件夹"),
    ("a named pipe (FIFO)", "命名管道（FIFO）"),
    ("a device", "设备"),
    ("a socket", "套接字"),
    ("not an ordinary file", "非普通文件"),
    (
        "{path}: the file is larger than the limit of {human_limit} ({limit} bytes): {human_found} found",
        "{path}: 文件超过了 {human_limit}（{limit} 字节）的上限：实际为 {human_found}",
    ),
    (
        "{path}: line {line} is longer than {human_limit} ({limit} bytes); is this really a text file of rows?",
        "{path}: 第 {line} 行超过了 {human_limit}（{limit} 字节）；这真的是按行存放的文本文件吗？",
    ),
    ("{path}: not UTF-8 text ({message})", "{path}: 不是 UTF-8 文本（{message}）"),
    ("the first invalid byte is at offset {offset}", "第一个无效字节位于偏移 {offset} 处"),
    ("{path}: loading was cancelled", "{path}: 加载已取消"),
    ("{path}: cannot read the file: {message}", "{path}: 无法读取文件：{message}"),
    ("{bytes} bytes", "{bytes} 字节"),
    // Data sets and CSV files (src/data).
    (
        "data set `{dataset}` supports {allowed} classes, not {asked}",
        "数据集 `{dataset}` 支持 {allowed} 个类别，而不是 {asked} 个",
    ),
    ("exactly {low}", "恰好 {low}"),
    ("{low} to {high}", "{low} 到 {high}"),
    ("{path}: line {line}, column {column}: {message}", "{path}: 第 {line} 行第 {column} 列：{message}"),
    ("the embedded digits data could not be read: {why}", "无法读取内置的手写数字数据：{why}"),
    ("`csv:` needs a path, as in csv:data/points.csv", "`csv:` 后面需要路径，例如 csv:data/points.csv"),
    ("unknown data set `{name}`; allowed: {names}, csv:PATH", "未知的数据集 `{name}`；允许：{names}、csv:PATH"),
    ("cannot read the file: {error}", "无法读取文件：{error}"),
    ("allowed: first, last, or a header name", "允许：first、last 或表头中的列名"),
    ("; did you mean `{near}`?", "；你是想写 `{near}` 吗？"),
    ("… ({count} columns)", "…（共 {count} 列）"),
    (
        "no column named `{name}` for the label (data.label_column); the header's columns are {columns}{hint}",
        "没有名为 `{name}` 的标签列（data.label_column）；表头中的列为 {columns}{hint}",
    ),
    (
        "need at least 2 columns (features, then a label), found {columns}",
        "至少需要 2 列（先是特征，再是标签），实际只有 {columns} 列",
    ),
    ("{features} feature columns; at most {max} are allowed", "{features} 个特征列；最多允许 {max} 个"),
    (
        "the label column is named `{name}` (data.label_column), but the file has no header (its first row is all numbers); use first or last",
        "标签列被指定为 `{name}`（data.label_column），但文件没有表头（第一行全是数字）；请使用 first 或 last",
    ),
    ("expected {columns} fields, found {found}", "应有 {columns} 个字段，实际为 {found} 个"),
    ("more than {max} data rows; at most {max} can be loaded", "数据行超过 {max} 行；最多只能加载 {max} 行"),
    ("the field is not UTF-8 text", "该字段不是 UTF-8 文本"),
    ("`{field}` is not a number (feature columns must be numeric)", "`{field}` 不是数字（特征列必须是数值）"),
    ("`{field}` is not a finite 32-bit number", "`{field}` 不是有限的 32 位浮点数"),
    ("the label is empty", "标签为空"),
    (
        "the label `{label}` makes {count} classes; at most {max} are allowed",
        "标签 `{label}` 使类别数达到 {count} 个；最多允许 {max} 个",
    ),
    ("the file has no data rows", "文件中没有数据行"),
    ("the file has a header but no data rows", "文件只有表头，没有数据行"),
    ("found only one class (`{name}`); at least 2 are needed", "只找到一个类别（`{name}`）；至少需要 2 个"),
    ("internal shape error: {error}", "内部形状错误：{error}"),
    // Presets (src/preset).
    (
        "the preset is empty; expected a JSON object such as {{\"training\": {{\"lambda\": 0.1}}}}",
        "预设为空；应为一个 JSON 对象，例如 {{\"training\": {{\"lambda\": 0.1}}}}",
    ),
    (
        "a preset must be a JSON object such as {{\"training\": {{\"lambda\": 0.1}}}}; found {found}",
        "预设必须是一个 JSON 对象，例如 {{\"training\": {{\"lambda\": 0.1}}}}；实际是{found}",
    ),
    ("`{field}` must be a JSON object; found {found}", "`{field}` 必须是一个 JSON 对象；实际是{found}"),
    ("an array", "一个数组"),
    ("a string", "一个字符串"),
    ("a number", "一个数字"),
    ("a boolean", "一个布尔值"),
    ("an object", "一个对象"),
    ("unknown field `{field}`{place}{suggestion}", "未知字段 `{field}`{place}{suggestion}"),
    ("unknown name `{name}`{place}{suggestion}", "未知名称 `{name}`{place}{suggestion}"),
    (" in `{parent}`", "（位于 `{parent}` 中）"),
    (" (line {line}); did you mean `{best}`?", "（第 {line} 行）；你是想写 `{best}` 吗？"),
    (" (line {line}); allowed: {names}", "（第 {line} 行）；允许：{names}"),
    ("not a valid preset: {message}", "不是有效的预设：{message}"),
    (
        "no preset `{name}`{hint}: not a built-in preset ({names}) and no such file",
        "找不到预设 `{name}`{hint}：它既不是内置预设（{names}），也不是已有的文件",
    ),
    ("; did you mean `{guess}`?", "；你是想写 `{guess}` 吗？"),
    ("a file of that name exists already", "同名文件已存在"),
    ("exactly {low} for {dataset}", "{dataset} 恰好为 {low}"),
    ("at most {max} with data.test_fraction, so training keeps data", "与 data.test_fraction 合计最多 {max}，以便留下训练数据"),
    ("not finite", "非有限值"),
    ("finite angles", "有限的角度"),
    (
        "{min_layers} to {max_layers} layers of {min_units} to {max_units} units",
        "{min_layers} 到 {max_layers} 层，每层 {min_units} 到 {max_units} 个单元",
    ),
    ("{count} entries long", "共 {count} 条"),
    ("0 to {max} entries", "0 到 {max} 条"),
    (
        "a step after script[{index}].at_step ({before}); entries run in order",
        "晚于 script[{index}].at_step（{before}）的步；各条按顺序执行",
    ),
    (
        "`data.scale` is `{scale}` but the older `data.standardize` is {standardize}; give only `scale` (standardize, unit or none)",
        "`data.scale` 为 `{scale}`，但旧的 `data.standardize` 为 {standardize}；只需给出 `scale`（standardize、unit 或 none）",
    ),
    // Runs, the λ search and exports.
    ("unknown panic", "未知的内部错误"),
    ("could not start the new run: {error}", "无法开始新的训练：{error}"),
    ("could not start {what}: {message}", "无法开始 {what}：{message}"),
    ("the trainer is not running — press Reset to start it again", "训练线程没有运行——请按“重置”重新开始"),
    ("a run of the λ search stopped with an internal error", "λ 搜索中的一次训练因内部错误而停止"),
    ("the λ search could not start a thread: {error}", "λ 搜索无法启动线程：{error}"),
    ("{path}: not a file name", "{path}: 不是文件名"),
    ("cannot write {path}: the folder {folder} does not exist", "无法写入 {path}：文件夹 {folder} 不存在"),
    ("cannot write {path}: it is a folder", "无法写入 {path}：它是一个文件夹"),
    ("cannot write {path}: {error}", "无法写入 {path}：{error}"),
];
