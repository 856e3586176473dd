//! Map export: a workspace as an SVG picture, a PNG rendered from that SVG, or the spreadsheet
//! CSV pair that `depdig import` reads back. No egui here; the app's export dialog and
//! `depdig export` call the same functions.
//!
//! One rendering path: [`crate::picture`] decides what the map looks like and where everything
//! goes (the same module the canvas paints from; in a 1920×1080 slide's logical pixels, or the
//! content's tight frame), [`svg`] writes it as SVG text, and [`png`] renders that
//! SVG with resvg using only the bundled font, so a PNG is identical on every machine. The
//! colours, dash patterns, widths and type sizes come from the same [`Theme`] table the canvas
//! uses. Output is deterministic: the same workspace and options give byte-identical files.
//!
//! ```
//! use depdig::io::export::{ExportOptions, export_svg};
//! use depdig::model::{System, Workspace};
//! let mut ws = Workspace::new("Tiny");
//! ws.systems.insert("a".into(), System::new("a", "Orders"));
//! let svg = export_svg(&ws, &ExportOptions::default()).unwrap();
//! assert!(svg.contains(">Orders</text>"));
//! ```

mod csv;
mod html;
mod png;
mod svg;
pub mod text;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use csv::{edges_csv, guard, nodes_csv, unguard};
pub use html::{csp_hash, script_json};
pub use text::TextFormat;

use crate::model::{DependencyType, ScenarioDiff, Workspace};
use crate::picture::{Picture, Scene};
use crate::theme::{Theme, ThemeName};

/// The largest image side an export produces, in pixels (16384 × 9216 is 600 MB of pixels).
pub const MAX_SIDE_PX: u32 = 16_384;
/// The logical size of a slide; `scale` N gives an image N times this size.
pub const SLIDE_PX: [u32; 2] = [1920, 1080];

/// How the picture is framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fit {
    /// A 16:9 slide with the map centred in it.
    #[default]
    Slide,
    /// The map's own bounds (plus margins, title and legend), no empty bands.
    Content,
}

/// What to export and how it looks. `Default` is a 1920×1080 light slide with legend and title.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportOptions {
    /// Image width in pixels; overrides `scale`. The height follows the frame's aspect ratio.
    pub width_px: Option<u32>,
    /// N × a 1920×1080 slide (with `Fit::Content`: fitted inside N × 1920×1080).
    pub scale: u32,
    pub fit: Fit,
    /// The canvas's table (`Theme::get(view.theme)`), e.g. `Theme::get(ThemeName::Projector)`.
    pub theme: Theme,
    /// No background: the PNG's empty pixels are fully transparent.
    pub transparent: bool,
    pub legend: bool,
    /// Draw `label · protocol` beside each dependency that has them (where there is room).
    pub edge_labels: bool,
    /// The picture's title; `None` uses the workspace title, `Some("")` shows none.
    pub title: Option<String>,
    /// Dependency types not drawn (the canvas's hidden types).
    pub hidden_types: BTreeSet<DependencyType>,
    /// Systems not drawn (those the active filters hide), with their dependencies.
    pub hidden_systems: BTreeSet<String>,
    /// Debt badges on linked systems and dependencies (and their legend entry).
    pub badges: bool,
    /// System and dependency ids drawn faded (at the theme's `dim_alpha`): what a view's
    /// filters in dim mode leave out.
    pub dimmed: BTreeSet<String>,
    /// System and dependency ids drawn with the theme's `highlight` ring or stroke (a view's
    /// highlighted items).
    pub highlighted: BTreeSet<String>,
    /// A scenario's difference, drawn on `Scenario::combined`: added items in the theme's
    /// `added` colour, removed ones in `removed` with a strike-through, plus legend entries.
    pub scenario: Option<ScenarioDiff>,
    /// Groups drawn as hulls around their members (the canvas's group hulls).
    pub group_hulls: bool,
    /// The backdrop photo under the map, when asked for (never by default).
    pub backdrop: Option<crate::io::backdrop::ExportBackdrop>,
    /// The workspace a PNG carries, so opening the PNG gives it back (the editable PNG, see
    /// [`crate::io::png_workspace`]): the whole document, whatever view or scenario is drawn.
    /// `None` (the default): a plain picture. SVG ignores it.
    pub embed: Option<std::sync::Arc<Workspace>>,
}

