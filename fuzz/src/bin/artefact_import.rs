//! The artefact readers (compose, Kubernetes, DOT, Mermaid, Structurizr DSL, Jaeger): the first
//! byte picks the reader, the rest is the file's text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    depdig_fuzz::checks::artefact_bytes(data);
});
