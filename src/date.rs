//! Dates of WebDAV properties, without a clock, an allocation or a panic.
//!
//! - [`HttpDate`]: the HTTP dates of RFC 9110 §5.6.7 (`getlastmodified`, RFC 4918 §15.7; also
//!   the `Date`, `Last-Modified`, `Expires` header fields): IMF-fixdate, the obsolete RFC 850
//!   form and asctime, read to Unix seconds; written as IMF-fixdate.
//! - [`DateTime`]: the RFC 3339 `date-time` of `creationdate` (RFC 4918 §15.1), read to Unix
//!   seconds, nanoseconds and the offset; written in UTC (`Z`).
//!
//! Both hold instants from 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z (proleptic Gregorian
//! calendar; before 1970 the seconds are negative). Every decision (white space, leap seconds,
//! two-digit years, the day of the week, tolerated zones) is in docs/parsing.md, "Dates".

use core::fmt;
use core::str::FromStr;

// The white space trimmed around a date: XML's (space, tab, CR, LF).
use crate::text::is_xml_space_byte;

// --- errors ------------------------------------------------------------------------------

/// What is wrong with a date. `#[non_exhaustive]`: new kinds may come in minor releases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateErrorKind {
    /// The input ends inside the date (it is a proper prefix of one); the offset is its end.
    Truncated,
    /// A byte other than the separator the form has there (`,`, space, `-`, `:`, `T`).
    Separator,
    /// Not a day name of the form (`Mon` to `Sun`; `Monday` to `Sunday` in the RFC 850 form).
    Weekday,
    /// A day name that is not the day of the week of the date.
    WrongWeekday,
    /// The day of the month: not two digits (asctime: or a space and a digit), `00`, or past
    /// the month's last day.
    Day,
    /// The month: not a month name (`Jan` to `Dec`) or not `01` to `12`.
    Month,
    /// The year: not four digits (two in the RFC 850 form), or a two-digit year that falls
    /// outside 0000-9999.
    Year,
    /// The hour: not two digits, or past 23.
    Hour,
    /// The minute: not two digits, or past 59.
    Minute,
    /// The second: not two digits, past 60, or 60 anywhere but the last second of a UTC day.
    Second,
    /// RFC 3339: a `.` that no digit follows.
    Fraction,
    /// The zone: not `GMT` or `+hhmm` / `-hhmm` (HTTP), not `Z`, `+hh:mm` or `-hh:mm` (RFC
    /// 3339), or an offset past 23:59.
    Zone,
    /// Bytes after the date (white space excepted).
    TrailingBytes,
    /// The instant, once its offset is applied, is outside 0000-01-01T00:00:00Z to
    /// 9999-12-31T23:59:59Z.
    OutOfRange,
    /// Formatting: the caller's buffer is too short; the offset is the length needed.
    BufferTooSmall,
}

impl DateErrorKind {
    /// A short description, used by `Display`.
    pub const fn as_str(self) -> &'static str {
        match self {
            DateErrorKind::Truncated => "date ends early",
            DateErrorKind::Separator => "unexpected byte between the fields of a date",
            DateErrorKind::Weekday => "not a day name",
            DateErrorKind::WrongWeekday => "day name does not match the date",
            DateErrorKind::Day => "invalid day of the month",
            DateErrorKind::Month => "invalid month",
            DateErrorKind::Year => "invalid year",
            DateErrorKind::Hour => "invalid hour",
            DateErrorKind::Minute => "invalid minute",
            DateErrorKind::Second => "invalid second",
            DateErrorKind::Fraction => "invalid fraction of a second",
            DateErrorKind::Zone => "invalid time zone",
            DateErrorKind::TrailingBytes => "bytes after the date",
            DateErrorKind::OutOfRange => "date outside the years 0000-9999 (UTC)",
            DateErrorKind::BufferTooSmall => "buffer too small",
        }
    }
}

/// A date that cannot be read (or written): what is wrong, and where.
///
/// 8 bytes, `Copy`. The offset is a byte offset into the string given to the parser (before
/// white space is trimmed); a field's error is at the field's first byte, a separator's at the
/// separator, [`DateErrorKind::Truncated`] at the end of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateError {
    kind: DateErrorKind,
    offset: u32,
}

impl DateError {
    /// An error of `kind` at byte `offset` (saturated to `u32::MAX`).
    const fn new(kind: DateErrorKind, offset: usize) -> Self {
        let offset = crate::offset::saturate(offset);
        DateError { kind, offset }
    }

    /// What is wrong.
    pub const fn kind(&self) -> DateErrorKind {
        self.kind
    }

    /// The byte offset into the input of the field, separator or end at fault (for
    /// [`DateErrorKind::BufferTooSmall`], the length needed).
    pub const fn offset(&self) -> usize {
        crate::offset::widen(self.offset)
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (byte {})", self.kind.as_str(), self.offset)
    }
}

impl core::error::Error for DateError {}

// --- the calendar --------------------------------------------------------------------------

