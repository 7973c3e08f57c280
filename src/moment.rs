//! A moment or a length of the original, in whole seconds, and how it is written: `1:03` for the
//! reader (timestamps, durations, the Markdown export), `PT1M3S` for `<time datetime>`. Pure, so
//! the app, the publish command and the export share it. Also how long a digest takes to read.

use crate::model::{Digest, Point};

/// The whole second `seconds` falls in; nothing valid (negative, NaN, infinite) is the start.
pub fn whole_seconds(seconds: f64) -> u64 {
    if seconds.is_finite() && seconds > 0.0 {
        // Truncation is intended: a timestamp points at the second it falls in.
        seconds.floor().min(u64::MAX as f64) as u64
    } else {
        0
    }
}

/// `1:03` or `1:02:03`: how a timestamp reads.
pub fn clock(seconds: f64) -> String {
    let total = whole_seconds(seconds);
    let (hours, minutes, secs) = (total / 3600, (total / 60) % 60, total % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{secs:02}")
    } else {
        format!("{minutes}:{secs:02}")
    }
}

/// `PT1M3S`: a duration for `<time datetime>`.
pub fn duration_attr(seconds: f64) -> String {
    let total = whole_seconds(seconds);
    let (hours, minutes, secs) = (total / 3600, (total / 60) % 60, total % 60);
    let mut out = String::from("PT");
    if hours > 0 {
        out.push_str(&format!("{hours}H"));
    }
    if minutes > 0 {
        out.push_str(&format!("{minutes}M"));
    }
    if secs > 0 || total == 0 {
        out.push_str(&format!("{secs}S"));
    }
    out
}

/// Words a reader reads in a minute: a common figure for adults reading on a screen.
const WORDS_PER_MINUTE: usize = 230;

/// How long the digest takes to read, and how long the original lasts: `4 min read · 4:46 video`
/// (the time the digest saves its reader). Every word the page shows counts, locked points
/// excepted (the reader does not see them).
pub fn reading_time(digest: &Digest) -> String {
    let words = |text: &str| text.split_whitespace().count();
    let points = |points: &[Point]| points.iter().map(|point| words(&point.text)).sum::<usize>();
    let sections: usize = digest
        .sections
        .iter()
        .map(|section| {
            let subsections: usize = section
                .subsections
                .iter()
                .map(|sub| words(&sub.title) + if sub.locked { 0 } else { points(&sub.points) })
                .sum();
            words(&section.title) + points(&section.points) + subsections
        })
        .sum();
    let total = words(&digest.title)
        + digest.summary.iter().map(|p| words(p)).sum::<usize>()
        + points(&digest.key_points)
        + sections;
    let minutes = total.div_ceil(WORDS_PER_MINUTE).max(1);
    let mut out = format!("{minutes} min read");
    if let Some(seconds) = digest.source.duration_seconds {
        let kind = digest.source.kind.map_or("original", |kind| kind.noun());
        // Durations are whole seconds in the format; the clock reads them as such.
        out.push_str(&format!(" · {} {kind}", clock(seconds as f64)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_as_clock_times() {
        assert_eq!(clock(63.0), "1:03");
        assert_eq!(clock(3723.0), "1:02:03");
        assert_eq!(clock(0.0), "0:00");
        assert_eq!(clock(41.7), "0:41");
        assert_eq!(clock(f64::NAN), "0:00");
        assert_eq!(duration_attr(63.0), "PT1M3S");
        assert_eq!(duration_attr(3723.0), "PT1H2M3S");
        assert_eq!(duration_attr(3600.0), "PT1H");
        assert_eq!(duration_attr(0.0), "PT0S");
    }
}

#[cfg(test)]
mod reading {
    use super::reading_time;
    use crate::model::Digest;

    #[test]
    fn reading_time_counts_what_the_reader_sees_against_the_original() {
        let words = |n: usize| vec!["word"; n].join(" ");
        let digest = |summary: String, extra: &str| {
            let text = format!(
                r#"{{"format":"digest/v1","id":"x","published":"2025-01-01","title":"One",
                "source":{{"channel":"c","title":"t"{extra}}},"summary":{summary:?},"key_points":[],
                "sections":[{{"title":"Two","subsections":[{{"title":"Three","locked":true,
                "points":["{}"]}}]}}]}}"#,
                words(5000)
            );
            Digest::parse(&text).map_err(|err| format!("{err:?}"))
        };
        // 3 title words + 227 = 230 words: one minute; the locked points do not count.
        assert_eq!(
            digest(words(227), "").map(|d| reading_time(&d)),
            Ok("1 min read".to_string())
        );
        assert_eq!(
            digest(words(228), r#","kind":"video","duration_seconds":286"#)
                .map(|d| reading_time(&d)),
            Ok("2 min read · 4:46 video".to_string())
        );
        assert_eq!(
            digest(String::new(), r#","duration_seconds":5652"#).map(|d| reading_time(&d)),
            Ok("1 min read · 1:34:12 original".to_string())
        );
    }
}
