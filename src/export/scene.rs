//! What a feature-space picture shows, taken from a trainer or a snapshot, and how it is
//! flattened onto the page (3-D features by [`crate::projection`], as in the window; features
//! of more than 3 dimensions first by [`crate::embedding`], see [`FeatureScene::projected`]).

use crate::embedding::{Basis, Mode, ProjectionInfo, needs_projection};
use crate::projection::Orbit;
use crate::trainer::{Part, Snapshot, Trainer};
use ndarray::Array2;
use std::sync::Arc;

/// The features of every sample, their classes and the class centers at one moment of a run.
#[derive(Clone, Debug)]
pub struct FeatureScene {
    /// Features of every sample, `n × k`; drawn when `k` = 2 or 3 (larger `k` is projected
    /// first, [`FeatureScene::projected`]).
    pub features: Array2<f32>,
    /// Class of each row of `features`.
    pub labels: Vec<usize>,
    /// Class centers, `C × k`.
    pub centers: Array2<f32>,
    /// Past center positions, oldest first, each `C × k` (empty for a still figure).
    pub trail: Vec<Array2<f32>>,
    /// Name of each class.
    pub class_names: Vec<String>,
    /// How 3-D features are viewed: the run's camera (`view.camera` of its preset), so a figure
    /// shows what the window shows at first.
    pub orbit: Orbit,
    /// How the features were projected from a higher dimension, if they were (axis names with
    /// their variance shares, and the caption).
    pub projection: Option<Arc<ProjectionInfo>>,
}

impl FeatureScene {
    /// The features of both splits (train rows first) and the centers of `trainer`, now.
    pub fn from_trainer(trainer: &Trainer) -> FeatureScene {
        let split = trainer.split();
        let (train, _) = trainer.forward_split(Part::Train);
        let (test, _) = trainer.forward_split(Part::Test);
        let mut features = train;
        // Both passes come from the same network, so the column counts agree.
        let _ = features.append(ndarray::Axis(0), test.view());
        FeatureScene {
            features,
            labels: split.train_y.iter().chain(&split.test_y).copied().collect(),
            centers: trainer.centers().clone(),
            trail: Vec::new(),
            class_names: split.class_names.clone(),
            orbit: trainer.preset().view.camera.orbit(),
            projection: None,
        }
    }

    /// The same picture from a snapshot of the app, trail included.
    pub fn from_snapshot(snapshot: &Snapshot) -> FeatureScene {
        FeatureScene {
            features: snapshot.features.clone(),
            labels: (0..snapshot.features.nrows()).map(|row| snapshot.label(row)).collect(),
            centers: snapshot.centers.clone(),
            trail: snapshot.trail.clone(),
            class_names: snapshot.split.class_names.clone(),
            orbit: snapshot.preset.view.camera.orbit(),
            projection: snapshot.projection.clone(),
        }
    }

    /// The scene ready to draw under `mode`: 2-D and 3-D features in PCA mode as they are;
    /// otherwise features, centers and trail mapped by a basis fitted to these features (PCA
    /// with two axes, aligned with `previous` — an animation's previous frame — or the two or
    /// three chosen dimensions). Returns the basis used, if any. Fails only for chosen
    /// dimensions that do not exist, naming the allowed range.
    pub fn projected(self, mode: &Mode, previous: Option<&Basis>) -> Result<(FeatureScene, Option<Basis>), String> {
        if self.projection.is_some() || !needs_projection(self.feature_dim(), mode) {
            return Ok((self, None));
        }
        let basis = Basis::fit(self.features.view(), mode, 2, previous).map_err(|e| format!("--projection: {e}"))?;
        let scene = FeatureScene {
            features: basis.project(self.features.view()),
            centers: basis.project(self.centers.view()),
            trail: self.trail.iter().map(|c| basis.project(c.view())).collect(),
            projection: Some(Arc::new(basis.info())),
            ..self
        };
        Ok((scene, Some(basis)))
    }

    /// [`FeatureScene::projected`] in PCA mode, which cannot fail.
    pub fn projected_pca(self) -> FeatureScene {
        let fallback = self.clone();
        self.projected(&Mode::Pca, None).map_or(fallback, |(scene, _)| scene)
    }

    /// Feature dimension `k`.
    pub fn feature_dim(&self) -> usize {
        self.centers.ncols()
    }

