//! What the feature views draw, said in words: the legend (dots, big circles, trails, shading),
//! the text scale presenter mode applies to painted text, and center labels placed so they do
//! not cover each other.

use crate::app::theme::{CENTER_OUTLINE, CENTER_RADIUS, POINT_RADIUS, with_alpha};
use eframe::egui::{self, Color32, FontId, Pos2, Rect, Shape, Stroke, Ui, pos2, vec2};

/// Body text size egui starts with; painted text scales by the current body size over this, so
/// presenter mode's larger text styles reach the plots too.
const BASE_BODY_SIZE: f32 = 13.0;

/// How much larger than normal painted text should be: 1 normally, more in presenter mode (which
/// enlarges the text styles).
pub fn text_scale(ui: &Ui) -> f32 {
    let body = ui.style().text_styles.get(&egui::TextStyle::Body).map_or(BASE_BODY_SIZE, |f| f.size);
    (body / BASE_BODY_SIZE).clamp(0.5, 4.0)
}

/// The lines of the legend, as the marks they explain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Sample,
    Center,
    Trail,
    Region,
    Pull,
}

/// The legend's entries for what is on screen: the shading only with decision regions, pull
/// lines only when drawn.
fn entries(regions: bool, projected: bool, pull_lines: bool) -> Vec<(Mark, &'static str)> {
    let mut out = vec![
        (Mark::Sample, t!("dot: one sample")),
        (Mark::Center, t!("big circle: class center")),
        (Mark::Trail, t!("trail: the center's recent path")),
    ];
    if regions {
        // In a projection the regions are the classifier's on the picture's plane, not in k-D.
        let text = if projected { t!("shading: decision region on the picture's plane") } else { t!("shading: decision region") };
        out.push((Mark::Region, text));
    }
    if pull_lines {
        out.push((Mark::Pull, t!("line: pull toward the center")));
    }
    out
}

/// The legend in the top-left corner of `frame`, on a panel-coloured card so its text keeps the
/// theme's contrast over any data.
pub fn legend_shapes(ui: &Ui, frame: Rect, regions: bool, projected: bool, pull_lines: bool, shapes: &mut Vec<Shape>) {
    let scale = text_scale(ui);
    let visuals = ui.visuals();
    let text_color = visuals.text_color();
    let font = FontId::proportional(12.0 * scale);
    let swatch = 22.0 * scale;
    let entries = entries(regions, projected, pull_lines);
    let galleys: Vec<_> =
        entries.iter().map(|(_, text)| ui.painter().layout_no_wrap((*text).to_string(), font.clone(), text_color)).collect();
    let line_height = galleys.iter().map(|g| g.size().y).fold(swatch * 0.8, f32::max) + 2.0 * scale;
    let width = galleys.iter().map(|g| g.size().x).fold(0.0, f32::max) + swatch + 14.0 * scale;
    let card = Rect::from_min_size(frame.min + vec2(8.0, 8.0), vec2(width, line_height * entries.len() as f32 + 8.0 * scale));
    shapes.push(Shape::rect_filled(card, 4.0, with_alpha(visuals.window_fill, 0.88)));
    shapes.push(Shape::rect_stroke(card, 4.0, Stroke::new(1.0, visuals.weak_text_color()), egui::StrokeKind::Inside));
    let accent = visuals.strong_text_color();
    for (i, ((mark, _), galley)) in entries.iter().zip(galleys).enumerate() {
        let top = card.top() + 4.0 * scale + i as f32 * line_height;
        let mid = pos2(card.left() + 6.0 * scale + swatch / 2.0, top + line_height / 2.0);
        mark_shapes(*mark, mid, swatch, scale, accent, shapes);
        let text_pos = pos2(mid.x + swatch / 2.0 + 6.0 * scale, mid.y - galley.size().y / 2.0);
        shapes.push(Shape::galley(text_pos, galley, text_color));
    }
}