/// Seconds in a day.
const DAY: i64 = 86_400;
/// Unix seconds of 0000-01-01T00:00:00Z, the first instant the date types hold.
const MIN_SECONDS: i64 = -62_167_219_200;
/// Unix seconds of 9999-12-31T23:59:59Z, the last.
const MAX_SECONDS: i64 = 253_402_300_799;
/// Days in 400 Gregorian years (the calendar repeats after them).
const DAYS_PER_CYCLE: i64 = 146_097;
/// Days from 1 March of the year -400 to 1970-01-01: the count below starts there, so that
/// every year from 0000 on has a positive count (a whole cycle earlier than year 0).
const SHIFTED_EPOCH: i64 = 865_565;

/// A calendar date: year 0-9999, month 1-12, day 1-31.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Civil {
    year: u32,
    month: u32,
    day: u32,
}

/// Whether `year` has a 29 February (Gregorian rule).
fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// The number of days in `month` (1-12) of `year`.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The days from 1970-01-01 to `date` (negative before).
///
/// Years are counted from 1 March, so that the leap day is the last day of its year; in that
/// count the months from March to January have 31, 30, 31, 30, 31 days, then the same five
/// again, then 31: the first of the `m`-th month after March is `(153 m + 2) / 5` days after
/// 1 March. A year of the 400-year cycle adds 365 days, plus one every fourth year, minus one
/// every hundredth. All the values stay small (year <= 9999): wrapping operations cannot wrap.
fn days_from_civil(date: Civil) -> i64 {
    // Shift a whole cycle up (year + 400), and count January and February in the year before.
    let (year, month) = if date.month > 2 {
        (date.year.wrapping_add(400), date.month.wrapping_sub(3))
    } else {
        (date.year.wrapping_add(399), date.month.wrapping_add(9))
    };
    let cycle = year.wrapping_div(400);
    let year_of_cycle = year.wrapping_rem(400);
    let day_of_year = month.wrapping_mul(153).wrapping_add(2).wrapping_div(5).wrapping_add(date.day).wrapping_sub(1);
    let day_of_cycle = year_of_cycle
        .wrapping_mul(365)
        .wrapping_add(year_of_cycle.wrapping_div(4))
        .wrapping_sub(year_of_cycle.wrapping_div(100))
        .wrapping_add(day_of_year);
    let shifted = i64::from(cycle).wrapping_mul(DAYS_PER_CYCLE).wrapping_add(i64::from(day_of_cycle));
    shifted.wrapping_sub(SHIFTED_EPOCH)
}

/// The date `days` after 1970-01-01; `days` must be within the years 0000-9999.
///
/// The inverse of [`days_from_civil`]. Within a cycle, the year is the day count with the
/// leap days removed, divided by 365: a leap day falls after every 1460 days of a four-year
/// block (so `day / 1460` of them have passed), none after every 36524 days of a century
/// (`day / 36524` to put back), and the cycle's last day is the 400th year's leap day
/// (`day / 146096` more to remove). The month is the inverse of `(153 m + 2) / 5`.
fn civil_from_days(days: i64) -> Civil {
    let shifted = days.wrapping_add(SHIFTED_EPOCH);
    let cycle = u32::try_from(shifted.wrapping_div_euclid(DAYS_PER_CYCLE)).unwrap_or(0);
    let day_of_cycle = u32::try_from(shifted.wrapping_rem_euclid(DAYS_PER_CYCLE)).unwrap_or(0);
    let year_of_cycle = day_of_cycle
        .wrapping_sub(day_of_cycle.wrapping_div(1460))
        .wrapping_add(day_of_cycle.wrapping_div(36_524))
        .wrapping_sub(day_of_cycle.wrapping_div(146_096))
        .wrapping_div(365);
    let day_of_year = day_of_cycle.wrapping_sub(
        year_of_cycle
            .wrapping_mul(365)
            .wrapping_add(year_of_cycle.wrapping_div(4))
            .wrapping_sub(year_of_cycle.wrapping_div(100)),
    );
    let month_from_march = day_of_year.wrapping_mul(5).wrapping_add(2).wrapping_div(153);
    let day =
        day_of_year.wrapping_sub(month_from_march.wrapping_mul(153).wrapping_add(2).wrapping_div(5)).wrapping_add(1);
    let (month, year_shift) = if month_from_march < 10 {
        (month_from_march.wrapping_add(3), 0)
    } else {
        (month_from_march.wrapping_sub(9), 1)
    };
    let year = cycle.wrapping_mul(400).wrapping_add(year_of_cycle).wrapping_add(year_shift).wrapping_sub(400);
    Civil { year, month, day }
}

/// The day of the week of the date `days` after 1970-01-01 (a Thursday): 0 is Monday.
fn weekday(days: i64) -> usize {
    usize::try_from(days.wrapping_add(3).wrapping_rem_euclid(7)).unwrap_or(0)
}

/// The day names, Monday first; the first three letters are the abbreviations.
const DAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/// The month names of HTTP dates, January first.
const MONTH_NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// --- reading ---------------------------------------------------------------------------------

