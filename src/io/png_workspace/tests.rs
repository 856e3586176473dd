use std::sync::Arc;

use super::*;
use crate::io::export::{ExportOptions, export_png};
use crate::io::to_ron_string;
use crate::model::{System, Workspace};

fn tiny() -> Workspace {
    let mut ws = Workspace::new("Tiny · ünïcode ✓");
    ws.systems.insert("a".into(), System::new("a", "Orders"));
    ws.systems
        .insert("b".into(), System::new("b", "Lager (北京)"));
    ws
}

fn small_opts(embed: Option<&Workspace>) -> ExportOptions {
    ExportOptions {
        width_px: Some(320),
        embed: embed.map(|ws| Arc::new(ws.clone())),
        ..ExportOptions::default()
    }
}

fn exported(ws: &Workspace) -> Vec<u8> {
    export_png(ws, &small_opts(Some(ws))).unwrap()
}

/// A 2×2 PNG with an `iTXt` chunk holding `text`, written before or after the image data.
fn png_with_chunk(keyword: &str, text: &str, after_image: bool) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = ::png::Encoder::new(&mut out, 2, 2);
        enc.set_color(::png::ColorType::Rgba);
        let mut w = enc.write_header().unwrap();
        let mut chunk = ::png::text_metadata::ITXtChunk::new(keyword, text);
        chunk.compressed = true;
        if !after_image {
            w.write_text_chunk(&chunk).unwrap();
        }
        w.write_image_data(&[0u8; 16]).unwrap();
        if after_image {
            w.write_text_chunk(&chunk).unwrap();
        }
        w.finish().unwrap();
    }
    out
}

#[test]
fn an_export_carries_exactly_what_a_save_writes() {
    let ws = tiny();
    let png = exported(&ws);
    assert!(is_png(&png));
    assert_eq!(workspace_text(&png).unwrap(), to_ron_string(&ws).unwrap());
}

#[test]
fn without_embed_the_png_is_the_plain_picture_and_says_so() {
    let ws = tiny();
    let plain = export_png(&ws, &small_opts(None)).unwrap();
    assert_eq!(workspace_text(&plain), Err(PngProblem::NoWorkspace));
    // The pixels are the same with or without the workspace.
    let a = image::load_from_memory(&plain).unwrap().to_rgba8();
    let b = image::load_from_memory(&exported(&ws)).unwrap().to_rgba8();
    assert_eq!(a, b);
}

#[test]
fn another_keyword_is_not_a_workspace() {
    let png = png_with_chunk("mxfile", "(version: 2)", false);
    assert_eq!(workspace_text(&png), Err(PngProblem::NoWorkspace));
}

#[test]
fn a_chunk_behind_the_image_data_is_named_as_moved() {
    let png = png_with_chunk(KEYWORD, "(version: 2)", true);
    match workspace_text(&png) {
        Err(PngProblem::ChunkDamaged(why)) => assert!(why.contains("moved"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_damaged_chunk_is_told_from_a_missing_one() {
    let ws = tiny();
    let mut png = exported(&ws);
    let at = png.windows(7).position(|w| w == b"depdig\0").unwrap();
    // A byte of the compressed text: the chunk's checksum no longer matches.
    png[at + 12] ^= 0x55;
    match workspace_text(&png) {
        Err(PngProblem::ChunkDamaged(why)) => assert!(why.contains("checksum"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_decompression_bomb_is_refused_at_the_cap() {
    // 64 MiB + 1 of spaces deflates to about 64 KB.
    let text = " ".repeat(MAX_INFLATED_BYTES + 1);
    let png = png_with_chunk(KEYWORD, &text, false);
    assert!(png.len() < 1_000_000, "{}", png.len());
    assert_eq!(workspace_text(&png), Err(PngProblem::TooLarge));
    // Just under the cap is read.
    let text = " ".repeat(1000);
    let png = png_with_chunk(KEYWORD, &text, false);
    assert_eq!(workspace_text(&png).unwrap(), text);
}

#[test]
fn every_truncation_is_an_error_or_the_whole_text_never_a_panic() {
    let ws = tiny();
    let png = exported(&ws);
    let want = to_ron_string(&ws).unwrap();
    let chunk_end = png.windows(4).position(|w| w == b"IDAT").unwrap();
    for cut in (0..png.len())
        .step_by(7)
        .chain(chunk_end - 8..chunk_end + 8)
    {
        match workspace_text(&png[..cut]) {
            // Cut inside the image data: the chunk before it is whole.
            Ok(text) => {
                assert!(cut > chunk_end - 8, "cut at {cut} gave text");
                assert_eq!(text, want);
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
}

#[test]
fn random_bytes_and_flips_never_panic() {
    let ws = tiny();
    let png = exported(&ws);
    let want = to_ron_string(&ws).unwrap();
    // A small xorshift: reproducible without a dependency.
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..400 {
        let mut bytes = png.clone();
        for _ in 0..=(next() % 4) {
            let i = usize::try_from(next() % bytes.len() as u64).unwrap();
            bytes[i] = u8::try_from(next() % 256).unwrap();
        }
        // A flip the checksums miss is never taken for other text.
        if let Ok(text) = workspace_text(&bytes) {
            assert_eq!(text, want);
        }
        let len = usize::try_from(next() % 200).unwrap();
        let mut noise: Vec<u8> = SIGNATURE.to_vec();
        noise.extend((0..len).map(|_| u8::try_from(next() % 256).unwrap()));
        assert!(workspace_text(&noise).is_err());
    }
}
