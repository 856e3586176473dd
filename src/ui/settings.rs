//! What the app remembers between runs in eframe's storage (never in the workspace file): one
//! `Settings` value under [`KEY`], written with `eframe::set_value` and read with
//! `eframe::get_value`. Every field has a default (`#[serde(default)]`), so a field added later
//! reads as its default from an older entry, and a field removed later is ignored.
//!
//! Before `Settings`, three hand-formatted strings were stored (`recent_files`, one path a line;
//! `theme`, the theme's label; `ui_scale`, a decimal). They are read once when [`KEY`] is missing,
//! so an update keeps the recent files; the next save writes [`KEY`].

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::theme::ThemeName;

/// The storage key of [`Settings`].
pub(crate) const KEY: &str = "depdig";

/// The remembered settings. Add a field with a default to remember something more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Settings {
    /// Recently opened workspaces, most recent first (paths as text: a path that is not valid
    /// UTF-8 is kept lossily rather than losing every setting to a serialization error).
    pub(crate) recent_files: Vec<String>,
    /// The theme's label ("Light", "Dark", "Projector"); an unknown label is ignored.
    pub(crate) theme: String,
    /// Interface scale (egui zoom factor).
    pub(crate) ui_scale: f32,
    /// The docked panels as they were left (`None`: the first start's arrangement).
    pub(crate) dock: Option<crate::ui::dock::Dock>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent_files: Vec::new(),
            theme: ThemeName::default().label().to_owned(),
            ui_scale: 1.0,
            dock: None,
        }
    }
}

impl Settings {
    /// Reads the settings: the [`KEY`] entry, else (missing or unreadable) the three strings
    /// stored before it; `None` when there is neither (a first run).
    pub(crate) fn load(storage: &dyn eframe::Storage) -> Option<Settings> {
        eframe::get_value(storage, KEY).or_else(|| Self::from_old_strings(storage))
    }

    /// Writes the settings under [`KEY`].
    pub(crate) fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, KEY, self);
    }

    /// The three strings of the format before [`KEY`]; `None` when none of them is stored.
    fn from_old_strings(storage: &dyn eframe::Storage) -> Option<Settings> {
        let recent = storage.get_string("recent_files");
        let theme = storage.get_string("theme");
        let scale = storage.get_string("ui_scale");
        if recent.is_none() && theme.is_none() && scale.is_none() {
            return None;
        }
        let mut settings = Settings::default();
        if let Some(recent) = recent {
            settings.recent_files = recent
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
        }
        if let Some(theme) = theme {
            settings.theme = theme;
        }
        if let Some(scale) = scale.and_then(|v| v.trim().parse::<f32>().ok()) {
            settings.ui_scale = scale;
        }
        Some(settings)
    }

    /// Recent files as paths.
    pub(crate) fn recent_paths(&self) -> Vec<PathBuf> {
        self.recent_files.iter().map(PathBuf::from).collect()
    }

    /// Paths as stored text.
    pub(crate) fn paths_text(paths: &[PathBuf]) -> Vec<String> {
        paths
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect()
    }

    /// The theme named by its label, if it is one this build has.
    pub(crate) fn theme_name(&self) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.label() == self.theme)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use eframe::Storage as _;

    use super::*;

    /// eframe's storage kept in memory.
    #[derive(Default)]
    struct FakeStorage(HashMap<String, String>);

    impl eframe::Storage for FakeStorage {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn settings_round_trip_through_storage() {
        let settings = Settings {
            recent_files: vec!["/tmp/a b.ron".into(), "/home/ü/\"q\".ron".into()],
            theme: ThemeName::Projector.label().into(),
            ui_scale: 1.3,
            dock: Some(crate::ui::dock::Dock::with_layout(
                crate::ui::dock::Layout::Analyse,
            )),
        };
        let mut storage = FakeStorage::default();
        settings.store(&mut storage);
        assert_eq!(storage.0.len(), 1, "one entry: {:?}", storage.0);
        let stored = &storage.0[KEY];
        assert!(stored.contains("recent_files"), "{stored}");
        let back = Settings::load(&storage).unwrap();
        assert_eq!(back, settings);
        assert_eq!(back.theme_name(), Some(ThemeName::Projector));
        assert!(
            back.dock
                .as_ref()
                .is_some_and(|d| d.is_open(crate::ui::dock::Pane::Findings)),
            "the arrangement is remembered"
        );
        assert_eq!(
            back.recent_paths(),
            vec![
                PathBuf::from("/tmp/a b.ron"),
                PathBuf::from("/home/ü/\"q\".ron")
            ]
        );
    }

    #[test]
    fn missing_fields_take_their_defaults() {
        let mut storage = FakeStorage::default();
        storage.set_string(KEY, "(ui_scale: 1.5)".into());
        let s = Settings::load(&storage).unwrap();
        assert_eq!(
            s,
            Settings {
                ui_scale: 1.5,
                ..Settings::default()
            }
        );
        assert!(Settings::load(&FakeStorage::default()).is_none());
    }

    #[test]
    fn old_strings_migrate_once() {
        let mut storage = FakeStorage::default();
        storage.set_string("recent_files", "/w/one.ron\n\n/w/two.ron".into());
        storage.set_string("theme", "Dark".into());
        storage.set_string("ui_scale", "1.20".into());
        let s = Settings::load(&storage).unwrap();
        assert_eq!(
            s.recent_paths(),
            vec![PathBuf::from("/w/one.ron"), PathBuf::from("/w/two.ron")]
        );
        assert_eq!(s.theme_name(), Some(ThemeName::Dark));
        assert!((s.ui_scale - 1.2).abs() < 1e-6);
        // Once the new entry is written it wins over the old strings.
        let newer = Settings {
            theme: ThemeName::Light.label().into(),
            ..s
        };
        newer.store(&mut storage);
        assert_eq!(Settings::load(&storage), Some(newer));
    }

    #[test]
    fn partial_old_strings_and_unknown_theme() {
        let mut storage = FakeStorage::default();
        storage.set_string("theme", "Sepia".into());
        let s = Settings::load(&storage).unwrap();
        assert_eq!(s.theme_name(), None);
        assert!(s.recent_files.is_empty());
        assert!((s.ui_scale - 1.0).abs() < f32::EPSILON);
    }
}
