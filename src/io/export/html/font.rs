//! The bundled font (the one the SVG export embeds and the PNG renders with), subset to the
//! characters the page shows, as a `data:` URL for `@font-face`.

use std::collections::BTreeSet;

use base64::Engine as _;

use crate::layout::measure::FONT_BYTES;

/// The `@font-face` rule for the bundled font subset to `chars` (plus printable ASCII, which
/// the find box may be typed in), or `None` when the font cannot be subset (the page then falls
/// back to the SVG's font stack).
pub fn font_face(chars: &BTreeSet<char>) -> Option<String> {
    let ttf = subset(chars)?;
    Some(format!(
        "@font-face{{font-family:'DejaVu Sans';src:url(data:font/ttf;base64,{}) \
         format('truetype');}}",
        base64::engine::general_purpose::STANDARD.encode(ttf)
    ))
}

/// The font with only the glyphs for `chars` (those it has) and printable ASCII.
pub fn subset(chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let face = ttf_parser::Face::parse(FONT_BYTES, 0).ok()?;
    let ascii = (' '..='~').collect::<BTreeSet<char>>();
    let wanted: BTreeSet<char> = chars
        .iter()
        .copied()
        .filter(|c| !c.is_control())
        .chain(ascii.iter().copied())
        .filter(|c| face.glyph_index(*c).is_some_and(|g| g.0 != 0))
        .collect();
    let source = subsettable()?;
    let font = font_subset::FontReader::new(source)
        .and_then(|r| r.read().map(|f| f.subset(&wanted).map(|s| s.to_opentype())))
        .ok()?;
    // A character the subsetter cannot map (outside its cmap reading) must not cost the whole
    // font: fall back to ASCII.
    match font {
        Ok(bytes) => Some(bytes),
        Err(_) => font_subset::FontReader::new(source)
            .and_then(|r| {
                r.read()
                    .and_then(|f| f.subset(&ascii).map(|s| s.to_opentype()))
            })
            .ok(),
    }
}

/// The bundled font as the subsetter reads it, computed once: DejaVu Sans has a version-1
/// `OS/2` table and `font_subset` reads versions 2 to 5, so the table is extended to version 2
/// (the five fields version 2 adds: x-height and cap height from the glyphs of `x` and `H`,
/// default character 0, break character space, maximum context 2). Only the subsetter sees
/// this copy; it writes the subset's tables and checksums itself.
fn subsettable() -> Option<&'static [u8]> {
    static FONT: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
    FONT.get_or_init(|| with_os2_v2(FONT_BYTES)).as_deref()
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

/// `font` with its `OS/2` table at version 2 or later (unchanged when it already is).
fn with_os2_v2(font: &[u8]) -> Option<Vec<u8>> {
    let face = ttf_parser::Face::parse(font, 0).ok()?;
    let top = |c: char| {
        face.glyph_index(c)
            .and_then(|g| face.glyph_bounding_box(g))
            .map_or(0, |r| r.y_max)
    };
    let extra: Vec<u8> = [top('x'), top('H'), 0, 32, 2]
        .iter()
        .flat_map(|v| v.to_be_bytes())
        .collect();
    let count = usize::from(be16(font, 4)?);
    let records: Vec<([u8; 4], usize, usize)> = (0..count)
        .map(|i| {
            let at = 12 + 16 * i;
            let tag = font.get(at..at + 4)?.try_into().ok()?;
            Some((
                tag,
                be32(font, at + 8)? as usize,
                be32(font, at + 12)? as usize,
            ))
        })
        .collect::<Option<_>>()?;
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(count);
    for (tag, offset, len) in records {
        let mut bytes = font.get(offset..offset.checked_add(len)?)?.to_vec();
        if &tag == b"OS/2" && be16(&bytes, 0)? < 2 {
            // Version 1 is 86 bytes; version 2 adds 10.
            bytes.resize(86, 0);
            bytes[0..2].copy_from_slice(&2u16.to_be_bytes());
            bytes.extend_from_slice(&extra);
        }
        tables.push((tag, bytes));
    }
    let mut out = font.get(..12)?.to_vec();
    let mut offset = 12 + 16 * count;
    let mut body = Vec::new();
    let mut head_at = None;
    for (tag, bytes) in &mut tables {
        if tag == b"head" {
            // The whole font's checksum adjustment, computed below; zero while summing.
            bytes.get_mut(8..12)?.fill(0);
            head_at = Some(offset);
        }
        out.extend_from_slice(tag.as_slice());
        out.extend_from_slice(&checksum(bytes).to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(bytes.len()).ok()?.to_be_bytes());
        body.extend_from_slice(bytes);
        let padded = bytes.len().next_multiple_of(4);
        body.resize(padded - bytes.len() + body.len(), 0);
        offset += padded;
    }
    out.extend_from_slice(&body);
    let adjust = 0xB1B0_AFBA_u32.wrapping_sub(checksum(&out));
    let at = head_at? + 8;
    out.get_mut(at..at + 4)?
        .copy_from_slice(&adjust.to_be_bytes());
    Some(out)
}

/// The OpenType checksum: the sum of big-endian 32-bit words, the last one zero-padded.
fn checksum(bytes: &[u8]) -> u32 {
    bytes
        .chunks(4)
        .map(|c| {
            let mut w = [0u8; 4];
            w[..c.len()].copy_from_slice(c);
            u32::from_be_bytes(w)
        })
        .fold(0u32, u32::wrapping_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_keeps_the_characters_asked_for_and_is_small() {
        let chars: BTreeSet<char> = "Zahlungsverkehr — Überweisung · €".chars().collect();
        let ttf = subset(&chars).unwrap();
        assert!(ttf.len() < FONT_BYTES.len() / 5, "{} bytes", ttf.len());
        let face = ttf_parser::Face::parse(&ttf, 0).unwrap();
        for c in chars.iter().chain(['a', '~', '0'].iter()) {
            assert!(
                face.glyph_index(*c).is_some_and(|g| g.0 != 0),
                "{c:?} missing from the subset"
            );
        }
        // A character not asked for is not there.
        assert!(face.glyph_index('Ж').is_none_or(|g| g.0 == 0));
        assert!(font_face(&chars).unwrap().starts_with("@font-face{"));
    }

    #[test]
    fn the_os2_table_is_extended_and_the_font_stays_valid() {
        let patched = with_os2_v2(FONT_BYTES).unwrap();
        let face = ttf_parser::Face::parse(&patched, 0).unwrap();
        let os2 = face.tables().os2.unwrap();
        assert!(os2.version >= 2);
        assert_eq!(
            face.glyph_index('Q'),
            ttf_parser::Face::parse(FONT_BYTES, 0)
                .unwrap()
                .glyph_index('Q')
        );
        assert_eq!(checksum(&patched), 0xB1B0_AFBA);
        // Garbage is refused, never a panic.
        assert!(with_os2_v2(b"not a font").is_none());
        assert!(with_os2_v2(&patched[..100]).is_none());
    }

    #[test]
    fn characters_the_font_lacks_are_skipped() {
        let chars: BTreeSet<char> = ['a', '\u{1F600}', '\u{E000}', '\u{7}']
            .into_iter()
            .collect();
        assert!(subset(&chars).is_some());
    }
}
