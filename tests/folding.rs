//! Search folding gives the same letters on the host (the publish command, with the
//! `unicode-normalization` crate) and in the browser (the app, with `String.prototype.normalize`):
//! every character of the blocks below is folded on both and compared with
//! `tests/fixtures/fold.json`. The host test writes the file when `UPDATE_FOLD_FIXTURE=1`.

use digest_reader::model::fold::fold;

/// Blocks whose letters readers search for: Latin with every extension, Greek, Cyrillic, Hebrew,
/// Arabic, letter-like symbols and number forms, ligatures, full-width forms, kana and a few
/// Hangul syllables.
const BLOCKS: &[(u32, u32)] = &[
    (0x00a0, 0x024f),
    (0x0370, 0x04ff),
    (0x0590, 0x06ff),
    (0x1e00, 0x1fff),
    (0x2100, 0x218f),
    (0x2460, 0x24ff),
    (0x3040, 0x30ff),
    (0xac00, 0xac10),
    (0xfb00, 0xfb4f),
    (0xff00, 0xffef),
];

/// Every character of [`BLOCKS`] with its folding, as this build folds it.
fn folded_here() -> Vec<(String, String)> {
    BLOCKS
        .iter()
        .flat_map(|&(first, last)| first..=last)
        .filter_map(char::from_u32)
        .map(|c| (c.to_string(), fold(&c.to_string())))
        .collect()
}

const FIXTURE: &str = include_str!("fixtures/fold.json");

fn fixture() -> Vec<(String, String)> {
    serde_json::from_str(FIXTURE)
        .expect("tests/fixtures/fold.json is a list of [character, folded]")
}

/// Where this build and the fixture differ, at most 20, as `U+XXXX 'c': here "…", fixture "…"`.
fn differences() -> Vec<String> {
    let expected = fixture();
    let here = folded_here();
    assert_eq!(
        here.len(),
        expected.len(),
        "the fixture covers other characters: update it"
    );
    here.iter()
        .zip(&expected)
        .filter(|(a, b)| a != b)
        .take(20)
        .map(|((c, mine), (_, theirs))| {
            let code = c.chars().next().map_or(0, u32::from);
            format!("U+{code:04X} {c:?}: here {mine:?}, fixture {theirs:?}")
        })
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_host_folds_as_the_fixture_says() {
    if std::env::var_os("UPDATE_FOLD_FIXTURE").is_some() {
        let lines: Vec<String> = folded_here()
            .iter()
            .map(|pair| serde_json::to_string(pair).expect("strings"))
            .collect();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fold.json");
        std::fs::write(path, format!("[\n{}\n]\n", lines.join(",\n"))).expect("writable");
        return;
    }
    assert_eq!(differences(), Vec::<String>::new());
    // The fixture is not a copy of whatever the code does: these are what readers expect.
    let pairs = fixture();
    for (c, folded) in [
        ("Ș", "s"),
        ("ệ", "e"),
        ("ﬁ", "fi"),
        ("Ａ", "a"),
        ("ß", "ss"),
        ("ـ", ""),
    ] {
        assert!(
            pairs.iter().any(|(a, b)| a == c && b == folded),
            "{c} should fold to {folded}"
        );
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_browser_folds_as_the_host_does() {
        assert_eq!(super::differences(), Vec::<String>::new());
    }
}
