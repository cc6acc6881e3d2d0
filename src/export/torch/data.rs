//! The script's data: loading or generating it (one `load_data` per kind of data set), the
//! seeded stratified split, the standardisation and the mini-batches, as the app does them
//! (`src/data/`, `Trainer::next_batch`).

use crate::data::DatasetKind;
use crate::preset::Preset;

/// `load_data()`, the split, the scaling and the batches.
pub(super) fn data_section(preset: &Preset) -> String {
    [load_data(&preset.data.dataset), SPLIT.to_string(), BATCHES.to_string()].join("\n\n\n")
}

/// `load_data()` for `kind`: `x` (n × d, float32) and `y` (n, class indices from 0).
fn load_data(kind: &DatasetKind) -> String {
    match kind {
        DatasetKind::Digits => DIGITS.to_string(),
        DatasetKind::Csv(_) => CSV.to_string(),
        generated => {
            let (dim, lines) = shape_lines(generated);
            let body: String = lines.iter().map(|l| format!("        {l}\n")).collect();
            GENERATED.replace("{NAME}", generated.short_name()).replace("{DIM}", &dim.to_string()).replace("{SHAPE}\n", &body)
        }
    }
}

/// The input dimension and the numpy lines that set `points` (n × dim) for class `c` of a
/// generated data set, with `t` (where along its shape each point lies, in [0, 1)) and `phase`
/// given: the formulas of `src/data/synthetic.rs`.
fn shape_lines(kind: &DatasetKind) -> (usize, Vec<&'static str>) {
    match kind {
        DatasetKind::Blobs => (2, vec!["points = np.tile([2 * np.cos(phase), 2 * np.sin(phase)], (PER_CLASS, 1))"]),
        DatasetKind::Rings => (
            2,
            vec![
                "radius = 0.5 + c",
                "angle = 2 * np.pi * rng.random(PER_CLASS)",
                "points = radius * np.stack([np.cos(angle), np.sin(angle)], 1)",
            ],
        ),
        DatasetKind::Moons => (
            2,
            vec![
                "angle = np.pi * t  # half-circles of radius 1, alternately opening down and up",
                "x = c + np.cos(angle) - 0.5 * (CLASSES - 1)",
                "y = np.sin(angle) - 0.25 if c % 2 == 0 else 0.25 - np.sin(angle)",
                "points = np.stack([x, y], 1)",
            ],
        ),
        DatasetKind::Xor => (
            2,
            vec![
                "quadrant = np.where(rng.random(PER_CLASS) < 0.5, 1.0, -1.0)",
                "other = quadrant if c == 0 else -quadrant",
                "points = np.stack([quadrant, other], 1)",
            ],
        ),
        DatasetKind::Blobs3d => (
            3,
            vec![
                "y = 1 - 2 * (c + 0.5) / CLASSES  # Fibonacci points on a sphere of radius 2",
                "r = np.sqrt(1 - y * y)",
                "angle = np.pi * (3 - np.sqrt(5)) * c",
                "points = np.tile([2 * r * np.cos(angle), 2 * y, 2 * r * np.sin(angle)], (PER_CLASS, 1))",
            ],
        ),
        DatasetKind::Shells3d => (
            3,
            vec![
                "radius = 0.5 + c",
                "z = 2 * rng.random(PER_CLASS) - 1",
                "angle = 2 * np.pi * rng.random(PER_CLASS)",
                "r = np.sqrt(1 - z * z)",
                "points = radius * np.stack([r * np.cos(angle), r * np.sin(angle), z], 1)",
            ],
        ),
        DatasetKind::Helix3d => {
            (3, vec!["angle = phase + 2 * 2 * np.pi * t", "points = np.stack([np.cos(angle), np.sin(angle), 4 * t - 2], 1)"])
        }
        // Spirals, and the fallback for kinds that are not generated (never asked for here).
        _ => (
            2,
            vec![
                "radius = 0.1 + 1.9 * t  # one and a half turns per arm, radius from 0.1 to 2",
                "angle = phase + 1.5 * 2 * np.pi * t",
                "points = np.stack([radius * np.cos(angle), radius * np.sin(angle)], 1)",
            ],
        ),
    }
}

