//! Dates as feeds and sitemaps want them: RFC 822 for RSS, RFC 3339 for JSON Feed and JSON-LD,
//! `YYYY-MM-DD` for sitemaps.

use digest_reader::model::Published;

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A moment in UTC, split into its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Utc {
    year: i64,
    month: u32,
    day: u32,
    seconds_of_day: i64,
    /// Days since 1970-01-01, a Thursday.
    days: i64,
}

impl Utc {
    /// The moment `epoch` seconds after 1970-01-01T00:00:00Z.
    pub fn from_epoch(epoch: i64) -> Self {
        let days = epoch.div_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Self {
            year,
            month,
            day,
            seconds_of_day: epoch.rem_euclid(86_400),
            days,
        }
    }

    /// `Wed, 29 Jan 2025 00:00:00 GMT` (RSS 2.0 `pubDate`).
    pub fn rfc822(&self) -> String {
        let weekday = DAYS
            .get(self.days.rem_euclid(7) as usize)
            .copied()
            .unwrap_or("Thu");
        let month = MONTHS
            .get(self.month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("Jan");
        format!(
            "{weekday}, {:02} {month} {:04} {} GMT",
            self.day,
            self.year,
            self.clock()
        )
    }

    /// `2025-01-29T00:00:00Z`.
    pub fn rfc3339(&self) -> String {
        format!("{}T{}Z", self.date(), self.clock())
    }

    /// `2025-01-29`.
    pub fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    fn clock(&self) -> String {
        let s = self.seconds_of_day;
        format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

/// The moment an episode was published, in UTC.
pub fn utc(published: &Published) -> Utc {
    Utc::from_epoch(published.sort_key())
}

/// RFC 3339 as the publisher wrote it when it has a time, else that day's midnight UTC.
pub fn rfc3339(published: &Published) -> String {
    let raw = published.machine();
    if raw.len() > 10 {
        raw.to_string()
    } else {
        utc(published).rfc3339()
    }
}

/// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date of a day count.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_a_plain_date_and_a_date_time_with_an_offset() {
        let day = Published::parse("2025-01-29").unwrap();
        assert_eq!(utc(&day).rfc822(), "Wed, 29 Jan 2025 00:00:00 GMT");
        assert_eq!(rfc3339(&day), "2025-01-29T00:00:00Z");
        let moment = Published::parse("2024-02-29T23:30:00-02:00").unwrap();
        assert_eq!(utc(&moment).rfc822(), "Fri, 01 Mar 2024 01:30:00 GMT");
        assert_eq!(utc(&moment).date(), "2024-03-01");
        assert_eq!(rfc3339(&moment), "2024-02-29T23:30:00-02:00");
    }

    #[test]
    fn days_before_1970_are_right_too() {
        assert_eq!(
            Utc::from_epoch(-86_400).rfc822(),
            "Wed, 31 Dec 1969 00:00:00 GMT"
        );
    }
}
