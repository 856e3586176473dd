//! The backdrop photo in the app: its texture (decoded once per path), placing a photo (File ▸
//! Place backdrop image…, Shift+drop), and Edit ▸ Copy map as image.

use std::path::{Path, PathBuf};

use egui::{Rect, pos2, vec2};

use crate::io::backdrop::{self, BackdropImage};
use crate::model::{BACKDROP_SCALE_RANGE, Backdrop, CanvasPos};
use crate::ops::Op;
use crate::ui::app::DepdigApp;
use crate::ui::app::dialogs::Dialog;
use crate::ui::canvas::backdrop::BackdropPaint;

/// The extensions a dropped file may have to become the backdrop.
pub const IMAGE_EXTENSIONS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// The texture of the backdrop at `path`, or why there is none.
pub(crate) struct BackdropTexture {
    pub path: PathBuf,
    pub loaded: Result<(egui::TextureHandle, [u32; 2]), String>,
}

fn texture(ctx: &egui::Context, img: &BackdropImage) -> (egui::TextureHandle, [u32; 2]) {
    let image = egui::ColorImage::from_rgba_unmultiplied(
        [img.width as usize, img.height as usize],
        &img.rgba,
    );
    let handle = ctx.load_texture("depdig-backdrop", image, egui::TextureOptions::LINEAR);
    (handle, img.original)
}

/// `true` when `path` names an image the backdrop can show (by extension).
pub fn is_image_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

impl DepdigApp {
    /// Where the workspace's backdrop image is on disk.
    pub(crate) fn backdrop_file(&self) -> Option<PathBuf> {
        let b = self.doc.ws().backdrop.as_ref()?;
        Some(backdrop::resolve(self.doc.path.as_deref(), &b.path))
    }

    /// Loads the backdrop's texture when its image changed (once per path; a missing image is a
    /// notice in the status bar) and tells the canvas what to draw.
    pub(crate) fn prepare_backdrop(&mut self, ctx: &egui::Context) {
        let Some(path) = self.backdrop_file() else {
            self.canvas.backdrop = None;
            return;
        };
        if self.backdrop_texture.as_ref().map(|t| &t.path) != Some(&path) {
            let loaded = match backdrop::load(&path) {
                Ok(img) => {
                    if let Some(note) = img.note() {
                        self.status = format!("Backdrop: {note}");
                    }
                    Ok(texture(ctx, &img))
                }
                Err(e) => {
                    self.status = if e.is_missing() {
                        format!("Notice: {e}")
                    } else {
                        format!("The backdrop is not shown: {e}")
                    };
                    Err(e.to_string())
                }
            };
            self.backdrop_texture = Some(BackdropTexture { path, loaded });
        }
        let (
            Some(b),
            Some(BackdropTexture {
                loaded: Ok((tex, size)),
                ..
            }),
        ) = (&self.doc.ws().backdrop, &self.backdrop_texture)
        else {
            self.canvas.backdrop = None;
            return;
        };
        let shown = !self.presenting || b.presenting;
        let [w, h] = b.canvas_size(*size);
        self.canvas.backdrop = shown.then(|| BackdropPaint {
            texture: tex.id(),
            canvas_rect: Rect::from_min_size(pos2(b.offset.x, b.offset.y), vec2(w, h)),
            quarter_turns: b.quarter_turns,
            opacity: b.opacity,
        });
    }