const GENERATED: &str = r#"def load_data():
    """The {NAME} data: PER_CLASS points per class plus Gaussian noise of std NOISE. The same
    recipe as the app's generator (src/data/synthetic.rs), not the same samples."""
    xs, ys = [], []
    for c in range(CLASSES):
        t = (np.arange(PER_CLASS) + rng.random(PER_CLASS)) / PER_CLASS  # where along its shape, in [0, 1)
        phase = 2 * np.pi * c / CLASSES
{SHAPE}
        xs.append(points + NOISE * rng.standard_normal((PER_CLASS, {DIM})))
        ys.append(np.full(PER_CLASS, c))
    return np.concatenate(xs).astype(np.float32), np.concatenate(ys)"#;

const DIGITS: &str = r#"def load_data():
    """The 8x8 handwritten digits 0 to CLASSES - 1: scikit-learn's copy of the UCI test set, the
    same 1,797 images the app embeds; pixels scaled from 0..16 to [0, 1] as in the app."""
    from sklearn.datasets import load_digits

    digits = load_digits(n_class=CLASSES)
    return (digits.data / 16.0).astype(np.float32), digits.target"#;

const CSV: &str = r##"def load_data():
    """Numeric feature columns and the label (in LABEL_COLUMN), as the app reads CSV_PATH: comma,
    semicolon or tab (whichever splits the first rows evenly), an optional header row, blank lines
    and '#' comments skipped, a decimal comma with ';' or tab. Numeric labels are ordered by value,
    others by first appearance."""
    import csv

    with open(CSV_PATH, newline="", encoding="utf-8-sig") as file:
        lines = [l for l in file.read().splitlines() if l.strip() and not l.lstrip().startswith("#")]

    def evenness(delimiter):  # (rows agreeing on one field count of at least 2, that count)
        counts = [len(row) for row in csv.reader(lines[:20], delimiter=delimiter)]
        return max([(counts.count(n), n) for n in set(counts) if n >= 2], default=(0, 0))

    delimiter = max([",", ";", "\t"], key=evenness)
    rows = [[field.strip() for field in row] for row in csv.reader(lines, delimiter=delimiter)]

    def number(field):
        if delimiter != "," and field.count(",") == 1 and "." not in field:
            field = field.replace(",", ".")
        try:
            return float(field)
        except ValueError:
            return None

    label = {"first": 0, "last": len(rows[0]) - 1}.get(LABEL_COLUMN)
    if label is None:  # a header name
        label, rows = rows[0].index(LABEL_COLUMN), rows[1:]
    elif any(number(field) is None for i, field in enumerate(rows[0]) if i != label):
        rows = rows[1:]  # a header row
    x = np.array([[number(f) for i, f in enumerate(row) if i != label] for row in rows], dtype=np.float32)
    labels = [row[label] for row in rows]
    names = list(dict.fromkeys(labels))  # first appearance
    if all(number(name) is not None for name in names):
        names.sort(key=number)
    return x, np.array([names.index(label) for label in labels])"##;

const SPLIT: &str = r#"def split(x, y):
    """Per class, one shuffle: the first round(n * TEST_FRACTION) samples go to test, the next
    round(n * VALIDATION_FRACTION) to validation, the rest to training (every class keeps at
    least one), so every part keeps the class proportions. VALIDATION_FRACTION 0: no validation."""
    train, validation, test = [], [], []
    for c in np.unique(y):
        rows = rng.permutation(np.flatnonzero(y == c))
        n_test = min(int(np.floor(len(rows) * TEST_FRACTION + 0.5)), len(rows) - 1)
        n_validation = min(int(np.floor(len(rows) * VALIDATION_FRACTION + 0.5)), len(rows) - 1 - n_test)
        test.extend(rows[:n_test])
        validation.extend(rows[n_test : n_test + n_validation])
        train.extend(rows[n_test + n_validation :])
    # Shuffle each part (validation last, as the app does); an empty part stays an empty index.
    train, test, validation = (rng.permutation(np.array(p, dtype=np.int64)) for p in (train, test, validation))
    return x[train], y[train], x[validation], y[validation], x[test], y[test]