/// The little drawing of one mark, in a neutral colour (the classes have their own colours).
fn mark_shapes(mark: Mark, mid: Pos2, swatch: f32, scale: f32, color: Color32, shapes: &mut Vec<Shape>) {
    let half = swatch / 2.0;
    match mark {
        Mark::Sample => {
            for dx in [-0.5, 0.0, 0.5] {
                shapes.push(Shape::circle_filled(mid + vec2(dx * half, dx * dx * 4.0), POINT_RADIUS * scale.max(1.0), color));
            }
        }
        Mark::Center => {
            let r = (CENTER_RADIUS * 0.8).min(half);
            shapes.push(Shape::circle_filled(mid, r + 2.0, CENTER_OUTLINE));
            shapes.push(Shape::circle_filled(mid, r, color));
        }
        Mark::Trail => {
            let points = [mid + vec2(-half, half * 0.5), mid + vec2(-half * 0.2, -half * 0.1), mid + vec2(half, -half * 0.5)];
            shapes.push(Shape::line_segment([points[0], points[1]], Stroke::new(2.5, with_alpha(color, 0.35))));
            shapes.push(Shape::line_segment([points[1], points[2]], Stroke::new(2.5, color)));
        }
        Mark::Region => {
            let rect = Rect::from_center_size(mid, vec2(swatch, swatch * 0.7));
            shapes.push(Shape::rect_filled(rect, 2.0, with_alpha(color, 0.25)));
        }
        Mark::Pull => {
            shapes.push(Shape::line_segment([mid - vec2(half, 0.0), mid + vec2(half, 0.0)], Stroke::new(1.0, color)));
        }
    }
}

/// Where to put each label of `sizes`, anchored at `anchors` (center markers, `radius` points
/// across): for each label in turn, the first of eight offsets around its marker whose rectangle
/// overlaps no label placed before it (and stays inside `inside`); if all overlap, the one that
/// overlaps least.
pub fn place_labels(anchors: &[Pos2], sizes: &[egui::Vec2], radius: f32, inside: Rect) -> Vec<Rect> {
    let mut placed: Vec<Rect> = Vec::with_capacity(anchors.len());
    for (&anchor, &size) in anchors.iter().zip(sizes) {
        let gap = radius + 4.0;
        let candidates = [
            pos2(anchor.x + gap, anchor.y - gap - size.y * 0.6),
            pos2(anchor.x + gap, anchor.y + gap * 0.4),
            pos2(anchor.x - gap - size.x, anchor.y - gap - size.y * 0.6),
            pos2(anchor.x - gap - size.x, anchor.y + gap * 0.4),
            pos2(anchor.x - size.x / 2.0, anchor.y - gap - size.y),
            pos2(anchor.x - size.x / 2.0, anchor.y + gap),
            pos2(anchor.x + gap, anchor.y - size.y / 2.0),
            pos2(anchor.x - gap - size.x, anchor.y - size.y / 2.0),
        ];
        let overlap = |rect: &Rect| -> f32 {
            let outside = if inside.contains_rect(*rect) { 0.0 } else { 1.0 };
            placed.iter().map(|p| p.intersect(*rect)).filter(|r| r.is_positive()).map(|r| r.area()).sum::<f32>() + outside
        };
        let rects = candidates.map(|min| Rect::from_min_size(min, size));
        let best = rects
            .iter()
            .find(|r| overlap(r) == 0.0)
            .copied()
            .unwrap_or_else(|| rects.iter().copied().min_by(|a, b| overlap(a).total_cmp(&overlap(b))).unwrap_or(rects[0]));
        placed.push(best);
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_of_markers_on_top_of_each_other_do_not_overlap() {
        let inside = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0));
        let anchors = [pos2(200.0, 200.0), pos2(203.0, 201.0), pos2(198.0, 204.0), pos2(201.0, 197.0)];
        let sizes = [vec2(50.0, 16.0); 4];
        let rects = place_labels(&anchors, &sizes, 9.0, inside);
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                assert!(!a.intersect(*b).is_positive(), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn a_lone_label_goes_up_and_right_of_its_marker() {
        let inside = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0));
        let rect = place_labels(&[pos2(100.0, 100.0)], &[vec2(40.0, 16.0)], 9.0, inside)[0];
        assert!(rect.left() > 100.0 && rect.bottom() < 100.0, "{rect:?}");
    }

    #[test]
    fn the_legend_names_the_shading_only_when_it_is_drawn() {
        assert!(entries(true, false, false).iter().any(|(m, _)| *m == Mark::Region));
        assert!(!entries(false, false, false).iter().any(|(m, _)| *m == Mark::Region));
        assert_eq!(entries(false, false, true).len(), 4);
        let on_plane = |projected| entries(true, projected, false).iter().any(|(_, text)| text.contains("picture's plane"));
        assert!(on_plane(true) && !on_plane(false), "a projection's regions say they lie on the picture's plane");
    }
}