impl ExportOptions {
    /// Leaves out what `filters` filter out of `ws`, the way their mode says: hidden systems
    /// (their dependencies go with them), or faded systems and dependencies.
    pub fn apply_filters(&mut self, ws: &Workspace, filters: &crate::model::Filters) {
        let shown = crate::model::visible(ws, filters);
        let left_out = ws
            .systems
            .keys()
            .filter(|id| !shown.systems.contains(*id))
            .cloned();
        match filters.mode {
            crate::model::FilterMode::Hide => self.hidden_systems = left_out.collect(),
            crate::model::FilterMode::Dim => {
                let deps = ws
                    .dependencies
                    .keys()
                    .filter(|id| !shown.dependencies.contains(*id))
                    .cloned();
                self.dimmed = left_out.chain(deps).collect();
            }
        }
    }
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            width_px: None,
            scale: 1,
            fit: Fit::Slide,
            theme: Theme::get(ThemeName::Light),
            transparent: false,
            legend: true,
            edge_labels: false,
            title: None,
            hidden_types: BTreeSet::new(),
            hidden_systems: BTreeSet::new(),
            badges: true,
            dimmed: BTreeSet::new(),
            highlighted: BTreeSet::new(),
            scenario: None,
            group_hulls: true,
            backdrop: None,
            embed: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the workspace has no systems to draw; add systems (or show hidden ones) first")]
    Empty,
    #[error(
        "the image would be {width}×{height} px; exports are at most {max} px a side \
         (--width up to {max}, --scale 1 to 4)"
    )]
    TooLarge { width: u64, height: u64, max: u32 },
    #[error("the image size must be at least 1 px (got width {width_px} px, scale {scale})")]
    ZeroSize { width_px: u32, scale: u32 },
    #[error(
        "{}: unknown output type; end the file name in .png, .svg or .html (or .mmd, .dot, \
         .dsl for the map as text, or write CSV with --nodes/--edges)",
        path.display()
    )]
    UnknownExtension { path: PathBuf },
    #[error("{}: cannot write: {source}; nothing was written", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot render the PNG: {0}")]
    Render(String),
}

/// The workspace as SVG text: selectable text with the bundled font embedded (`@font-face`) and
/// a fallback stack.
pub fn export_svg(ws: &Workspace, opts: &ExportOptions) -> Result<String, ExportError> {
    let scene = Scene::new(ws, opts)?;
    let pic = Picture::new(&scene, opts)?;
    Ok(svg::write(&pic, svg::Fonts::Embedded))
}

/// The workspace as PNG bytes, rendered from the same SVG with only the bundled font.
pub fn export_png(ws: &Workspace, opts: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let scene = Scene::new(ws, opts)?;
    let pic = Picture::new(&scene, opts)?;
    let text = svg::write(&pic, svg::Fonts::Named);
    png::render(&text, pic.pixels, embedded_text(opts)?.as_deref())
}

/// The RON text of the workspace `opts.embed` asks a PNG to carry (exactly what a save writes).
fn embedded_text(opts: &ExportOptions) -> Result<Option<String>, ExportError> {
    opts.embed
        .as_deref()
        .map(|ws| {
            crate::io::to_ron_string(ws).map_err(|e| {
                ExportError::Render(format!("cannot write the workspace into the PNG: {e}"))
            })
        })
        .transpose()
}

/// The picture as premultiplied RGBA pixels `(width, height, bytes)`, for the app's preview.
pub fn export_rgba(
    ws: &Workspace,
    opts: &ExportOptions,
) -> Result<(u32, u32, Vec<u8>), ExportError> {
    let scene = Scene::new(ws, opts)?;
    let pic = Picture::new(&scene, opts)?;
    let text = svg::write(&pic, svg::Fonts::Named);
    let rgba = png::render_rgba(&text, pic.pixels)?;
    Ok((pic.pixels[0], pic.pixels[1], rgba))
}

/// The picture as straight RGBA pixels `(width, height, bytes)`: exactly the pixels
/// [`export_png`] writes, for the system clipboard (Edit ▸ Copy map as image).
pub fn export_clipboard_rgba(
    ws: &Workspace,
    opts: &ExportOptions,
) -> Result<(u32, u32, Vec<u8>), ExportError> {
    let scene = Scene::new(ws, opts)?;
    let pic = Picture::new(&scene, opts)?;
    let text = svg::write(&pic, svg::Fonts::Named);
    let rgba = png::render_straight_rgba(&text, pic.pixels)?;
    Ok((pic.pixels[0], pic.pixels[1], rgba))
}

/// The image's size in pixels for these options (for the app's preview), without rendering,
/// and what the reader should know about it (see [`ImageSize::note`]).
pub fn image_size(ws: &Workspace, opts: &ExportOptions) -> Result<ImageSize, ExportError> {
    let scene = Scene::new(ws, opts)?;
    let pic = Picture::new(&scene, opts)?;
    let [width, height] = pic.pixels;
    let note = pic.grown.map(|g| {
        let min = opts.theme.min_label_px.min(opts.theme.label_px);
        format!(
            "names would be smaller than {min:.0} px on one {}×{} slide, so the picture is {g:.1} \
             slides wide ({width}×{height} px); for one slide, export a view or a scenario that \
             shows less",
            SLIDE_PX[0], SLIDE_PX[1]
        )
    });
    Ok(ImageSize {
        width,
        height,
        note,
    })
}