def standardize(train_x, *others):
    """Scale every part by the training part's mean and (population) standard deviation, so the
    validation and test parts never inform the scaling; constant columns, such as pixels that are
    blank in every image, are only centred."""
    mean, std = train_x.mean(0), train_x.std(0)
    std[std <= 1e-6] = 1.0
    return [(part - mean) / std for part in (train_x, *others)]


def unit_scale(train_x, *others):
    """Scale every column to [0, 1] by the training part's minimum and range (max - min), as for
    pixel-like inputs; a constant column becomes 0, and the other parts use the same numbers."""
    low = train_x.min(0)
    span = train_x.max(0) - low
    span[span <= 0] = 1.0
    return [(part - low) / span for part in (train_x, *others)]"#;

const BATCHES: &str = r#"class Batches:
    """Endless mini-batches of training rows, as the app draws them: walk through a shuffled
    order and reshuffle when it runs out (a batch may span the end of one pass and the next)."""

    def __init__(self, n):
        self.order, self.cursor = np.arange(n), n

    def next(self, size):
        size, rows = min(size, len(self.order)), []
        while len(rows) < size:
            if self.cursor >= len(self.order):
                rng.shuffle(self.order)
                self.cursor = 0
            take = min(size - len(rows), len(self.order) - self.cursor)
            rows.extend(self.order[self.cursor : self.cursor + take])
            self.cursor += take
        return torch.as_tensor(np.array(rows))"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_set_gets_its_own_shape_and_dimension() {
        let spirals = load_data(&DatasetKind::Spirals);
        assert!(spirals.contains("radius = 0.1 + 1.9 * t"), "{spirals}");
        assert!(spirals.contains("rng.standard_normal((PER_CLASS, 2))"), "{spirals}");
        let shells = load_data(&DatasetKind::Shells3d);
        assert!(shells.contains("r * np.sin(angle), z], 1)"), "{shells}");
        assert!(shells.contains("rng.standard_normal((PER_CLASS, 3))"), "{shells}");
        for kind in DatasetKind::BUILT_IN.iter().filter(|k| k.is_generated()) {
            let code = load_data(kind);
            for placeholder in ["{SHAPE}", "{NAME}", "{DIM}"] {
                assert!(!code.contains(placeholder), "{placeholder} left in {kind}");
            }
            assert!(code.contains("points = "), "{kind}");
            // The shape's lines sit inside the class loop.
            assert!(code.contains("\n        points = "), "{kind}: {code}");
        }
    }

    #[test]
    fn the_split_holds_out_test_then_validation_then_train() {
        let test = SPLIT.find("test.extend(rows[:n_test])").unwrap_or(usize::MAX);
        let validation = SPLIT.find("validation.extend(rows[n_test : n_test + n_validation])").unwrap_or(usize::MAX);
        let train = SPLIT.find("train.extend(rows[n_test + n_validation :])").unwrap_or(usize::MAX);
        assert!(test < validation && validation < train && train < usize::MAX, "{SPLIT}");
        assert!(SPLIT.contains("len(rows) - 1 - n_test)"), "every class keeps a training sample");
        assert!(SPLIT.contains("return x[train], y[train], x[validation], y[validation], x[test], y[test]"));
        assert!(SPLIT.contains("for part in (train_x, *others)"), "validation scaled by the train statistics");
    }

    #[test]
    fn digits_and_csv_are_read_not_generated() {
        assert!(load_data(&DatasetKind::Digits).contains("load_digits(n_class=CLASSES)"));
        let csv = load_data(&DatasetKind::Csv("a.csv".into()));
        assert!(csv.contains("open(CSV_PATH"));
        assert!(!csv.contains("NOISE"));
    }
}
