//! Case- and accent-insensitive text: `Résumé` and `resume` fold to the same letters, and so do
//! `Știri` and `stiri`, `Việt` and `viet`, `ﬁnance` and `finance`.
//!
//! A character folds to its Unicode compatibility decomposition (NFKD) without the marks that
//! [`is_dropped_mark`] lists, lowercased. Letters that Unicode does not decompose but that readers
//! type plain or as two letters (`ß`, `æ`, `ø`, `ł`, …) have a table. The decomposition comes
//! from the browser in the app (`String.prototype.normalize`, so the WebAssembly carries no
//! Unicode tables) and from the `unicode-normalization` crate on the host (the publish command);
//! `tests/folding.rs` checks that both give the same letters, character by character.

use std::cell::RefCell;
use std::collections::HashMap;

/// Letters without a Unicode decomposition, folded as readers type them.
fn plain_letters(c: char) -> Option<&'static str> {
    Some(match c {
        'Æ' | 'æ' | 'Ǽ' | 'ǽ' | 'Ǣ' | 'ǣ' => "ae",
        'Đ' | 'đ' | 'Ð' | 'ð' | 'Ɖ' | 'ɖ' => "d",
        'Ħ' | 'ħ' => "h",
        'ı' => "i",
        'Ł' | 'ł' | 'Ŀ' | 'ŀ' | 'Ƚ' | 'ƚ' => "l",
        'Ø' | 'ø' | 'Ǿ' | 'ǿ' => "o",
        'Œ' | 'œ' => "oe",
        'ß' | 'ẞ' => "ss",
        'Ŧ' | 'ŧ' => "t",
        'Þ' | 'þ' => "th",
        'ƒ' => "f",
        // A letter of its own in Russian and Ukrainian, not an и with an accent.
        'Й' | 'й' => "й",
        'ς' => "σ",
        _ => return None,
    })
}

/// Marks dropped after decomposition: Latin, Greek and Cyrillic accents, Hebrew points and Arabic
/// vowel signs (written in some texts and not in others), and the Arabic tatweel (stretches a word
/// for layout). Marks that change a letter's sound
/// elsewhere (Indic vowel signs, kana voicing marks) stay.
pub fn is_dropped_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}'
        | '\u{483}'..='\u{489}'
        | '\u{591}'..='\u{5bd}'
        | '\u{5bf}'
        | '\u{5c1}'..='\u{5c2}'
        | '\u{5c4}'..='\u{5c5}'
        | '\u{5c7}'
        | '\u{610}'..='\u{61a}'
        | '\u{640}'
        | '\u{64b}'..='\u{65f}'
        | '\u{670}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}

/// The compatibility decomposition of `c`, from the `unicode-normalization` crate.
#[cfg(not(target_arch = "wasm32"))]
fn decompose(c: char, emit: impl FnMut(char)) {
    unicode_normalization::char::decompose_compatible(c, emit);
}

/// The compatibility decomposition of `c`, from the browser.
#[cfg(target_arch = "wasm32")]
fn decompose(c: char, emit: impl FnMut(char)) {
    let mut buffer = [0u8; 4];
    let one = js_sys::JsString::from(&*c.encode_utf8(&mut buffer));
    String::from(one.normalize("NFKD")).chars().for_each(emit);
}

/// Folds one non-ASCII character, with no cache.
fn fold_uncached(c: char, out: &mut String) {
    // Hangul syllables decompose into their letters (jamo), and kana into a kana and a voicing
    // mark: readers type neither one by one.
    if ('\u{ac00}'..='\u{d7a3}').contains(&c) || ('\u{3040}'..='\u{30ff}').contains(&c) {
        out.push(c);
        return;
    }
    if let Some(plain) = plain_letters(c) {
        out.push_str(plain);
        return;
    }
    decompose(c, |part| {
        if part.is_ascii() {
            out.push(part.to_ascii_lowercase());
        } else if let Some(plain) = plain_letters(part) {
            out.push_str(plain);
        } else if !is_dropped_mark(part) {
            out.extend(part.to_lowercase());
        }
    });
}

thread_local! {
    /// Each non-ASCII character's folding, once: a library uses a few hundred distinct ones, and
    /// asking the browser for each occurrence would cost a call out of WebAssembly every time.
    static FOLDED: RefCell<HashMap<char, Box<str>>> = RefCell::new(HashMap::new());
}

/// Folds one character to lowercase without accents; may give several (`ß` → `ss`) or none (a
/// combining mark).
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    FOLDED.with(|cache| {
        let mut cache = cache.borrow_mut();
        let folded = cache.entry(c).or_insert_with(|| {
            let mut one = String::new();
            fold_uncached(c, &mut one);
            one.into_boxed_str()
        });
        out.push_str(folded);
    });
}

/// Folds `text` for matching: lowercase, accents removed.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Folds `text` and remembers, for each byte of the folded text, which byte of `text` it came from.
pub(crate) fn fold_with_origins(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origins = Vec::with_capacity(text.len());
    for (index, c) in text.char_indices() {
        fold_char(c, &mut folded);
        origins.resize(folded.len(), index);
    }
    (folded, origins)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Résumé"), "resume");
        assert_eq!(fold("RE\u{301}SUME\u{301}"), "resume");
        assert_eq!(fold("Straße Œuvre ÆON Łódź"), "strasse oeuvre aeon lodz");
        assert_eq!(fold("ΑΘΗΝΑ"), "αθηνα");
        assert_eq!(fold("DeepSeek 🤖"), "deepseek 🤖");
    }

    #[test]
    fn folds_letters_beyond_latin_1_and_extended_a() {
        assert_eq!(fold("Știri și Țară"), "stiri si tara");
        assert_eq!(fold("Tiếng Việt Đà Nẵng"), "tieng viet da nang");
        assert_eq!(fold("ﬁnance Ｗｉｄｅ ①"), "finance wide 1");
        assert_eq!(fold("Ἀθῆναι ὁδός"), "αθηναι οδοσ");
        assert_eq!(fold("Йогурт ёлка"), "йогурт елка");
        assert_eq!(fold("שָׁלוֹם"), "שלום");
        assert_eq!(fold("كَتَبَ"), "كتب");
        assert_eq!(fold("한국어 がっこう"), "한국어 がっこう");
    }
}
