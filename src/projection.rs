//! The one way 3-D features are turned into a picture, shared by the window's 3-D view and every
//! exported figure and animation, so a slide made with `render` shows what the window shows.
//!
//! An orbit camera around the origin with the third feature axis `f3` pointing up. First turn
//! by `yaw` about `f3`, then tip by `pitch` toward the viewer (looking down on the f1–f2 floor
//! for `pitch > 0`):
//!
//! ```text
//! u = cos(yaw)·f1 − sin(yaw)·f2                  (across, before tipping)
//! d = sin(yaw)·f1 + cos(yaw)·f2                  (into the page, before tipping)
//! x = u                                           (right)
//! y = cos(pitch)·f3 + sin(pitch)·d               (up)
//! depth = cos(pitch)·d − sin(pitch)·f3           (into the page: larger is farther)
//! ```
//!
//! The map is a rotation, so `x² + y² + depth² = ‖f‖²` and lengths across the page keep their
//! scale. At `yaw = pitch = 0`, `f1` points right, `f3` up and `f2` into the page.
//!
//! The window adds a mild perspective: a point is drawn `perspective(depth, extent)` times its
//! size and distance from the middle, `1 / max(1 + 0.25·depth/extent, 0.2)`, where `extent` is
//! the cloud's radius — near points larger, far points smaller. Figures stay orthographic (the
//! factor is 1), so distances on a slide can be compared.

/// Names of the three feature axes, as every 3-D picture labels them.
pub const FEATURE_AXES: [&str; 3] = ["f1", "f2", "f3"];

/// The turn about `f3` of the default view: 35°, in radians.
pub const DEFAULT_YAW: f64 = 35.0 * std::f64::consts::PI / 180.0;
/// The tip toward the viewer of the default view: 25°, in radians.
pub const DEFAULT_PITCH: f64 = 25.0 * std::f64::consts::PI / 180.0;
/// How strongly the window's perspective enlarges near points (see the module doc).
pub const PERSPECTIVE_STRENGTH: f64 = 0.25;

/// An orbit view: the two angles of the module doc, in radians.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Orbit {
    /// Turn about the `f3` axis.
    pub yaw: f64,
    /// Tip toward the viewer.
    pub pitch: f64,
}

impl Default for Orbit {
    /// The default view of the window and of every figure: 35° turned, 25° tipped.
    fn default() -> Self {
        Orbit { yaw: DEFAULT_YAW, pitch: DEFAULT_PITCH }
    }
}

impl Orbit {
    /// The rotation of this view, its sines and cosines computed once for many points.
    pub fn rotation(self) -> Rotation {
        let (sin_yaw, cos_yaw) = self.yaw.sin_cos();
        let (sin_pitch, cos_pitch) = self.pitch.sin_cos();
        Rotation { sin_yaw, cos_yaw, sin_pitch, cos_pitch }
    }

    /// `[x, y, depth]` of one feature vector (see the module doc).
    pub fn apply(self, f: [f64; 3]) -> [f64; 3] {
        self.rotation().apply(f)
    }
}

/// An [`Orbit`] ready to apply: `sin` and `cos` of both angles.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rotation {
    sin_yaw: f64,
    cos_yaw: f64,
    sin_pitch: f64,
    cos_pitch: f64,
}

impl Rotation {
    /// `[x, y, depth]` of `f = [f1, f2, f3]`: `x` right, `y` up, `depth` into the page.
    pub fn apply(&self, f: [f64; 3]) -> [f64; 3] {
        let [f1, f2, f3] = f;
        let across = self.cos_yaw * f1 - self.sin_yaw * f2;
        let into = self.sin_yaw * f1 + self.cos_yaw * f2;
        [across, self.cos_pitch * f3 + self.sin_pitch * into, self.cos_pitch * into - self.sin_pitch * f3]
    }
}

/// The window's perspective factor for a point at `depth` in a cloud of radius `extent`: about
/// 1.33 at the nearest edge, 1 in the middle, 0.8 at the farthest edge.
pub fn perspective(depth: f64, extent: f64) -> f64 {
    let extent = extent.max(1e-12);
    1.0 / (1.0 + PERSPECTIVE_STRENGTH * depth / extent).max(0.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: [f64; 3], b: [f64; 3]) -> bool {
        a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    #[test]
    fn known_vectors_at_known_angles() {
        // No turn, no tip: f1 right, f3 up, f2 into the page.
        let flat = Orbit { yaw: 0.0, pitch: 0.0 };
        assert!(close(flat.apply([1.0, 0.0, 0.0]), [1.0, 0.0, 0.0]));
        assert!(close(flat.apply([0.0, 0.0, 1.0]), [0.0, 1.0, 0.0]));
        assert!(close(flat.apply([0.0, 1.0, 0.0]), [0.0, 0.0, 1.0]));
        // Turned 90°: f1 goes into the page, f2 comes to point left.
        let turned = Orbit { yaw: std::f64::consts::FRAC_PI_2, pitch: 0.0 };
        assert!(close(turned.apply([1.0, 0.0, 0.0]), [0.0, 0.0, 1.0]));
        assert!(close(turned.apply([0.0, 1.0, 0.0]), [-1.0, 0.0, 0.0]));
        // Tipped 90° (looking straight down): f2 points up the page, f3 out of it.
        let down = Orbit { yaw: 0.0, pitch: std::f64::consts::FRAC_PI_2 };
        assert!(close(down.apply([0.0, 1.0, 0.0]), [0.0, 1.0, 0.0]));
        assert!(close(down.apply([0.0, 0.0, 1.0]), [0.0, 0.0, -1.0]));
        // Turned 30° and tipped 60°, f = (2, 0, 1), by hand:
        // u = cos30·2 = √3, d = sin30·2 = 1; y = cos60·1 + sin60·1 = 0.5 + √3/2;
        // depth = cos60·1 − sin60·1 = 0.5 − √3/2.
        let (s3, r3) = (3f64.sqrt(), 3f64.sqrt() / 2.0);
        let view = Orbit { yaw: 30f64.to_radians(), pitch: 60f64.to_radians() };
        assert!(close(view.apply([2.0, 0.0, 1.0]), [s3, 0.5 + r3, 0.5 - r3]), "{:?}", view.apply([2.0, 0.0, 1.0]));
    }

    #[test]
    fn the_default_view_keeps_lengths_and_shows_f3_up() {
        let view = Orbit::default();
        for f in [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.6, 0.0, 0.8], [1.0, -2.0, 2.0]] {
            let [x, y, d] = view.apply(f);
            let norm2: f64 = f.iter().map(|v| v * v).sum();
            assert!((x * x + y * y + d * d - norm2).abs() < 1e-12, "{f:?}");
        }
        // f3 points up the page, shortened by cos(25°) = 0.906.
        let [x, y, _] = view.apply([0.0, 0.0, 1.0]);
        assert!(x.abs() < 1e-12 && (y - 0.906_307_787).abs() < 1e-6);
    }

    #[test]
    fn near_points_are_drawn_larger() {
        assert_eq!(perspective(0.0, 2.0), 1.0);
        assert!((perspective(-2.0, 2.0) - 1.0 / 0.75).abs() < 1e-12, "nearest edge");
        assert!((perspective(2.0, 2.0) - 0.8).abs() < 1e-12, "farthest edge");
        assert_eq!(perspective(-100.0, 1.0), 5.0, "bounded");
    }
}