/// A reader over the trimmed date; errors are placed in the untrimmed input.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Where `bytes` starts in the input (the white space trimmed before it).
    base: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor over `s` without its leading and trailing white space.
    fn new(s: &'a str) -> Self {
        let b = s.as_bytes();
        let start = b.iter().position(|&c| !is_xml_space_byte(c)).unwrap_or(b.len());
        let end = b.iter().rposition(|&c| !is_xml_space_byte(c)).map_or(start, |k| k.saturating_add(1)).max(start);
        Cursor { bytes: b.get(start..end).unwrap_or(&[]), pos: 0, base: start }
    }

    /// An error of `kind` at `at` (an index into the trimmed date).
    #[cfg_attr(feature = "small", inline(never))]
    fn error(&self, kind: DateErrorKind, at: usize) -> DateError {
        DateError::new(kind, self.base.saturating_add(at))
    }

    /// The end of the input, reached too early.
    fn truncated(&self) -> DateError {
        self.error(DateErrorKind::Truncated, self.pos)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn advance(&mut self) {
        self.pos = self.pos.saturating_add(1);
    }

    /// The bytes of `lit`; a byte that differs is an error of `kind` at `at`.
    fn literal(&mut self, lit: &[u8], kind: DateErrorKind, at: usize) -> Result<(), DateError> {
        for &want in lit {
            match self.peek() {
                None => return Err(self.truncated()),
                Some(b) if b == want => self.advance(),
                Some(_) => return Err(self.error(kind, at)),
            }
        }
        Ok(())
    }

    /// The separator `sep`.
    fn separator(&mut self, sep: u8) -> Result<(), DateError> {
        self.literal(&[sep], DateErrorKind::Separator, self.pos)
    }

    /// Exactly `width` digits, their value and where they start; anything else is an error of
    /// `kind` at the start.
    fn number(&mut self, width: usize, kind: DateErrorKind) -> Result<(u32, usize), DateError> {
        let start = self.pos;
        let mut value: u32 = 0;
        for _ in 0..width {
            match self.peek() {
                None => return Err(self.truncated()),
                Some(d @ b'0'..=b'9') => {
                    value = value.wrapping_mul(10).wrapping_add(u32::from(d.wrapping_sub(b'0')));
                    self.advance();
                }
                Some(_) => return Err(self.error(kind, start)),
            }
        }
        Ok((value, start))
    }

    /// Two digits no greater than `max`.
    fn two_digits(&mut self, max: u32, kind: DateErrorKind) -> Result<(u32, usize), DateError> {
        let (value, at) = self.number(2, kind)?;
        if value > max {
            return Err(self.error(kind, at));
        }
        Ok((value, at))
    }

    /// One of `names`, compared on its first three bytes (case-sensitive): its index.
    fn name(&mut self, names: &[&str], kind: DateErrorKind) -> Result<usize, DateError> {
        let start = self.pos;
        let rest = self.bytes.get(start..).unwrap_or(&[]);
        let got = rest.get(..3).unwrap_or(rest);
        let matching = |n: &&str| n.as_bytes().get(..3).is_some_and(|abbr| abbr.starts_with(got));
        match names.iter().position(matching) {
            Some(index) if got.len() == 3 => {
                self.pos = start.saturating_add(3);
                Ok(index)
            }
            Some(_) => {
                self.pos = self.bytes.len();
                Err(self.truncated())
            }
            None => Err(self.error(kind, start)),
        }
    }

    /// The time of day, `hh:mm:ss`.
    fn time(&mut self, fields: &mut Fields) -> Result<(), DateError> {
        (fields.hour, _) = self.two_digits(23, DateErrorKind::Hour)?;
        self.separator(b':')?;
        (fields.minute, _) = self.two_digits(59, DateErrorKind::Minute)?;
        self.separator(b':')?;
        (fields.second, fields.second_at) = self.two_digits(60, DateErrorKind::Second)?;
        Ok(())
    }

    /// A numeric offset after its sign, `hhmm`, `hh:mm` or either as `colon` says: minutes.
    /// A colon missing where it is required is `Zone` at the byte in its place.
    fn offset(&mut self, negative: bool, colon: Colon) -> Result<i32, DateError> {
        let (hours, _) = self.two_digits(23, DateErrorKind::Zone)?;
        match (colon, self.peek()) {
            (Colon::Required | Colon::Optional, Some(b':')) => self.advance(),
            (Colon::Required, Some(_)) => return Err(self.error(DateErrorKind::Zone, self.pos)),
            (Colon::Required, None) => return Err(self.truncated()),
            _ => {}
        }
        let (minutes, _) = self.two_digits(59, DateErrorKind::Zone)?;
        let total = i32::try_from(hours.wrapping_mul(60).wrapping_add(minutes)).unwrap_or(0);
        Ok(if negative { total.wrapping_neg() } else { total })
    }

    /// The end of the date: nothing may follow.
    fn end(&self) -> Result<(), DateError> {
        if self.pos < self.bytes.len() {
            return Err(self.error(DateErrorKind::TrailingBytes, self.pos));
        }
        Ok(())
    }
}

/// The colon of a numeric offset: RFC 5322's `+hhmm` has none, RFC 3339's `+hh:mm` needs it
/// (tolerated without it).
#[derive(Clone, Copy)]
enum Colon {
    None,
    Required,
    Optional,
}

