//! The workspace file format as its own types (DTOs), apart from the model.
//!
//! `v2` holds the structs that are the file; `convert` turns the model into them and back. The
//! model (`crate::model`) has no `serde` at all, so a rename there cannot change a saved file, and
//! a rename here fails the golden-file tests (`tests::every_field_is_pinned`,
//! `tests::the_golden_file_sets_every_field`).
//!
//! Version 1 files parse into the same structs: version 2 only added optional fields, and the
//! version check (`ron_file::migrate`) refuses a version-1 file that uses one.

mod convert;
#[cfg(test)]
mod tests;
pub(crate) mod v2;

use std::borrow::Cow;
use std::fmt::Display;
use std::str::FromStr;

use crate::model::DEFAULT_TIMEZONE;

fn default_timezone() -> String {
    DEFAULT_TIMEZONE.to_owned()
}

fn is_default_timezone(tz: &str) -> bool {
    tz == DEFAULT_TIMEZONE
}

/// `true` when a value equals its type's default: such fields are left out of the file.
fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

fn one() -> u32 {
    1
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_one(v: &u32) -> bool {
    *v == 1
}

/// A vocabulary value written as its word (`"batch-job"`, `"2026-11-30"`, `"mon,fri"`): the
/// model's `Display`, read back with its `FromStr`, whose message (listing the accepted words)
/// becomes the error at the word's `file:line:col`.
struct Word<T>(T);

impl<T: Display> serde::Serialize for Word<&T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

impl<'de, T> serde::Deserialize<'de> for Word<T>
where
    T: FromStr,
    T::Err: Display,
{
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <Cow<'de, str>>::deserialize(d)?;
        text.parse().map(Word).map_err(serde::de::Error::custom)
    }
}

/// `#[serde(with = "word")]`: one word.
mod word {
    use super::{Display, FromStr, Word};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<T: Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        Word(v).serialize(s)
    }

    pub(super) fn deserialize<'de, T, D>(d: D) -> Result<T, D::Error>
    where
        T: FromStr,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        Word::deserialize(d).map(|w| w.0)
    }
}

/// `#[serde(with = "word_option")]`: `Some("word")` or `None`.
mod word_option {
    use super::{Display, FromStr, Word};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[allow(
        clippy::ref_option,
        reason = "serde's serialize_with passes a reference to the field"
    )]
    pub(super) fn serialize<T: Display, S: Serializer>(
        v: &Option<T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        v.as_ref().map(Word).serialize(s)
    }

    pub(super) fn deserialize<'de, T, D>(d: D) -> Result<Option<T>, D::Error>
    where
        T: FromStr,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        Option::<Word<T>>::deserialize(d).map(|o| o.map(|w| w.0))
    }
}

/// `#[serde(with = "word_list")]`: `["word", …]`.
mod word_list {
    use super::{Display, FromStr, Word};
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<T: Display, S: Serializer>(v: &[T], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(Word))
    }

    pub(super) fn deserialize<'de, T, D>(d: D) -> Result<Vec<T>, D::Error>
    where
        T: FromStr,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        Vec::<Word<T>>::deserialize(d).map(|v| v.into_iter().map(|w| w.0).collect())
    }
}
