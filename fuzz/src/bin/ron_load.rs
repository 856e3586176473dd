//! The workspace loader (`io::load_str`) on any bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    depdig_fuzz::checks::ron_bytes(data);
});
