//! SVG → PNG with resvg, on the CPU, with only the bundled font in the font database (no
//! system fonts), so the pixels are the same on every machine.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::ExportError;
use crate::layout::measure::FONT_BYTES;

/// The family name of the bundled font.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// A font database holding only the bundled font, built once.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_BYTES.to_vec());
        // Every generic family resolves to it; nothing else can be found.
        db.set_sans_serif_family(FONT_FAMILY);
        db.set_serif_family(FONT_FAMILY);
        db.set_monospace_family(FONT_FAMILY);
        db.set_cursive_family(FONT_FAMILY);
        db.set_fantasy_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Renders `svg` (whose `width`/`height` are `pixels`) to PNG bytes; with `workspace` (the RON
/// text a save writes), the PNG carries it compressed in an `iTXt` chunk named
/// [`crate::io::png_workspace::KEYWORD`], before the image data.
pub fn render(
    svg: &str,
    pixels: [u32; 2],
    workspace: Option<&str>,
) -> Result<Vec<u8>, ExportError> {
    let pixmap = rasterize(svg, pixels)?;
    let render_err = |e: ::png::EncodingError| ExportError::Render(e.to_string());
    let Some(text) = workspace else {
        return pixmap.encode_png().map_err(render_err);
    };
    // What tiny-skia's `encode_png` does, with the text chunk written after the header.
    let straight = pixmap.clone().take_demultiplied();
    let mut out = Vec::new();
    {
        let mut encoder = ::png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        encoder.set_color(::png::ColorType::Rgba);
        encoder.set_depth(::png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(render_err)?;
        let mut chunk =
            ::png::text_metadata::ITXtChunk::new(crate::io::png_workspace::KEYWORD, text);
        chunk.compressed = true;
        writer.write_text_chunk(&chunk).map_err(render_err)?;
        writer.write_image_data(&straight).map_err(render_err)?;
        writer.finish().map_err(render_err)?;
    }
    Ok(out)
}

/// Renders `svg` to premultiplied RGBA pixels (row-major, `pixels[0]` wide).
pub fn render_rgba(svg: &str, pixels: [u32; 2]) -> Result<Vec<u8>, ExportError> {
    Ok(rasterize(svg, pixels)?.take())
}

/// Renders `svg` to straight (not premultiplied) RGBA pixels: the PNG's pixels, for the
/// clipboard.
pub fn render_straight_rgba(svg: &str, pixels: [u32; 2]) -> Result<Vec<u8>, ExportError> {
    let pixmap = rasterize(svg, pixels)?;
    Ok(pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect())
}

fn rasterize(svg: &str, pixels: [u32; 2]) -> Result<tiny_skia::Pixmap, ExportError> {
    let opt = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| ExportError::Render(e.to_string()))?;
    let mut pixmap = tiny_skia::Pixmap::new(pixels[0], pixels[1]).ok_or_else(|| {
        ExportError::Render(format!(
            "cannot allocate a {}×{} image",
            pixels[0], pixels[1]
        ))
    })?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        pixels[0] as f32 / size.width(),
        pixels[1] as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(pixmap)
}