/// The fields of a date as read, with where the ones checked against others start.
#[derive(Default)]
struct Fields {
    year: u32,
    month: u32,
    day: u32,
    day_at: usize,
    hour: u32,
    minute: u32,
    second: u32,
    second_at: usize,
    /// The day name's index (0 is Monday), if the form has one.
    weekday: Option<usize>,
    /// Minutes east of UTC.
    offset: i32,
    offset_at: usize,
}

impl Fields {
    /// The instant in Unix seconds, after the checks that need several fields: the day within
    /// its month, the day name, a leap second's place, the range once the offset is applied.
    fn instant(&self, cursor: &Cursor<'_>) -> Result<i64, DateError> {
        let date = Civil { year: self.year, month: self.month, day: self.day };
        if self.day == 0 || self.day > days_in_month(self.year, self.month) {
            return Err(cursor.error(DateErrorKind::Day, self.day_at));
        }
        let days = days_from_civil(date);
        if self.weekday.is_some_and(|w| w != weekday(days)) {
            return Err(cursor.error(DateErrorKind::WrongWeekday, 0));
        }
        // A leap second reads as the second before it (Unix time has no 60th second).
        let second = self.second.min(59);
        let local = days
            .wrapping_mul(DAY)
            .wrapping_add(i64::from(self.hour.wrapping_mul(3600)))
            .wrapping_add(i64::from(self.minute.wrapping_mul(60)))
            .wrapping_add(i64::from(second));
        let utc = local.wrapping_sub(i64::from(self.offset).wrapping_mul(60));
        if self.second == 60 && utc.wrapping_rem_euclid(DAY) != DAY.wrapping_sub(1) {
            return Err(cursor.error(DateErrorKind::Second, self.second_at));
        }
        if !(MIN_SECONDS..=MAX_SECONDS).contains(&utc) {
            return Err(cursor.error(DateErrorKind::OutOfRange, self.offset_at));
        }
        Ok(utc)
    }
}

/// The year that the RFC 850 two-digit year `yy` stands for, seen from `current_year`: the
/// one of the hundred years from `current_year - 49` to `current_year + 50` that ends in `yy`
/// (RFC 9110 §5.6.7: a year more than 50 years ahead is the most recent past one).
fn full_year(yy: u32, current_year: u16) -> i64 {
    let first = i64::from(current_year).wrapping_sub(49);
    first.wrapping_add(i64::from(yy).wrapping_sub(first).wrapping_rem_euclid(100))
}

/// The fields of the three forms of an HTTP date after the day name, in order, one byte each
/// (read by [`parse_http`]): `D` a two-digit day, `A` asctime's day (`06` or ` 6`), `M` a
/// month name, `Y` a four-digit year, `y` the same where asctime's zone would be, `2` RFC
/// 850's two-digit year, `T` the time, `Z` the zone (`GMT`, or the tolerated numeric zone),
/// `G` `GMT`, `w` the rest of the full day name; any other byte, that separator. The forms
/// share every field reader: one walk instead of three copies of the sequence.
///
/// IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
const IMF_FIXDATE: &[u8] = b", D M Y T Z";
/// asctime: `Sun Nov  6 08:49:37 1994`.
const ASCTIME: &[u8] = b" M A T y";
/// RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT`.
const RFC_850: &[u8] = b"w, D-M-2 T G";

/// Reads an HTTP date (see [`HttpDate::parse_in_year`]); `strict`: without the tolerated
/// numeric zone ([`HttpDate::parse_strict`]).
fn parse_http(s: &str, current_year: u16, strict: bool) -> Result<i64, DateError> {
    let mut c = Cursor::new(s);
    let mut f = Fields::default();
    let weekday = c.name(&DAY_NAMES, DateErrorKind::Weekday)?;
    f.weekday = Some(weekday);
    let form = match c.peek() {
        None => return Err(c.truncated()),
        Some(b',') => IMF_FIXDATE,
        Some(b' ') => ASCTIME,
        Some(b'a'..=b'z') => RFC_850,
        Some(_) => return Err(c.error(DateErrorKind::Separator, c.pos)),
    };
    for &field in form {
        match field {
            b'D' => (f.day, f.day_at) = c.two_digits(31, DateErrorKind::Day)?,
            b'A' => {
                // `( 2DIGIT / ( SP DIGIT ) )`; errors at the field's start, the space included.
                f.day_at = c.pos;
                let padded = c.peek() == Some(b' ');
                if padded {
                    c.advance();
                }
                let day = if padded { c.number(1, DateErrorKind::Day) } else { c.two_digits(31, DateErrorKind::Day) };
                (f.day, _) =
                    day.map_err(|e| if e.kind == DateErrorKind::Day { c.error(e.kind, f.day_at) } else { e })?;
            }
            b'M' => f.month = month_number(c.name(&MONTH_NAMES, DateErrorKind::Month)?),
            b'Y' | b'y' => {
                if field == b'y' {
                    f.offset_at = c.pos;
                }
                (f.year, _) = c.number(4, DateErrorKind::Year)?;
            }
            b'2' => {
                let (yy, year_at) = c.number(2, DateErrorKind::Year)?;
                f.year = u32::try_from(full_year(yy, current_year))
                    .ok()
                    .filter(|&y| y <= 9999)
                    .ok_or(c.error(DateErrorKind::Year, year_at))?;
            }
            b'T' => c.time(&mut f)?,
            b'Z' | b'G' => {
                f.offset_at = c.pos;
                match c.peek() {
                    // Tolerated in IMF-fixdate: an RFC 5322 numeric zone.
                    Some(sign @ (b'+' | b'-')) if field == b'Z' && !strict => {
                        c.advance();
                        f.offset = c.offset(sign == b'-', Colon::None)?;
                    }
                    _ => c.literal(b"GMT", DateErrorKind::Zone, f.offset_at)?,
                }
            }
            b'w' => {
                let rest = DAY_NAMES.get(weekday).and_then(|n| n.as_bytes().get(3..)).unwrap_or(&[]);
                c.literal(rest, DateErrorKind::Weekday, 0)?;
            }
            sep => c.separator(sep)?,
        }
    }
    c.end()?;
    f.instant(&c)
}