    /// Flattens the scene onto the page (see [`Projection`]); non-finite points are left out.
    pub fn project(&self) -> FlatScene {
        let projection = Projection::for_dim(self.feature_dim(), self.orbit);
        let mut points: Vec<FlatPoint> = self
            .features
            .rows()
            .into_iter()
            .zip(&self.labels)
            .filter_map(|(row, &class)| {
                let (x, y, depth) = projection.apply(row.as_slice()?)?;
                Some(FlatPoint { x, y, depth, class })
            })
            .collect();
        // Far points first, so near ones are drawn on top; stable, so 2-D keeps its order.
        points.sort_by(|a, b| b.depth.total_cmp(&a.depth));
        let flatten = |centers: &Array2<f32>| -> Vec<Option<(f64, f64)>> {
            centers
                .rows()
                .into_iter()
                .map(|row| row.as_slice().and_then(|r| projection.apply(r)).map(|(x, y, _)| (x, y)))
                .collect()
        };
        let mut axis_extent = vec![0.0f64; self.feature_dim()];
        for row in self.features.rows().into_iter().chain(self.centers.rows()) {
            for (extent, &v) in axis_extent.iter_mut().zip(row.iter()) {
                if v.is_finite() {
                    *extent = extent.max(f64::from(v).abs());
                }
            }
        }
        // In 3-D, where each center stands on the f1-f2 floor, to show its height.
        let center_floors = match projection {
            Projection::Plane => Vec::new(),
            Projection::Oblique(_) => {
                let mut floors = self.centers.clone();
                floors.column_mut(2).fill(0.0);
                flatten(&floors)
            }
        };
        let (axis_names, caption) = match &self.projection {
            Some(info) => (info.labels.clone(), Some(info.caption())),
            None if projection == Projection::Plane => (vec![t!("feature 1").into(), t!("feature 2").into()], None),
            None => (crate::projection::FEATURE_AXES.iter().map(|s| s.to_string()).collect(), None),
        };
        FlatScene {
            points,
            axis_names,
            caption,
            axis_extent,
            center_floors,
            centers: flatten(&self.centers),
            trail: self.trail.iter().map(flatten).collect(),
            class_names: self.class_names.clone(),
            projection,
        }
    }
}

/// One sample on the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlatPoint {
    /// Horizontal page coordinate, in feature units.
    pub x: f64,
    /// Vertical page coordinate, in feature units.
    pub y: f64,
    /// Distance into the page (0 for 2-D features).
    pub depth: f64,
    /// Its class.
    pub class: usize,
}

/// A scene flattened onto the page, in feature units.
#[derive(Clone, Debug)]
pub struct FlatScene {
    /// Samples, far ones first.
    pub points: Vec<FlatPoint>,
    /// Name of each drawn axis: `feature 1`, `feature 2` in 2-D, `f1`–`f3` in 3-D, or the
    /// projection's labels with their variance shares (`PC1 · 43 %`).
    pub axis_names: Vec<String>,
    /// What a projected picture is (`PCA of 128-D features · metrics in 128-D`), drawn under it.
    pub caption: Option<String>,
    /// Largest `|f_d|` over samples and centers, per feature dimension (how long to draw the
    /// feature axes of a 3-D view).
    pub axis_extent: Vec<f64>,
    /// For 3-D features: each center dropped onto the f1-f2 plane (empty for 2-D).
    pub center_floors: Vec<Option<(f64, f64)>>,
    /// Center of each class (`None` if non-finite).
    pub centers: Vec<Option<(f64, f64)>>,
    /// Past centers, oldest first.
    pub trail: Vec<Vec<Option<(f64, f64)>>>,
    /// Name of each class.
    pub class_names: Vec<String>,
    /// How it was flattened.
    pub projection: Projection,
}

impl FlatScene {
    /// The smallest box holding every point, center and trail position; `None` if empty.
    pub fn bounds(&self) -> Option<Bounds> {
        let trail = self.trail.iter().flatten();
        let all = self.points.iter().map(|p| Some((p.x, p.y))).chain(self.centers.iter().copied()).chain(trail.copied());
        let mut bounds: Option<Bounds> = None;
        for (x, y) in all.flatten() {
            let b = bounds.get_or_insert(Bounds { x: [x, x], y: [y, y] });
            b.x = [b.x[0].min(x), b.x[1].max(x)];
            b.y = [b.y[0].min(y), b.y[1].max(y)];
        }
        bounds
    }
}

/// An axis-aligned box on the page, in feature units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// `[min, max]` horizontally.
    pub x: [f64; 2],
    /// `[min, max]` vertically.
    pub y: [f64; 2],
}

/// The part of the page a panel shows: a center and a half-width, so that one feature unit is
/// as long across as up (equal aspect) whatever the panel's shape.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Middle of the view.
    pub center: (f64, f64),
    /// Half of the larger of the two spans to show, in feature units.
    pub half_span: f64,
}

impl View {
    /// A view showing `bounds` with a margin of `margin` (a fraction of the span) on each side.
    pub fn fitting(bounds: Bounds, margin: f64) -> View {
        let center = ((bounds.x[0] + bounds.x[1]) / 2.0, (bounds.y[0] + bounds.y[1]) / 2.0);
        let span = (bounds.x[1] - bounds.x[0]).max(bounds.y[1] - bounds.y[0]);
        // A cloud that has collapsed to a point still gets a visible window around it.
        let floor = 1e-3 * (1.0 + center.0.abs().max(center.1.abs()));
        View { center, half_span: (span / 2.0 * (1.0 + 2.0 * margin)).max(floor) }
    }

