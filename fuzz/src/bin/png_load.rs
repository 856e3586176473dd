//! The editable PNG reader (`io::png_workspace::workspace_text`, what `io::load_file` runs on a
//! file that starts like a PNG) on any bytes, the PNG signature put in front when missing; the
//! text a PNG carries is then checked like `ron_load`'s.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    depdig_fuzz::checks::png_bytes(data);
});
