//! Times the compressed copies of one file at each setting the publish command could use:
//! `cargo run --profile site -p digest-publish --example compress_timing -- <file>`.

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: compress_timing <file>");
        return;
    };
    let body = std::fs::read(&path).unwrap_or_default();
    const RUNS: u32 = 300;
    for quality in [4, 5, 6, 9, 11] {
        let started = Instant::now();
        let mut size = 0;
        for _ in 0..RUNS {
            size = digest_publish::output::brotli(&body, quality).map_or(0, |b| b.len());
        }
        let each = started.elapsed() / RUNS;
        println!("brotli {quality:>2}: {size:>7} bytes, {each:?} each");
    }
    for level in [1, 6, 9] {
        let started = Instant::now();
        let mut size = 0;
        for _ in 0..RUNS {
            size = digest_publish::output::gzip(&body, level).map_or(0, |b| b.len());
        }
        let each = started.elapsed() / RUNS;
        println!("gzip   {level:>2}: {size:>7} bytes, {each:?} each");
    }
    println!("input: {} bytes", body.len());
}