    /// Places the photo at `path` behind the map, centred on the map and about as large as it
    /// (one undo step). A file that cannot be read or decoded changes nothing and says why.
    pub(crate) fn place_backdrop(&mut self, ctx: &egui::Context, path: &Path) {
        let img = match backdrop::load(path) {
            Ok(img) => img,
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "This image cannot be the backdrop".into(),
                    message: format!("{e}\nNothing was changed."),
                });
                self.status = format!("Backdrop not placed: {}", path.display());
                return;
            }
        };
        let stored = backdrop::stored_path(self.doc.path.as_deref(), path);
        let mut b = Backdrop::new(stored);
        let (center, span) = self
            .scene
            .as_ref()
            .and_then(crate::ui::canvas::Scene::bounds)
            .map_or((self.canvas.camera.center, 1200.0), |r| {
                (r.center(), r.width().max(r.height()).max(600.0) * 1.15)
            });
        #[allow(clippy::cast_precision_loss)] // image sides are far below 2^24
        let longest = img.original[0].max(img.original[1]).max(1) as f32;
        let (lo, hi) = BACKDROP_SCALE_RANGE;
        b.scale = (span / longest).clamp(lo, hi);
        let [w, h] = b.canvas_size(img.original);
        b.offset = CanvasPos::new(center.x - w / 2.0, center.y - h / 2.0);
        let photo = Rect::from_min_size(pos2(b.offset.x, b.offset.y), vec2(w, h));
        if self.edit(Op::SetBackdrop(Some(b)), "Place backdrop") {
            if self.doc.ws().systems.is_empty() {
                // Nothing drawn yet: show the whole photo, ready to trace.
                let view = self.canvas.view_rect;
                self.canvas.camera.fit(photo, view);
            }
            let resolved = self.backdrop_file().unwrap_or_else(|| path.to_path_buf());
            self.backdrop_texture = Some(BackdropTexture {
                path: resolved,
                loaded: Ok(texture(ctx, &img)),
            });
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            self.status = format!(
                "Placed backdrop {name} ({} × {} px){}",
                img.original[0],
                img.original[1],
                img.note().map(|n| format!("; {n}")).unwrap_or_default()
            );
            self.dialog = Some(Dialog::Backdrop);
        }
    }

    /// Before saving to `new_path`: the stored image path, made relative to the new file's
    /// folder (an untitled workspace's absolute path becomes relative too). One undo step.
    pub(crate) fn rebase_backdrop(&mut self, new_path: &Path) {
        let Some(b) = self.doc.ws().backdrop.clone() else {
            return;
        };
        let image = backdrop::resolve(self.doc.path.as_deref(), &b.path);
        let stored = backdrop::stored_path(Some(new_path), &image);
        if stored != b.path {
            let moved = Backdrop { path: stored, ..b };
            if let Err(e) = self.doc.apply(
                Op::SetBackdrop(Some(moved)),
                "Backdrop path for the new folder",
            ) {
                self.status = format!("The backdrop's path was kept as it was: {e}");
            }
        }
    }

    /// Applies a changed placement from the backdrop dialog; a burst of changes is one step.
    pub(crate) fn adjust_backdrop(&mut self, b: Option<Backdrop>, label: &str) {
        if let Err(e) = self
            .doc
            .apply_merging(Op::SetBackdrop(b), label, "backdrop")
        {
            self.status = format!("{label}: not done — {e}");
        }
    }

    /// Edit ▸ Copy map as image: what a 1× slide export of the current view would write, on the
    /// system clipboard.
    pub(crate) fn copy_map_image(&mut self) {
        use crate::ui::app::export_dialog::{ExportSettings, export_workspace};
        let settings = ExportSettings {
            scale: 1,
            ..ExportSettings::new(self)
        };
        let opts = settings.options(self);
        let rendered = crate::io::export::export_clipboard_rgba(&export_workspace(self), &opts);
        let (w, h, rgba) = match rendered {
            Ok(r) => r,
            Err(e) => {
                self.status = format!("Copy map as image: not done — {e}");
                return;
            }
        };
        let clipboard = match &mut self.system_clipboard {
            Some(c) => c,
            None => match arboard::Clipboard::new() {
                Ok(c) => self.system_clipboard.insert(c),
                Err(e) => {
                    self.status = format!(
                        "No system clipboard here ({e}); File › Export map… writes the picture to a file"
                    );
                    return;
                }
            },
        };
        let image = arboard::ImageData {
            width: w as usize,
            height: h as usize,
            bytes: rgba.into(),
        };
        match clipboard.set_image(image) {
            Ok(()) => {
                self.status = format!(
                    "Copied the map as an image ({w} × {h} px, {} theme): paste it into a slide or chat",
                    opts.theme.name.label()
                );
            }
            Err(e) => {
                self.system_clipboard = None;
                self.status = format!("The map could not be put on the clipboard: {e}");
            }
        }
    }
}
