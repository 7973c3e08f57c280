//! Publication dates: `YYYY-MM-DD` or an RFC 3339 date-time, shown as `Jan 29, 2025`.

use std::fmt;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A publication date as the publisher wrote it, checked and split into parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    raw: String,
    year: u16,
    month: u8,
    day: u8,
    /// The moment in UTC, in seconds since 1970-01-01 (a plain date counts as its midnight UTC):
    /// orders episodes published in different offsets.
    instant: i64,
}

impl Published {
    /// Parses `YYYY-MM-DD` or an RFC 3339 date-time such as `2025-03-14T09:30:00Z`.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let (date, rest) = (bytes.get(..10)?, bytes.get(10..)?);
        let year = digits(date.get(0..4)?)?;
        let month = digits(date.get(5..7)?)?;
        let day = digits(date.get(8..10)?)?;
        if date.get(4) != Some(&b'-') || date.get(7) != Some(&b'-') {
            return None;
        }
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let utc_seconds_of_day = if rest.is_empty() {
            0
        } else {
            time_of_day(rest)?
        };
        Some(Self {
            raw: text.to_string(),
            year: u16::try_from(year).ok()?,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
            instant: days_since_epoch(year, month, day) * 86_400 + utc_seconds_of_day,
        })
    }

    /// The value for a `<time datetime>` attribute: the text as published.
    pub fn machine(&self) -> &str {
        &self.raw
    }

    /// A key that sorts older moments first, whatever offset each was written in.
    pub fn sort_key(&self) -> i64 {
        self.instant
    }
}

impl fmt::Display for Published {
    /// `Jan 29, 2025`: the calendar date as published, without time-zone conversion.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MONTHS
            .get(usize::from(self.month).saturating_sub(1))
            .copied()
            .unwrap_or("");
        write!(f, "{month} {}, {}", self.day, self.year)
    }
}

fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, b| {
        acc.checked_mul(10)?.checked_add(u32::from(b - b'0'))
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a valid proleptic Gregorian date (negative before it).
fn days_since_epoch(year: u32, month: u32, day: u32) -> i64 {
    // Howard Hinnant's days_from_civil, with the year starting in March.
    let (year, month, day) = (i64::from(year), i64::from(month), i64::from(day));
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Reads `THH:MM:SS(.fraction)?(Z|+HH:MM|-HH:MM)` and returns seconds since midnight UTC of the
/// same calendar date (negative or past a day when the offset crosses midnight).
fn time_of_day(rest: &[u8]) -> Option<i64> {
    if !matches!(rest.first(), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let hour = digits(rest.get(1..3)?)?;
    let minute = digits(rest.get(4..6)?)?;
    let second = digits(rest.get(7..9)?)?;
    if rest.get(3) != Some(&b':') || rest.get(6) != Some(&b':') {
        return None;
    }
    // 60 is a leap second, which RFC 3339 allows.
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut tail = rest.get(9..)?;
    if let Some(b'.') = tail.first() {
        let fraction = tail
            .get(1..)?
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if fraction == 0 {
            return None;
        }
        tail = tail.get(1 + fraction..)?;
    }
    // Local time minus the offset is UTC: 23:30-05:00 is 04:30 the next day.
    let offset = match tail {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = digits(&[*h1, *h2])?;
            let minutes = digits(&[*m1, *m2])?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = i64::from(hours * 3600 + minutes * 60);
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    // A leap second is only ever inserted at the end of a UTC day (23:59:60Z).
    let utc_minute = (i64::from(hour * 60 + minute) - offset / 60).rem_euclid(1440);
    if second == 60 && utc_minute != 1439 {
        return None;
    }
    Some(i64::from(hour * 3600 + minute * 60 + second) - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Option<String> {
        Published::parse(text).map(|date| date.to_string())
    }

    #[test]
    fn shows_plain_dates_in_english() {
        assert_eq!(shown("2025-01-29").as_deref(), Some("Jan 29, 2025"));
        assert_eq!(shown("2024-12-01").as_deref(), Some("Dec 1, 2024"));
    }

    #[test]
    fn shows_date_times_by_their_calendar_date() {
        assert_eq!(
            shown("2025-03-14T09:30:00Z").as_deref(),
            Some("Mar 14, 2025")
        );
        assert_eq!(
            shown("2025-03-14T23:30:00.123-05:00").as_deref(),
            Some("Mar 14, 2025")
        );
        assert_eq!(
            shown("2025-03-14 23:30:00+01:00").as_deref(),
            Some("Mar 14, 2025")
        );
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "2025",
            "2025-1-29",
            "2025-13-01",
            "2025-02-30",
            "2023-02-29",
            "29/01/2025",
            "2025-01-29T",
            "2025-01-29T25:00:00Z",
            "2025-01-29T10:00:00",
            "2025-01-29T10:00:00+0100",
            "2025-01-29T10:00:00.Z",
            "2025-01-29 ",
            "２０２５-01-29",
        ] {
            assert!(Published::parse(bad).is_none(), "{bad:?} was accepted");
        }
        assert!(Published::parse("2024-02-29").is_some());
    }

    #[test]
    fn orders_by_date_then_time() {
        let key = |text| Published::parse(text).map(|date| date.sort_key());
        assert!(key("2025-01-29") < key("2025-01-30"));
        assert!(key("2025-01-29T08:00:00Z") < key("2025-01-29T09:00:00Z"));
        assert!(key("2024-12-31") < key("2025-01-01"));
    }

    #[test]
    fn orders_moments_across_offsets() {
        let key = |text| Published::parse(text).map(|date| date.sort_key());
        // 23:30 in New York on the 14th is 04:30 UTC on the 15th.
        assert!(key("2025-03-14T23:30:00-05:00") > key("2025-03-15T01:00:00Z"));
        assert!(key("2025-03-15T08:00:00+09:00") < key("2025-03-15T00:00:00Z"));
        assert_eq!(
            key("2025-03-15T05:30:00+05:30"),
            key("2025-03-15T00:00:00Z")
        );
        assert_eq!(key("1970-01-01"), Some(0));
        assert_eq!(key("2000-03-01"), Some(951_868_800));
        assert_eq!(key("2025-01-29T12:00:00Z"), Some(1_738_152_000));
        assert!(key("0000-01-01") < key("1969-12-31"));
        assert!(key("9999-12-31T23:59:60Z").is_some());
        assert!(key("2016-12-31T18:59:60-05:00").is_some(), "23:59:60 UTC");
        assert!(
            key("2025-01-29T10:30:60Z").is_none(),
            "a leap second only ends a UTC day"
        );
        assert!(key("9999-12-31T23:59:60-23:59").is_none());
    }
}