/// A month's number (1-12) from its index in [`MONTH_NAMES`].
fn month_number(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(0).wrapping_add(1)
}

/// Reads an RFC 3339 date-time: seconds, nanoseconds and the offset in minutes; `strict`:
/// an offset needs its colon ([`DateTime::parse_strict`]).
fn parse_rfc3339(s: &str, strict: bool) -> Result<(i64, u32, i32), DateError> {
    let mut c = Cursor::new(s);
    let mut f = Fields::default();
    (f.year, _) = c.number(4, DateErrorKind::Year)?;
    c.separator(b'-')?;
    let (month, month_at) = c.two_digits(12, DateErrorKind::Month)?;
    if month == 0 {
        return Err(c.error(DateErrorKind::Month, month_at));
    }
    f.month = month;
    c.separator(b'-')?;
    (f.day, f.day_at) = c.two_digits(31, DateErrorKind::Day)?;
    match c.peek() {
        // `t` (RFC 3339 §5.6's note) and a space (the same note allows it) are tolerated.
        Some(b'T' | b't' | b' ') => c.advance(),
        Some(_) => return Err(c.error(DateErrorKind::Separator, c.pos)),
        None => return Err(c.truncated()),
    }
    c.time(&mut f)?;
    let nanoseconds = fraction(&mut c)?;
    f.offset_at = c.pos;
    match c.peek() {
        Some(b'Z' | b'z') => c.advance(),
        // `+hhmm` (no colon) is tolerated, but when strict.
        Some(sign @ (b'+' | b'-')) => {
            c.advance();
            f.offset = c.offset(sign == b'-', if strict { Colon::Required } else { Colon::Optional })?;
        }
        Some(_) => return Err(c.error(DateErrorKind::Zone, c.pos)),
        None => return Err(c.truncated()),
    }
    c.end()?;
    Ok((f.instant(&c)?, nanoseconds, f.offset))
}

/// An optional `.` and fraction of a second: nanoseconds (digits past the ninth are read and
/// ignored: truncated, not rounded).
fn fraction(c: &mut Cursor<'_>) -> Result<u32, DateError> {
    if c.peek() != Some(b'.') {
        return Ok(0);
    }
    let dot = c.pos;
    c.advance();
    let mut nanoseconds: u32 = 0;
    let mut digits: u32 = 0;
    while let Some(d @ b'0'..=b'9') = c.peek() {
        if digits < 9 {
            nanoseconds = nanoseconds.wrapping_mul(10).wrapping_add(u32::from(d.wrapping_sub(b'0')));
            digits = digits.wrapping_add(1);
        }
        c.advance();
    }
    match (digits, c.peek()) {
        (0, None) => Err(c.truncated()),
        (0, Some(_)) => Err(c.error(DateErrorKind::Fraction, dot)),
        _ => Ok(nanoseconds.wrapping_mul(10u32.wrapping_pow(9u32.wrapping_sub(digits)))),
    }
}

// --- writing ---------------------------------------------------------------------------------

/// A short ASCII text built on the stack.
struct Ascii<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Ascii<N> {
    fn new() -> Self {
        Ascii { bytes: [0; N], len: 0 }
    }

    /// Appends `b` (dropped if full: the callers size `N` for their longest text).
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
            self.len = self.len.saturating_add(1);
        }
    }

    fn push_str(&mut self, s: &[u8]) {
        for &b in s {
            self.push(b);
        }
    }

    /// `value` in `width` decimal digits, zeros first.
    fn push_digits(&mut self, value: u32, width: u32) {
        for place in (0..width).rev() {
            let digit = value.checked_div(10u32.wrapping_pow(place)).unwrap_or(0).wrapping_rem(10);
            self.push(b'0'.wrapping_add(u8::try_from(digit).unwrap_or(0)));
        }
    }

    fn as_str(&self) -> &str {
        core::str::from_utf8(self.bytes.get(..self.len).unwrap_or(&[])).unwrap_or("")
    }

    /// The text copied to the start of `buf`.
    fn copy_to<'b>(&self, buf: &'b mut [u8]) -> Result<&'b str, DateError> {
        let text = self.as_str();
        let too_small = DateError::new(DateErrorKind::BufferTooSmall, text.len());
        let dest = buf.get_mut(..text.len()).ok_or(too_small)?;
        dest.copy_from_slice(text.as_bytes());
        core::str::from_utf8(dest).map_err(|_| too_small)
    }
}

