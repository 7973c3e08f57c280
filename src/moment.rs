//! A moment or a length of the original, in whole seconds, and how it is written: `1:03` for the
//! reader (timestamps, durations, the Markdown export), `PT1M3S` for `<time datetime>`. Pure, so
//! the app, the publish command and the export share it.

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
