//! A logarithmic plotters axis that can also place 0, one gap to the left of the smallest
//! positive value, and that picks readable ticks even across less than a decade.
//!
//! Position on the axis: `p(v) = log10(v)` for `v > 0`, and `p(0) = zero_at`.

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use std::ops::Range;

/// A log axis over `[10^lo, 10^hi]`, optionally with 0 drawn at `zero_at < lo`.
#[derive(Clone, Debug, PartialEq)]
pub struct LogAxis {
    /// Left (or bottom) end of the axis, as a position.
    pub lo: f64,
    /// Right (or top) end of the axis, as a position.
    pub hi: f64,
    /// Where 0 sits, if it is on the axis.
    pub zero_at: Option<f64>,
    /// Ticks to use instead of computed ones (e.g. the λ values of a sweep).
    pub marks: Option<Vec<f64>>,
}

impl LogAxis {
    /// An axis through every value in `values` (non-finite and negative ones ignored), padded
    /// by `pad` decades; a 0 among them sits one decade left of the smallest positive value.
    pub fn through(values: &[f64], pad: f64) -> LogAxis {
        let positive: Vec<f64> = values.iter().copied().filter(|v| v.is_finite() && *v > 0.0).collect();
        let has_zero = values.contains(&0.0);
        let lowest = positive.iter().copied().map(f64::log10).reduce(f64::min);
        let highest = positive.iter().copied().map(f64::log10).reduce(f64::max);
        let (lo, hi, zero_at) = match (lowest, highest) {
            (Some(lo), Some(hi)) if has_zero => (lo - 1.0, hi, Some(lo - 1.0)),
            (Some(lo), Some(hi)) => (lo, hi, None),
            // Only 0 (or nothing drawable): a short axis around where 0 sits.
            _ => (0.0, 0.0, has_zero.then_some(0.0)),
        };
        // A single value still gets a readable stretch of axis around it.
        let (lo, hi) = if hi - lo < 0.3 { (lo - 0.5, hi + 0.5) } else { (lo, hi) };
        LogAxis { lo: lo - pad, hi: hi + pad, zero_at, marks: None }
    }

    /// Position of `value` on the axis; values that cannot be drawn go far off the end.
    pub fn position(&self, value: f64) -> f64 {
        if value > 0.0 {
            value.log10()
        } else if value == 0.0 {
            self.zero_at.unwrap_or(f64::NEG_INFINITY)
        } else {
            f64::NEG_INFINITY
        }
    }

    /// Where the axis break between 0 and the positive values goes, as a value on the axis.
    pub fn break_value(&self, smallest_positive: f64) -> Option<f64> {
        let zero_at = self.zero_at?;
        Some(10f64.powf((zero_at + smallest_positive.log10()) / 2.0))
    }

    /// Readable ticks within the axis: decades when there are several, else 1-2-5 steps, else
    /// every 1..9 multiple, at most `max_count`.
    pub fn nice_ticks(&self, max_count: usize) -> Vec<f64> {
        let inside = |v: f64| {
            let p = v.log10();
            p >= self.lo - 1e-9 && p <= self.hi + 1e-9
        };
        let mut best = Vec::new();
        for multipliers in [&[1.0][..], &[1.0, 2.0, 5.0], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]] {
            let mut ticks = Vec::new();
            for decade in (self.lo.floor() as i32)..=(self.hi.ceil() as i32) {
                for &m in multipliers {
                    let v = m * 10f64.powi(decade);
                    if inside(v) {
                        ticks.push(v);
                    }
                }
            }
            if ticks.len() > max_count.max(2) {
                break;
            }
            best = ticks;
            if best.len() >= 3 {
                break;
            }
        }
        if best.len() < 2 {
            // Less than a step of 1..9 fits: even steps between the ends.
            let (a, b) = (10f64.powf(self.lo), 10f64.powf(self.hi));
            best = (1..=3).map(|i| a + (b - a) * f64::from(i) / 4.0).collect();
        }
        if let Some(zero) = self.zero_at
            && zero >= self.lo
        {
            best.insert(0, 0.0);
        }
        best
    }
}

impl Ranged for LogAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = (self.hi - self.lo).max(1e-12);
        let t = ((self.position(*value) - self.lo) / span).clamp(-10.0, 10.0);
        limit.0 + (t * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        let max = hint.max_num_points();
        match &self.marks {
            Some(marks) => {
                // Thin evenly when there are more marks than room.
                let stride = marks.len().div_ceil(max.max(1)).max(1);
                marks.iter().copied().step_by(stride).collect()
            }
            None => self.nice_ticks(max),
        }
    }

    fn range(&self) -> Range<f64> {
        let low = match self.zero_at {
            Some(z) if z <= self.lo + 1e-9 => 0.0,
            _ => 10f64.powf(self.lo),
        };
        low..10f64.powf(self.hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_sits_one_decade_left_of_the_smallest_positive_value() {
        let axis = LogAxis::through(&[0.0, 0.01, 0.1, 1.0], 0.0);
        assert_eq!(axis.zero_at, Some(-3.0));
        assert_eq!(axis.lo, -3.0);
        assert_eq!(axis.hi, 0.0);
        assert_eq!(axis.map(&0.0, (0, 300)), 0);
        assert_eq!(axis.map(&0.01, (0, 300)), 100);
        assert_eq!(axis.map(&1.0, (0, 300)), 300);
        let b = axis.break_value(0.01).expect("0 is on the axis");
        assert!((b.log10() + 2.5).abs() < 1e-12);
    }

    #[test]
    fn ticks_are_found_inside_one_decade() {
        let axis = LogAxis { lo: 0.005f64.log10(), hi: 0.009f64.log10(), zero_at: None, marks: None };
        let ticks = axis.nice_ticks(8);
        assert!(ticks.len() >= 2, "{ticks:?}");
        assert!(ticks.iter().all(|&t| (0.005 - 1e-12..=0.009 + 1e-12).contains(&t)), "{ticks:?}");
        let wide = LogAxis { lo: -4.0, hi: 1.0, zero_at: None, marks: None };
        assert_eq!(wide.nice_ticks(8), vec![1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0]);
    }

    #[test]
    fn a_single_value_gets_room() {
        let axis = LogAxis::through(&[0.1], 0.0);
        assert!(axis.lo < -1.0 && axis.hi > -1.0);
        let only_zero = LogAxis::through(&[0.0], 0.0);
        assert!(only_zero.zero_at.is_some_and(|z| z > only_zero.lo && z < only_zero.hi));
    }
}