/// `seconds` split: its day count, that day's date, and the hour, minute and second.
fn split(seconds: i64) -> (i64, Civil, u32, u32, u32) {
    let days = seconds.wrapping_div_euclid(DAY);
    let of_day = u32::try_from(seconds.wrapping_rem_euclid(DAY)).unwrap_or(0);
    let (hour, minute, second) =
        (of_day.wrapping_div(3600), of_day.wrapping_div(60).wrapping_rem(60), of_day.wrapping_rem(60));
    (days, civil_from_days(days), hour, minute, second)
}

/// Appends `hh:mm:ss`.
fn push_time<const N: usize>(out: &mut Ascii<N>, hour: u32, minute: u32, second: u32) {
    out.push_digits(hour, 2);
    out.push(b':');
    out.push_digits(minute, 2);
    out.push(b':');
    out.push_digits(second, 2);
}

// --- HttpDate ----------------------------------------------------------------------------------

/// An HTTP date (RFC 9110 §5.6.7): an instant to the second, from 0000-01-01T00:00:00Z to
/// 9999-12-31T23:59:59Z, written as IMF-fixdate.
///
/// [`HttpDate::parse`] reads the three forms; `Display` and [`HttpDate::format_into`] write
/// IMF-fixdate (always [`HttpDate::LEN`] bytes). Ordered by instant.
///
/// ```
/// use multistatus::HttpDate;
///
/// let imf = HttpDate::parse("Sun, 06 Nov 1994 08:49:37 GMT")?;
/// let rfc850 = HttpDate::parse("Sunday, 06-Nov-94 08:49:37 GMT")?;
/// let asctime = HttpDate::parse("Sun Nov  6 08:49:37 1994")?;
/// assert_eq!(imf.unix_seconds(), 784_111_777);
/// assert_eq!((imf, imf), (rfc850, asctime));
///
/// let mut buf = [0u8; HttpDate::LEN];
/// assert_eq!(imf.format_into(&mut buf)?, "Sun, 06 Nov 1994 08:49:37 GMT");
/// # Ok::<(), multistatus::DateError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HttpDate(i64);

impl HttpDate {
    /// The length of an IMF-fixdate, the form written: `Sun, 06 Nov 1994 08:49:37 GMT`.
    pub const LEN: usize = 29;

    /// The date `seconds` after 1970-01-01T00:00:00Z (negative: before), if it is within
    /// 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
    pub const fn from_unix_seconds(seconds: i64) -> Option<Self> {
        if seconds >= MIN_SECONDS && seconds <= MAX_SECONDS { Some(HttpDate(seconds)) } else { None }
    }

    /// Seconds since 1970-01-01T00:00:00Z (negative before).
    pub const fn unix_seconds(self) -> i64 {
        self.0
    }

