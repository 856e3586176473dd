//! The CSV importer (`io::csv_import::import_text_into`): first byte's low bit picks the
//! workspace imported into (new, or a sample), then the nodes file, NUL, the edges file.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    depdig_fuzz::checks::csv_bytes(data);
});