/// An export's size, and what to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSize {
    pub width: u32,
    pub height: u32,
    /// A map too large for its names on one slide is drawn larger (`Picture::grown`) and says
    /// so here; `None` when there is nothing to say.
    pub note: Option<String>,
}

/// The output format a path asks for, by its extension (case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
    /// The interactive map page (see [`export_html`]).
    Html,
}

impl ImageFormat {
    pub fn from_path(path: &Path) -> Result<Self, ExportError> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("svg") => Ok(ImageFormat::Svg),
            Some("png") => Ok(ImageFormat::Png),
            Some("html" | "htm") => Ok(ImageFormat::Html),
            _ => Err(ExportError::UnknownExtension {
                path: path.to_path_buf(),
            }),
        }
    }
}

/// The interactive map as one self-contained HTML page for the document `ws`: `drawn` with
/// `opts` (what [`export_svg`] draws with them) first, then a tab for each saved view and each
/// scenario's difference; details, findings, find box and legend toggles from `ws`. No network,
/// no script but its own (Content-Security-Policy), every workspace text escaped.
pub fn export_html(
    ws: &Workspace,
    drawn: &Workspace,
    opts: &ExportOptions,
) -> Result<String, ExportError> {
    html::write(ws, drawn, opts)
}

/// Writes [`export_html`] atomically. Returns the first picture's size in pixels.
pub fn export_html_to_path(
    ws: &Workspace,
    drawn: &Workspace,
    path: &Path,
    opts: &ExportOptions,
) -> Result<(u32, u32), ExportError> {
    let page = html::write(ws, drawn, opts)?;
    let size = image_size(drawn, opts)?;
    write(path, page.as_bytes())?;
    Ok((size.width, size.height))
}

/// Renders to `.svg`, `.png` or `.html` by the path's extension and writes atomically (temporary file,
/// then rename): on any error nothing is left at `path` that was not there before. Returns the
/// image size in pixels.
pub fn export_to_path(
    ws: &Workspace,
    path: &Path,
    opts: &ExportOptions,
) -> Result<(u32, u32), ExportError> {
    let format = ImageFormat::from_path(path)?;
    let scene = Scene::new(ws, opts)?;
    let pic = Picture::new(&scene, opts)?;
    let bytes = match format {
        ImageFormat::Svg => svg::write(&pic, svg::Fonts::Embedded).into_bytes(),
        ImageFormat::Png => png::render(
            &svg::write(&pic, svg::Fonts::Named),
            pic.pixels,
            embedded_text(opts)?.as_deref(),
        )?,
        ImageFormat::Html => html::write(ws, ws, opts)?.into_bytes(),
    };
    write(path, &bytes)?;
    Ok((pic.pixels[0], pic.pixels[1]))
}

/// Writes the map as Mermaid, DOT or Structurizr DSL (by the path's extension, see
/// [`TextFormat`]) atomically. Returns the format written.
pub fn export_text_to_path(ws: &Workspace, path: &Path) -> Result<TextFormat, ExportError> {
    let format = TextFormat::from_path(path).ok_or_else(|| ExportError::UnknownExtension {
        path: path.to_path_buf(),
    })?;
    write(path, format.write(ws).as_bytes())?;
    Ok(format)
}

/// Writes the spreadsheet pair (every system and dependency, in the import's columns)
/// atomically. If the second file cannot be written the first is put back as it was.
pub fn export_csv(
    ws: &Workspace,
    nodes: Option<&Path>,
    edges: Option<&Path>,
) -> Result<(), ExportError> {
    let first_existed = nodes.is_some_and(Path::exists);
    if let Some(path) = nodes {
        let text = nodes_csv(ws).map_err(|source| ExportError::Write {
            path: path.to_path_buf(),
            source,
        })?;
        write(path, text.as_bytes())?;
    }
    if let Some(path) = edges
        && let Err(e) = edges_csv(ws)
            .map_err(|source| ExportError::Write {
                path: path.to_path_buf(),
                source,
            })
            .and_then(|text| write(path, text.as_bytes()))
    {
        if let Some(first) = nodes
            && let Err(undo) = undo_write(first, first_existed)
        {
            return Err(ExportError::Write {
                path: first.to_path_buf(),
                source: std::io::Error::other(format!(
                    "{e}; and {} could not be put back as it was: {undo}",
                    first.display()
                )),
            });
        }
        return Err(e);
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::io::write_atomic(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Puts back what [`crate::io::write_atomic`] replaced: the `.bak` copy, or nothing.
fn undo_write(path: &Path, existed: bool) -> std::io::Result<()> {
    let target = crate::io::atomic::resolve_symlinks(path)?;
    if existed {
        std::fs::rename(crate::io::atomic::bak_path(&target), &target)
    } else {
        std::fs::remove_file(&target)
    }
}

#[cfg(test)]
mod tests;