    /// Reads an HTTP date in any of its three forms, with the two-digit years of the RFC 850
    /// form read as 1970 to 2069 (`70`-`99` are 19xx, `00`-`69` are 20xx). White space
    /// around the date is ignored.
    ///
    /// This is [`HttpDate::parse_in_year`] with the current year 2019; a recipient that knows
    /// the year should use that, as RFC 9110 asks.
    ///
    /// # Errors
    /// A [`DateError`] whose kind names the field at fault, at its byte offset.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        Self::parse_in_year(s, 2019)
    }

    /// Reads an HTTP date as a recipient does in `current_year`: a two-digit year of the RFC
    /// 850 form is the year ending in those digits from `current_year - 49` to
    /// `current_year + 50` (RFC 9110 §5.6.7: one more than 50 years ahead is the most recent
    /// past year with the same last two digits).
    ///
    /// The forms (RFC 9110 §5.6.7), names and `GMT` case-sensitive:
    /// - IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`; tolerated: a numeric zone (`+0000`,
    ///   `-0800`) instead of `GMT`, as RFC 5322 writes it, applied to the time;
    /// - RFC 850, `Sunday, 06-Nov-94 08:49:37 GMT`;
    /// - asctime, `Sun Nov  6 08:49:37 1994` (the day is `06` or ` 6`).
    ///
    /// The day name must be the date's; the day must exist (29 February only in leap years);
    /// second 60 is accepted only at 23:59 UTC (a leap second) and reads as 23:59:59.
    ///
    /// # Errors
    /// A [`DateError`] whose kind names the field at fault, at its byte offset.
    ///
    /// ```
    /// use multistatus::HttpDate;
    ///
    /// // Seen from 2026, `70` is 2070 (44 years ahead); by default it is 1970.
    /// let in_2026 = HttpDate::parse_in_year("Wednesday, 01-Jan-70 00:00:00 GMT", 2026)?;
    /// assert_eq!(in_2026.to_string(), "Wed, 01 Jan 2070 00:00:00 GMT");
    /// assert_eq!(HttpDate::parse("Thursday, 01-Jan-70 00:00:00 GMT")?.unix_seconds(), 0);
    /// // Seen from 2026, `77` is 1977: 2077 would be more than 50 years ahead.
    /// let in_2026 = HttpDate::parse_in_year("Saturday, 01-Jan-77 00:00:00 GMT", 2026)?;
    /// assert_eq!(in_2026.to_string(), "Sat, 01 Jan 1977 00:00:00 GMT");
    /// # Ok::<(), multistatus::DateError>(())
    /// ```
    pub fn parse_in_year(s: &str, current_year: u16) -> Result<Self, DateError> {
        parse_http(s, current_year, false).map(HttpDate)
    }

    /// [`HttpDate::parse_in_year`] with RFC 9110's grammar only: the tolerated numeric zone
    /// is [`DateErrorKind::Zone`] at its sign. A date that [`HttpDate::parse_in_year`] reads
    /// and this refuses was written with the numeric zone.
    ///
    /// # Errors
    /// As [`HttpDate::parse_in_year`].
    ///
    /// ```
    /// use multistatus::{DateErrorKind, HttpDate};
    ///
    /// let ez = "Mon, 15 Aug 2005 15:13:00 +0000";
    /// assert!(HttpDate::parse(ez).is_ok());
    /// assert_eq!(HttpDate::parse_strict(ez, 2026).unwrap_err().kind(), DateErrorKind::Zone);
    /// ```
    pub fn parse_strict(s: &str, current_year: u16) -> Result<Self, DateError> {
        parse_http(s, current_year, true).map(HttpDate)
    }

    /// Writes the IMF-fixdate at the start of `buf` ([`HttpDate::LEN`] bytes) and returns it.
    ///
    /// # Errors
    /// [`DateErrorKind::BufferTooSmall`] (offset: the length needed) if `buf` is shorter.
    pub fn format_into(self, buf: &mut [u8]) -> Result<&str, DateError> {
        self.imf_fixdate().copy_to(buf)
    }

    fn imf_fixdate(self) -> Ascii<{ HttpDate::LEN }> {
        let (days, date, hour, minute, second) = split(self.0);
        let mut out = Ascii::new();
        let day_name = DAY_NAMES.get(weekday(days)).copied().unwrap_or("");
        out.push_str(day_name.as_bytes().get(..3).unwrap_or(&[]));
        out.push_str(b", ");
        out.push_digits(date.day, 2);
        out.push(b' ');
        let month_name = MONTH_NAMES.get(usize::try_from(date.month.wrapping_sub(1)).unwrap_or(0)).copied();
        out.push_str(month_name.unwrap_or("").as_bytes());
        out.push(b' ');
        out.push_digits(date.year, 4);
        out.push(b' ');
        push_time(&mut out, hour, minute, second);
        out.push_str(b" GMT");
        out
    }
}

impl fmt::Display for HttpDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.imf_fixdate().as_str())
    }
}

impl FromStr for HttpDate {
    type Err = DateError;

    /// [`HttpDate::parse`].
    fn from_str(s: &str) -> Result<Self, DateError> {
        HttpDate::parse(s)
    }
}

// --- DateTime ----------------------------------------------------------------------------------

/// An RFC 3339 date-time (`creationdate`, RFC 4918 §15.1): an instant with nanoseconds, from
/// 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z, and the offset it was written with.
///
/// `Display` and [`DateTime::format_into`] write it in UTC: `1996-12-20T00:39:57Z`, with the
/// fraction (without trailing zeros) when there is one. Ordered by instant, then by offset;
/// the same instant written with two offsets gives two unequal values.
///
/// ```
/// use multistatus::DateTime;
///
/// let t = DateTime::parse("1996-12-19T16:39:57.25-08:00")?;
/// assert_eq!(t.unix_seconds(), 851_042_397);
/// assert_eq!(t.nanoseconds(), 250_000_000);
/// assert_eq!(t.offset_minutes(), -480);
/// assert_eq!(t.to_string(), "1996-12-20T00:39:57.25Z");
///
/// let mut buf = [0u8; DateTime::MAX_LEN];
/// assert_eq!(t.format_into(&mut buf)?, "1996-12-20T00:39:57.25Z");
/// # Ok::<(), multistatus::DateError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    seconds: i64,
    nanoseconds: u32,
    offset: i16,
}

impl DateTime {
    /// The longest text written: `9999-12-31T23:59:59.999999999Z`.
    pub const MAX_LEN: usize = 30;

