//! A plot item that draws many points as one mesh: far cheaper than one shape per point.

use eframe::egui::{Color32, Mesh, Shape, Ui};
use egui_plot::{PlotBounds, PlotItem, PlotItemBase, PlotPoint, PlotTransform};

/// The parts of `egui_plot::PlotItem` that are the same for every item drawn by hand here: no
/// per-element geometry (hovering is handled by the views), bounds from a `bounds` field, and the
/// item base in a `base` field.
macro_rules! drawn_item_plumbing {
    () => {
        fn initialize(&mut self, _x_range: std::ops::RangeInclusive<f64>) {}

        fn color(&self) -> eframe::egui::Color32 {
            eframe::egui::Color32::WHITE
        }

        fn geometry(&self) -> egui_plot::PlotGeometry<'_> {
            egui_plot::PlotGeometry::None
        }

        fn bounds(&self) -> egui_plot::PlotBounds {
            self.bounds
        }

        fn base(&self) -> &egui_plot::PlotItemBase {
            &self.base
        }

        fn base_mut(&mut self) -> &mut egui_plot::PlotItemBase {
            &mut self.base
        }
    };
}
pub(crate) use drawn_item_plumbing;

/// Points with one colour each, drawn as small discs.
pub struct PointCloud {
    base: PlotItemBase,
    points: Vec<[f32; 2]>,
    colors: Vec<Color32>,
    radius: f32,
    bounds: PlotBounds,
}

impl PointCloud {
    /// A cloud of `points` coloured by `colors`, discs of `radius` points.
    pub fn new(name: &str, points: Vec<[f32; 2]>, colors: Vec<Color32>, radius: f32) -> Self {
        let mut bounds = PlotBounds::NOTHING;
        for p in &points {
            if p[0].is_finite() && p[1].is_finite() {
                bounds.extend_with(&PlotPoint::new(p[0], p[1]));
            }
        }
        Self { base: PlotItemBase::new(name.to_string()), points, colors, radius, bounds }
    }
}

impl PlotItem for PointCloud {
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let mut mesh = sprite_mesh(ui.ctx(), self.points.len());
        for (p, &color) in self.points.iter().zip(&self.colors) {
            add_sprite(&mut mesh, transform.position_from_point(&PlotPoint::new(p[0], p[1])), self.radius, color);
        }
        shapes.push(Shape::mesh(mesh));
    }

    drawn_item_plumbing!();
}

/// Side of the disc texture, in pixels.
const DISC_SIDE: usize = 32;
/// Radius of the disc in texture coordinates; the margin around it is fully transparent, so the
/// clamped texture is transparent everywhere outside the disc.
const DISC_RADIUS_UV: f32 = 14.0 / 32.0;

/// A white anti-aliased disc, loaded once per context; points are drawn as quads tinted with
/// their colour (4 vertices a point instead of a triangle fan's 9).
pub fn disc_texture(ctx: &eframe::egui::Context) -> eframe::egui::TextureId {
    use eframe::egui::{ColorImage, TextureHandle, TextureOptions};
    let key = eframe::egui::Id::unique("point_disc_texture");
    if let Some(texture) = ctx.data(|d| d.get_temp::<TextureHandle>(key)) {
        return texture.id();
    }
    let mut image = ColorImage::filled([DISC_SIDE, DISC_SIDE], Color32::TRANSPARENT);
    let middle = DISC_SIDE as f32 / 2.0;
    let radius = DISC_RADIUS_UV * DISC_SIDE as f32;
    for y in 0..DISC_SIDE {
        for x in 0..DISC_SIDE {
            let d = ((x as f32 + 0.5 - middle).powi(2) + (y as f32 + 0.5 - middle).powi(2)).sqrt();
            let coverage = (radius - d).clamp(0.0, 1.0);
            image.pixels[y * DISC_SIDE + x] = Color32::from_white_alpha((coverage * 255.0) as u8);
        }
    }
    let texture = ctx.load_texture("point-disc", image, TextureOptions::LINEAR);
    let id = texture.id();
    ctx.data_mut(|d| d.insert_temp(key, texture));
    id
}

/// Adds a disc sprite to a mesh made with [`disc_texture`]: one triangle around the disc (the
/// texture clamps to transparent outside it), so software renderers set up a single triangle a
/// point.
pub fn add_sprite(mesh: &mut Mesh, center: eframe::egui::Pos2, radius: f32, color: Color32) {
    use eframe::egui::{epaint::Vertex, pos2, vec2};
    // An equilateral triangle whose inscribed circle is the disc: corners at twice the radius.
    const CORNERS: [[f32; 2]; 3] = [[0.0, -2.0], [-1.732_050_8, 1.0], [1.732_050_8, 1.0]];
    let base = mesh.vertices.len() as u32;
    for [x, y] in CORNERS {
        mesh.vertices.push(Vertex {
            pos: center + radius * vec2(x, y),
            uv: pos2(0.5 + DISC_RADIUS_UV * x, 0.5 + DISC_RADIUS_UV * y),
            color,
        });
    }
    mesh.add_triangle(base, base + 1, base + 2);
}

/// An empty mesh textured with the disc sprite, room for `points` sprites.
pub fn sprite_mesh(ctx: &eframe::egui::Context, points: usize) -> Mesh {
    let mut mesh = Mesh::with_texture(disc_texture(ctx));
    mesh.reserve_vertices(points * 3);
    mesh.reserve_triangles(points);
    mesh
}