    /// The default view of a scene: everything, with a 6 % margin.
    pub fn of(scene: &FlatScene) -> View {
        scene.bounds().map_or(View { center: (0.0, 0.0), half_span: 1.0 }, |b| View::fitting(b, 0.06))
    }

    /// Moves `fraction` of the way toward `target` (the center linearly, the zoom on a log
    /// scale, so growing and shrinking look alike), then widens as needed to still hold
    /// `must_hold`.
    pub fn approach(self, target: View, fraction: f64, must_hold: Option<Bounds>) -> View {
        let lerp = |a: f64, b: f64| a + (b - a) * fraction;
        let mut next = View {
            center: (lerp(self.center.0, target.center.0), lerp(self.center.1, target.center.1)),
            half_span: (lerp(self.half_span.ln(), target.half_span.ln())).exp(),
        };
        if let Some(b) = must_hold {
            let need = [b.x[0] - next.center.0, b.x[1] - next.center.0, b.y[0] - next.center.1, b.y[1] - next.center.1]
                .iter()
                .fold(0.0f64, |m, d| m.max(d.abs()));
            next.half_span = next.half_span.max(need * 1.02);
        }
        if next.half_span.is_finite() && next.center.0.is_finite() && next.center.1.is_finite() { next } else { target }
    }

    /// The `(x, y)` ranges for a plot area of `width × height` pixels, equal aspect.
    pub fn ranges(self, width_px: u32, height_px: u32) -> ([f64; 2], [f64; 2]) {
        let (w, h) = (f64::from(width_px.max(1)), f64::from(height_px.max(1)));
        let (half_x, half_y) =
            if w >= h { (self.half_span * w / h, self.half_span) } else { (self.half_span, self.half_span * h / w) };
        let (cx, cy) = self.center;
        ([cx - half_x, cx + half_x], [cy - half_y, cy + half_y])
    }
}

/// How `k`-dimensional features land on the page: 2-D features as they are, 3-D features by
/// an orbit view ([`crate::projection`], orthographic: the perspective is the window's alone).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Projection {
    /// `x = f1`, `y = f2`.
    Plane,
    /// `(x, y, depth)` of [`Orbit::apply`].
    Oblique(Orbit),
}

impl Projection {
    /// The plane for 2-D features, `orbit` for 3-D.
    pub fn for_dim(k: usize, orbit: Orbit) -> Projection {
        if k >= 3 { Projection::Oblique(orbit) } else { Projection::Plane }
    }

    /// `(x, y, depth)` of one feature vector, or `None` if it is not finite or too short.
    pub fn apply(self, f: &[f32]) -> Option<(f64, f64, f64)> {
        let get = |i: usize| f.get(i).map(|&v| f64::from(v)).filter(|v| v.is_finite());
        match self {
            Projection::Plane => Some((get(0)?, get(1)?, 0.0)),
            Projection::Oblique(orbit) => {
                let [x, y, depth] = orbit.apply([get(0)?, get(1)?, get(2)?]);
                Some((x, y, depth))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_d_features_go_through_the_shared_orbit() {
        let p = Projection::for_dim(3, Orbit::default());
        let (x, y, d) = p.apply(&[0.5, -1.0, 2.0]).expect("finite");
        assert_eq!([x, y, d], Orbit::default().apply([0.5, -1.0, 2.0]));
        assert_eq!(Projection::for_dim(2, Orbit::default()), Projection::Plane);
    }

    #[test]
    fn non_finite_features_are_left_out() {
        assert_eq!(Projection::Plane.apply(&[f32::NAN, 1.0]), None);
        assert_eq!(Projection::Plane.apply(&[2.0, 1.0]), Some((2.0, 1.0, 0.0)));
    }

    #[test]
    fn ranges_have_equal_aspect() {
        let view = View { center: (1.0, -1.0), half_span: 2.0 };
        let (x, y) = view.ranges(800, 400);
        // 800 px across 8 units and 400 px across 4 units: 100 px per unit both ways.
        assert_eq!(x, [-3.0, 5.0]);
        assert_eq!(y, [-3.0, 1.0]);
    }

    #[test]
    fn approaching_still_holds_the_points() {
        let from = View { center: (0.0, 0.0), half_span: 1.0 };
        let to = View { center: (0.0, 0.0), half_span: 100.0 };
        let next = from.approach(to, 0.1, Some(Bounds { x: [-50.0, 50.0], y: [0.0, 0.0] }));
        assert!(next.half_span >= 50.0 && next.half_span < 100.0, "{next:?}");
    }
}