    /// The instant `seconds` (since 1970-01-01T00:00:00Z, negative before) and
    /// `nanoseconds` after it, in UTC (offset 0), if `nanoseconds` is below 1,000,000,000 and
    /// `seconds` within 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
    pub const fn from_unix(seconds: i64, nanoseconds: u32) -> Option<Self> {
        if seconds >= MIN_SECONDS && seconds <= MAX_SECONDS && nanoseconds < 1_000_000_000 {
            Some(DateTime { seconds, nanoseconds, offset: 0 })
        } else {
            None
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z (negative before); the instant is this plus
    /// [`DateTime::nanoseconds`].
    pub const fn unix_seconds(self) -> i64 {
        self.seconds
    }

    /// The fraction of the second, in nanoseconds (0 to 999,999,999).
    pub const fn nanoseconds(self) -> u32 {
        self.nanoseconds
    }

    /// The offset from UTC the date-time was written with, in minutes (`-08:00` is -480; `Z`,
    /// `+00:00` and `-00:00` are 0). The local time is the instant plus the offset.
    pub const fn offset_minutes(self) -> i16 {
        self.offset
    }

    /// Reads an RFC 3339 `date-time` (§5.6): `1985-04-12T23:20:50.52Z`,
    /// `1996-12-19T16:39:57-08:00`. White space around it is ignored.
    ///
    /// Tolerated: `t` and `z` in lower case (§5.6's note), a space instead of `T` (the same
    /// note), an offset without its colon (`+0800`, as ISO 8601's basic format). A fraction
    /// keeps its first nine digits (more are read and dropped). The day must exist; second 60
    /// is accepted only at 23:59 UTC (a leap second, §5.7) and reads as 23:59:59.
    ///
    /// # Errors
    /// A [`DateError`] whose kind names the field at fault, at its byte offset;
    /// [`DateErrorKind::OutOfRange`] for an instant outside the years 0000-9999 once the offset
    /// is applied (`0000-01-01T00:00:00+01:00`).
    pub fn parse(s: &str) -> Result<Self, DateError> {
        Self::from_parts(parse_rfc3339(s, false)?)
    }

    /// [`DateTime::parse`] with an offset's colon required (`+08:00`, as RFC 3339's grammar
    /// has it): `+0800` is [`DateErrorKind::Zone`] where the colon should be. `t`, `z` and a
    /// space for `T` stay allowed: RFC 3339 allows them (§5.6's note; ABNF's strings are
    /// case-insensitive). A value that [`DateTime::parse`] reads and this refuses was written
    /// with the tolerated offset.
    ///
    /// # Errors
    /// As [`DateTime::parse`].
    pub fn parse_strict(s: &str) -> Result<Self, DateError> {
        Self::from_parts(parse_rfc3339(s, true)?)
    }

    /// A value read: seconds, nanoseconds and the offset in minutes (from -1439 to 1439).
    fn from_parts((seconds, nanoseconds, offset): (i64, u32, i32)) -> Result<Self, DateError> {
        Ok(DateTime { seconds, nanoseconds, offset: i16::try_from(offset).unwrap_or(0) })
    }

    /// Writes the date-time in UTC at the start of `buf` (at most [`DateTime::MAX_LEN`] bytes)
    /// and returns it.
    ///
    /// # Errors
    /// [`DateErrorKind::BufferTooSmall`] (offset: the length needed) if `buf` is shorter.
    pub fn format_into(self, buf: &mut [u8]) -> Result<&str, DateError> {
        self.rfc3339().copy_to(buf)
    }

    fn rfc3339(self) -> Ascii<{ DateTime::MAX_LEN }> {
        let (_, date, hour, minute, second) = split(self.seconds);
        let mut out = Ascii::new();
        out.push_digits(date.year, 4);
        out.push(b'-');
        out.push_digits(date.month, 2);
        out.push(b'-');
        out.push_digits(date.day, 2);
        out.push(b'T');
        push_time(&mut out, hour, minute, second);
        if self.nanoseconds != 0 {
            out.push(b'.');
            let mut fraction = self.nanoseconds;
            let mut width: u32 = 9;
            while fraction.is_multiple_of(10) {
                fraction = fraction.wrapping_div(10);
                width = width.saturating_sub(1);
            }
            out.push_digits(fraction, width);
        }
        out.push(b'Z');
        out
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rfc3339().as_str())
    }
}

impl FromStr for DateTime {
    type Err = DateError;

    /// [`DateTime::parse`].
    fn from_str(s: &str) -> Result<Self, DateError> {
        DateTime::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The calendar against a day-by-day walk from 0000-01-01 (a Saturday) to 9999-12-31.
    #[test]
    fn civil_days_agree_with_a_walk() {
        let mut date = Civil { year: 0, month: 1, day: 1 };
        let mut days = MIN_SECONDS / DAY;
        let mut weekday_index = 5;
        loop {
            assert_eq!(days_from_civil(date), days, "{date:?}");
            assert_eq!(civil_from_days(days), date, "{days}");
            assert_eq!(weekday(days), weekday_index, "{date:?}");
            if date == (Civil { year: 9999, month: 12, day: 31 }) {
                break;
            }
            date.day += 1;
            if date.day > days_in_month(date.year, date.month) {
                date.day = 1;
                date.month += 1;
                if date.month > 12 {
                    date.month = 1;
                    date.year += 1;
                }
            }
            days += 1;
            weekday_index = (weekday_index + 1) % 7;
        }
        assert_eq!(days, MAX_SECONDS / DAY);
        assert_eq!(days_from_civil(Civil { year: 1970, month: 1, day: 1 }), 0);
    }
}
