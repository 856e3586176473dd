//! The project's icon (assets/icon.png, rendered from assets/icon.svg): the window icon and the
//! About box's picture, decoded with the `image` crate.

/// The icon as PNG bytes, built into the binary.
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// The icon as straight RGBA pixels `(width, height, bytes)`; `None` if it does not decode.
pub fn icon_rgba() -> Option<(u32, u32, Vec<u8>)> {
    let img = image::load_from_memory_with_format(ICON_PNG, image::ImageFormat::Png)
        .ok()?
        .into_rgba8();
    Some((img.width(), img.height(), img.into_raw()))
}

/// The window's icon for the viewport builder.
pub fn window_icon() -> Option<egui::IconData> {
    icon_rgba().map(|(width, height, rgba)| egui::IconData {
        rgba,
        width,
        height,
    })
}

/// The icon as an egui texture (the About box), loaded once per context.
pub fn texture(ctx: &egui::Context) -> Option<egui::TextureHandle> {
    let id = egui::Id::new("depdig_icon_texture");
    if let Some(t) = ctx.data(|d| d.get_temp::<egui::TextureHandle>(id)) {
        return Some(t);
    }
    let (w, h, rgba) = icon_rgba()?;
    let image = egui::ColorImage::from_rgba_unmultiplied([w as usize, h as usize], &rgba);
    let handle = ctx.load_texture("depdig-icon", image, egui::TextureOptions::LINEAR);
    ctx.data_mut(|d| d.insert_temp(id, handle.clone()));
    Some(handle)
}

#[cfg(test)]
mod tests {
    use resvg::{tiny_skia, usvg};

    /// assets/icon.svg rendered at 256×256, as PNG bytes.
    fn render_svg() -> Vec<u8> {
        let svg = include_str!("../../assets/icon.svg");
        let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).unwrap();
        let mut pixmap = tiny_skia::Pixmap::new(256, 256).unwrap();
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        pixmap.encode_png().unwrap()
    }

    /// The PNG is the SVG rendered (`DEPDIG_WRITE_ICON=1 cargo test --lib icon` writes it).
    #[test]
    fn the_icon_png_is_the_svg_rendered() {
        let rendered = render_svg();
        if std::env::var_os("DEPDIG_WRITE_ICON").is_some() {
            std::fs::write(
                concat!(env!("CARGO_MANIFEST_DIR"), "/assets/icon.png"),
                &rendered,
            )
            .unwrap();
        }
        let want = image::load_from_memory(&rendered).unwrap().into_rgba8();
        let (w, h, got) = super::icon_rgba().unwrap();
        assert_eq!((w, h), (256, 256));
        assert!(
            want.as_raw() == &got,
            "assets/icon.png is not assets/icon.svg rendered: DEPDIG_WRITE_ICON=1 cargo test --lib icon"
        );
        // Not blank: the corners are transparent, the middle is not.
        assert_eq!(got[3], 0);
        let mid = ((128 * 256 + 128) * 4 + 3) as usize;
        assert_eq!(got[mid], 255);
        assert!(super::window_icon().is_some());
    }
}
