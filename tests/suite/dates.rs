//! Dates (`src/date.rs`, docs/parsing.md "Dates"): the examples of RFC 9110 §5.6.7 and RFC 3339
//! §5.8, every field wrong, every prefix, extra bytes, wrong weekdays, leap years and seconds,
//! two-digit years; then property tests against `httpdate` (std; it holds 1970-01-01 to
//! 9999-12-31T23:59:59, the whole of our range from 1970 on) as the oracle for the calendar,
//! IMF-fixdate formatting, the three forms' parsing and their validation, and for the civil
//! fields of RFC 3339 date-times. Before 1970 (httpdate refuses it), the unit test in
//! `src/date.rs` checks the calendar against a day-by-day walk from year 0, and the examples
//! here against values computed independently (Python's `calendar.timegm`).
//!
//! The property tests draw from a fixed-seed PRNG (a run is repeatable), 200,000 cases each.

use crate::common;

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use multistatus::{DateError, DateErrorKind, DateTime, HttpDate};

use DateErrorKind::{
    BufferTooSmall, Day, Fraction, Hour, Minute, Month, OutOfRange, Second, Separator, TrailingBytes, Truncated,
    Weekday, WrongWeekday, Year, Zone,
};

/// `Sun, 06 Nov 1994 08:49:37 GMT`, the example of RFC 9110 §5.6.7.
const NOV_6_1994: i64 = 784_111_777;
/// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the first and last instants.
const MIN: i64 = -62_167_219_200;
const MAX: i64 = 253_402_300_799;
/// Cases per property.
const CASES: u32 = 200_000;

fn http(s: &str) -> i64 {
    HttpDate::parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}")).unix_seconds()
}

fn http_error(s: &str) -> (DateErrorKind, usize) {
    let e = HttpDate::parse(s).expect_err(s);
    (e.kind(), e.offset())
}

fn rfc3339(s: &str) -> (i64, u32, i16) {
    let t = DateTime::parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
    (t.unix_seconds(), t.nanoseconds(), t.offset_minutes())
}

fn rfc3339_error(s: &str) -> (DateErrorKind, usize) {
    let e = DateTime::parse(s).expect_err(s);
    (e.kind(), e.offset())
}

// --- examples ---------------------------------------------------------------------------------

#[test]
fn rfc9110_examples_are_one_instant() {
    for s in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
        let d = HttpDate::parse(s).unwrap();
        assert_eq!(d.unix_seconds(), NOV_6_1994, "{s}");
        assert_eq!(d.to_string(), "Sun, 06 Nov 1994 08:49:37 GMT", "{s}");
        assert_eq!(s.parse::<HttpDate>(), Ok(d));
    }
    // The other dates of RFC 9110 (Date, Last-Modified, If-Modified-Since, Retry-After,
    // Expires), values from Python's calendar.timegm.
    let others: &[(&str, i64)] = &[
        ("Tue, 15 Nov 1994 08:12:31 GMT", 784_887_151),
        ("Tue, 15 Nov 1994 12:45:26 GMT", 784_903_526),
        ("Sat, 29 Oct 1994 19:43:31 GMT", 783_459_811),
        ("Fri, 31 Dec 1999 23:59:59 GMT", 946_684_799),
        ("Thu, 01 Dec 1994 16:00:00 GMT", 786_297_600),
    ];
    for &(s, t) in others {
        assert_eq!(http(s), t, "{s}");
        assert_eq!(HttpDate::from_unix_seconds(t).unwrap().to_string(), s);
    }
    // asctime's day may be written with two digits too.
    assert_eq!(http("Sun Nov 06 08:49:37 1994"), NOV_6_1994);
    assert_eq!(http("Tue Nov 15 08:12:31 1994"), 784_887_151);
}

#[test]
fn rfc3339_examples() {
    // RFC 3339 §5.8, values from Python's datetime (the leap seconds as 23:59:59).
    let examples: &[(&str, (i64, u32, i16), &str)] = &[
        ("1985-04-12T23:20:50.52Z", (482_196_050, 520_000_000, 0), "1985-04-12T23:20:50.52Z"),
        ("1996-12-19T16:39:57-08:00", (851_042_397, 0, -480), "1996-12-20T00:39:57Z"),
        ("1990-12-31T23:59:60Z", (662_687_999, 0, 0), "1990-12-31T23:59:59Z"),
        ("1990-12-31T15:59:60-08:00", (662_687_999, 0, -480), "1990-12-31T23:59:59Z"),
        ("1937-01-01T12:00:27.87+00:20", (-1_041_337_173, 870_000_000, 20), "1937-01-01T11:40:27.87Z"),
        // RFC 4918 §15.1's creationdate example.
        ("1997-12-01T17:42:21-08:00", (881_026_941, 0, -480), "1997-12-02T01:42:21Z"),
    ];
    for &(s, fields, utc) in examples {
        assert_eq!(rfc3339(s), fields, "{s}");
        let t = DateTime::parse(s).unwrap();
        assert_eq!(t.to_string(), utc, "{s}");
        assert_eq!(s.parse::<DateTime>(), Ok(t));
        // What is written reads back as the same instant, in UTC.
        assert_eq!(rfc3339(utc), (fields.0, fields.1, 0), "{utc}");
    }
}

#[test]
fn rfc3339_tolerances() {
    // Lower-case `t` and `z` (§5.6's note), a space for `T` (the same note).
    assert_eq!(rfc3339("1985-04-12t23:20:50.52z"), (482_196_050, 520_000_000, 0));
    assert_eq!(rfc3339("1985-04-12 23:20:50.52Z"), (482_196_050, 520_000_000, 0));
    // An offset without its colon, as eZ Components writes it (46 values in 11 corpus bodies).
    assert_eq!(rfc3339("2003-05-27T11:27:00+0000"), (1_054_034_820, 0, 0));
    assert_eq!(rfc3339("1997-12-01T17:42:21-0800"), (881_026_941, 0, -480));
    // `-00:00` (unknown local offset, §4.3) is the UTC instant.
    assert_eq!(rfc3339("2003-05-27T11:27:00-00:00"), (1_054_034_820, 0, 0));
    // White space around it (XML's) is ignored; errors are placed in the untrimmed input.
    assert_eq!(rfc3339(" \t\r\n1985-04-12T23:20:50.52Z\n  "), (482_196_050, 520_000_000, 0));
    assert_eq!(rfc3339_error("  1985-13-12T23:20:50Z"), (Month, 7));
}

#[test]
fn http_date_tolerances() {
    // An RFC 5322 numeric zone in the IMF-fixdate layout (eZ Components: 53 values in 12 corpus bodies).
    assert_eq!(http("Mon, 15 Aug 2005 15:13:00 +0000"), 1_124_118_780);
    assert_eq!(http("Mon, 15 Aug 2005 07:13:00 -0800"), 1_124_118_780);
    assert_eq!(http("Mon, 15 Aug 2005 20:43:00 +0530"), 1_124_118_780);
    assert_eq!(http_error("Mon, 15 Aug 2005 15:13:00 +2400"), (Zone, 27));
    assert_eq!(http_error("Mon, 15 Aug 2005 15:13:00 +0060"), (Zone, 29));
    assert_eq!(http_error("Mon, 15 Aug 2005 15:13:00 +00:00"), (Zone, 29));
    assert_eq!(http_error("Mon, 15 Aug 2005 15:13:00 UTC"), (Zone, 26));
    assert_eq!(http_error("Mon, 15 Aug 2005 15:13:00 Z"), (Zone, 26));
    // Only there: the RFC 850 form requires GMT.
    assert_eq!(http_error("Monday, 15-Aug-05 15:13:00 +0000"), (Zone, 27));
    // The day name is the local date's.
    assert_eq!(http("Tue, 16 Aug 2005 00:13:00 +0900"), 1_124_118_780);
    // White space around the date.
    assert_eq!(http("\r\n\t Sun, 06 Nov 1994 08:49:37 GMT \n"), NOV_6_1994);
    assert_eq!(http_error("  Sun, 32 Nov 1994 08:49:37 GMT"), (Day, 7));
}

#[test]
fn dates_before_1970_are_negative() {
    // Windows' FILETIME zero, which some servers send for unknown times.
    assert_eq!(http("Mon, 01 Jan 1601 00:00:00 GMT"), -11_644_473_600);
    assert_eq!(http("Wed, 28 Feb 1900 12:00:00 GMT"), -2_203_934_400);
    assert_eq!(http("Thu, 01 Mar 1900 00:00:00 GMT"), -2_203_891_200);
    assert_eq!(http("Sat, 01 Jan 0000 00:00:00 GMT"), MIN);
    assert_eq!(http("Sat Jan  1 00:00:00 0000"), MIN);
    assert_eq!(rfc3339("0000-01-01T00:00:00Z"), (MIN, 0, 0));
    assert_eq!(rfc3339("1601-01-01T00:00:00.5Z"), (-11_644_473_600, 500_000_000, 0));
    assert_eq!(DateTime::from_unix(-1, 999_999_999).unwrap().to_string(), "1969-12-31T23:59:59.999999999Z");
    assert_eq!(HttpDate::from_unix_seconds(-1).unwrap().to_string(), "Wed, 31 Dec 1969 23:59:59 GMT");
}

#[test]
fn the_range_is_years_0000_to_9999() {
    let first = HttpDate::from_unix_seconds(MIN).unwrap();
    let last = HttpDate::from_unix_seconds(MAX).unwrap();
    assert_eq!(first.to_string(), "Sat, 01 Jan 0000 00:00:00 GMT");
    assert_eq!(last.to_string(), "Fri, 31 Dec 9999 23:59:59 GMT");
    assert_eq!(http("Fri, 31 Dec 9999 23:59:59 GMT"), MAX);
    assert_eq!(HttpDate::from_unix_seconds(MIN - 1), None);
    assert_eq!(HttpDate::from_unix_seconds(MAX + 1), None);
    assert_eq!(HttpDate::from_unix_seconds(i64::MIN), None);
    assert_eq!(HttpDate::from_unix_seconds(i64::MAX), None);
    assert!(first < last);

    assert_eq!(DateTime::from_unix(MAX, 999_999_999).unwrap().to_string(), "9999-12-31T23:59:59.999999999Z");
    assert_eq!(DateTime::from_unix(MIN, 0).unwrap().to_string(), "0000-01-01T00:00:00Z");
    assert_eq!(DateTime::from_unix(MIN - 1, 0), None);
    assert_eq!(DateTime::from_unix(MAX + 1, 0), None);
    assert_eq!(DateTime::from_unix(0, 1_000_000_000), None);

    // An offset that moves the instant out of the range.
    assert_eq!(http_error("Sat, 01 Jan 0000 00:00:00 +0001"), (OutOfRange, 26));
    assert_eq!(http_error("Fri, 31 Dec 9999 23:59:59 -0001"), (OutOfRange, 26));
    assert_eq!(rfc3339_error("0000-01-01T00:00:00+00:01"), (OutOfRange, 19));
    assert_eq!(rfc3339_error("9999-12-31T23:59:59.5-00:01"), (OutOfRange, 21));
    assert_eq!(rfc3339("9999-12-31T23:59:59.5+00:01").0, MAX - 60);
}

// --- two-digit years ----------------------------------------------------------------------------

#[test]
fn rfc850_two_digit_years_default_to_1970_through_2069() {
    assert_eq!(http("Thursday, 01-Jan-70 00:00:00 GMT"), 0);
    assert_eq!(http("Friday, 31-Dec-99 23:59:59 GMT"), 946_684_799);
    assert_eq!(http("Saturday, 01-Jan-00 00:00:00 GMT"), 946_684_800);
    assert_eq!(http("Tuesday, 31-Dec-69 00:00:00 GMT"), http("Tue, 31 Dec 2069 00:00:00 GMT"));
    for (s, year) in [("01-Jan-70", 1970), ("01-Jan-99", 1999), ("01-Jan-00", 2000), ("01-Jan-69", 2069)] {
        assert_eq!(rfc850_year(s, None), year, "{s}");
    }
}

/// The year an RFC 850 date on `day` (`dd-Mmm-yy`, at midnight) reads as, seen from
/// `current_year` (the default without one); the day name is found by trying the seven.
fn rfc850_year(day: &str, current_year: Option<u16>) -> i64 {
    for name in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] {
        let s = format!("{name}, {day} 00:00:00 GMT");
        let parsed = match current_year {
            Some(y) => HttpDate::parse_in_year(&s, y),
            None => HttpDate::parse(&s),
        };
        match parsed {
            Ok(d) => return d.to_string()[12..16].parse().unwrap(),
            Err(e) => assert_eq!(e.kind(), WrongWeekday, "{s}"),
        }
    }
    panic!("{day}: no day name fits")
}

#[test]
fn rfc850_two_digit_years_seen_from_a_current_year() {
    // RFC 9110 §5.6.7: more than 50 years ahead is the most recent past year with those digits.
    for (day, current, year) in [
        ("01-Jan-76", 2026, 2076), // 50 years ahead: kept
        ("01-Jan-77", 2026, 1977), // 51 years ahead: a century back
        ("01-Jan-26", 2026, 2026),
        ("01-Jan-27", 2026, 2027),
        ("01-Jan-25", 2026, 2025),
        ("01-Jan-70", 2026, 2070),
        ("01-Jan-00", 2049, 2000),
        ("01-Jan-99", 2049, 2099),
        ("01-Jan-00", 2050, 2100),
        ("01-Jan-00", 49, 0),
        ("01-Jan-99", 49, 99),
        ("01-Jan-99", 9999, 9999),
        ("01-Jan-50", 9999, 9950),
    ] {
        assert_eq!(rfc850_year(day, Some(current)), year, "{day} in {current}");
    }
    // Past the calendar's ends.
    assert_eq!(HttpDate::parse_in_year("Friday, 01-Jan-49 00:00:00 GMT", 9999).unwrap_err().kind(), Year);
    assert_eq!(HttpDate::parse_in_year("Friday, 01-Jan-49 00:00:00 GMT", 9999).unwrap_err().offset(), 15);
    assert_eq!(HttpDate::parse_in_year("Friday, 01-Jan-99 00:00:00 GMT", 0).unwrap_err().offset(), 15);
    // The default is the window seen from 2019.
    assert_eq!(
        HttpDate::parse_in_year("Sunday, 06-Nov-94 08:49:37 GMT", 2019),
        HttpDate::parse("Sunday, 06-Nov-94 08:49:37 GMT")
    );
}

// --- validation -------------------------------------------------------------------------------

#[test]
fn leap_years() {
    assert_eq!(http("Tue, 29 Feb 2000 00:00:00 GMT"), 951_782_400);
    assert_eq!(http("Mon, 29 Feb 2016 00:00:00 GMT"), 1_456_704_000);
    assert_eq!(http("Tuesday, 29-Feb-00 00:00:00 GMT"), 951_782_400);
    assert_eq!(http("Tue Feb 29 00:00:00 2000"), 951_782_400);
    // 1900 and 2100 are not leap years, 2015 is not: whatever the day name, the day is wrong.
    for name in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] {
        assert_eq!(http_error(&format!("{name}, 29 Feb 1900 00:00:00 GMT")), (Day, 5));
        assert_eq!(http_error(&format!("{name}, 29 Feb 2100 00:00:00 GMT")), (Day, 5));
        assert_eq!(http_error(&format!("{name}, 29 Feb 2015 00:00:00 GMT")), (Day, 5));
        assert_eq!(http_error(&format!("{name} Feb 29 00:00:00 2015")), (Day, 8));
    }
    assert_eq!(rfc3339("2000-02-29T00:00:00Z").0, 951_782_400);
    assert_eq!(rfc3339_error("1900-02-29T00:00:00Z"), (Day, 8));
    assert_eq!(rfc3339_error("2100-02-29T00:00:00Z"), (Day, 8));
    assert_eq!(rfc3339_error("2015-02-29T00:00:00Z"), (Day, 8));
    assert_eq!(rfc3339("1900-02-28T12:00:00Z").0, -2_203_934_400);
    assert_eq!(rfc3339("1900-03-01T00:00:00Z").0, -2_203_891_200);
    assert_eq!(rfc3339("2000-03-01T00:00:00Z").0, 951_868_800);
}

#[test]
fn days_past_the_end_of_their_month() {
    for (month, last) in
        [("01", 31), ("03", 31), ("04", 30), ("05", 31), ("06", 30), ("07", 31), ("08", 31), ("09", 30), ("10", 31)]
    {
        assert!(DateTime::parse(&format!("2001-{month}-{last}T00:00:00Z")).is_ok(), "{month}");
        assert_eq!(rfc3339_error(&format!("2001-{month}-{}T00:00:00Z", last + 1)), (Day, 8), "{month}");
    }
    assert_eq!(rfc3339_error("2001-11-31T00:00:00Z"), (Day, 8));
    assert_eq!(rfc3339_error("2001-12-32T00:00:00Z"), (Day, 8));
    assert_eq!(rfc3339_error("2001-12-00T00:00:00Z"), (Day, 8));
    assert_eq!(http_error("Sat, 31 Apr 2001 00:00:00 GMT"), (Day, 5));
    assert_eq!(http_error("Sat, 00 Apr 2001 00:00:00 GMT"), (Day, 5));
    assert_eq!(http_error("Sat Apr  0 00:00:00 2001"), (Day, 8));
    assert_eq!(http_error("Saturday, 31-Apr-01 00:00:00 GMT"), (Day, 10));
}

#[test]
fn wrong_weekdays_are_refused() {
    // 1994-11-06 was a Sunday.
    for name in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] {
        assert_eq!(http_error(&format!("{name}, 06 Nov 1994 08:49:37 GMT")), (WrongWeekday, 0));
        assert_eq!(http_error(&format!("{name} Nov  6 08:49:37 1994")), (WrongWeekday, 0));
    }
    assert_eq!(http_error("Monday, 06-Nov-94 08:49:37 GMT"), (WrongWeekday, 0));
    assert_eq!(http_error("  Wednesday, 06-Nov-94 08:49:37 GMT"), (WrongWeekday, 2));
}

#[test]
fn leap_seconds_only_at_the_end_of_a_utc_day() {
    assert_eq!(http("Sat, 31 Dec 2016 23:59:60 GMT"), 1_483_228_799);
    assert_eq!(http("Saturday, 31-Dec-16 23:59:60 GMT"), 1_483_228_799);
    assert_eq!(http("Sat Dec 31 23:59:60 2016"), 1_483_228_799);
    assert_eq!(http("Sun, 01 Jan 2017 00:59:60 +0100"), 1_483_228_799);
    assert_eq!(http_error("Sat, 31 Dec 2016 23:58:60 GMT"), (Second, 23));
    assert_eq!(http_error("Sat, 31 Dec 2016 22:59:60 GMT"), (Second, 23));
    assert_eq!(http_error("Sat, 31 Dec 2016 23:59:60 +0100"), (Second, 23));
    assert_eq!(http_error("Sat, 31 Dec 2016 23:59:61 GMT"), (Second, 23));
    assert_eq!(rfc3339_error("1990-12-31T23:59:60-08:00"), (Second, 17));
    assert_eq!(rfc3339_error("1990-12-31T23:58:60Z"), (Second, 17));
    assert_eq!(rfc3339_error("1990-12-31T23:59:61Z"), (Second, 17));
    assert_eq!(rfc3339("1990-12-31T23:59:60.5Z"), (662_687_999, 500_000_000, 0));
    assert_eq!(rfc3339("1991-01-01T05:29:60+05:30"), (662_687_999, 0, 330));
}

/// One wrong field at a time, in each form: the kind and the offset of the field.
#[test]
fn each_field_wrong() {
    let http_cases: &[(&str, (DateErrorKind, usize))] = &[
        // IMF-fixdate
        ("Sux, 06 Nov 1994 08:49:37 GMT", (Weekday, 0)),
        ("sun, 06 Nov 1994 08:49:37 GMT", (Weekday, 0)),
        ("SUN, 06 Nov 1994 08:49:37 GMT", (Weekday, 0)),
        ("Sun; 06 Nov 1994 08:49:37 GMT", (Separator, 3)),
        ("Sun,06 Nov 1994 08:49:37 GMT", (Separator, 4)),
        ("Sun,  6 Nov 1994 08:49:37 GMT", (Day, 5)),
        ("Sun, 6 Nov 1994 08:49:37 GMT", (Day, 5)),
        ("Sun, x6 Nov 1994 08:49:37 GMT", (Day, 5)),
        ("Sun, 32 Nov 1994 08:49:37 GMT", (Day, 5)),
        ("Sun, 06-Nov 1994 08:49:37 GMT", (Separator, 7)),
        ("Sun, 06 nov 1994 08:49:37 GMT", (Month, 8)),
        ("Sun, 06 November 1994 08:49:37 GMT", (Separator, 11)),
        ("Sun, 06 Nox 1994 08:49:37 GMT", (Month, 8)),
        ("Sun, 06 Nov 94 08:49:37 GMT", (Year, 12)),
        ("Sun, 06 Nov 199x 08:49:37 GMT", (Year, 12)),
        ("Sun, 06 Nov 19940 08:49:37 GMT", (Separator, 16)),
        ("Sun, 06 Nov 1994 24:49:37 GMT", (Hour, 17)),
        ("Sun, 06 Nov 1994 8:49:37 GMT", (Hour, 17)),
        ("Sun, 06 Nov 1994 08.49:37 GMT", (Separator, 19)),
        ("Sun, 06 Nov 1994 08:60:37 GMT", (Minute, 20)),
        ("Sun, 06 Nov 1994 08:4x:37 GMT", (Minute, 20)),
        ("Sun, 06 Nov 1994 08:49-37 GMT", (Separator, 22)),
        ("Sun, 06 Nov 1994 08:49:61 GMT", (Second, 23)),
        ("Sun, 06 Nov 1994 08:49:3 GMT", (Second, 23)),
        ("Sun, 06 Nov 1994 08:49:37GMT", (Separator, 25)),
        ("Sun, 06 Nov 1994 08:49:37 gmt", (Zone, 26)),
        ("Sun, 06 Nov 1994 08:49:37 GMX", (Zone, 26)),
        ("Sun, 06 Nov 1994 08:49:37 UT", (Zone, 26)),
        // RFC 850
        ("Sundax, 06-Nov-94 08:49:37 GMT", (Weekday, 0)),
        ("Sunday 06-Nov-94 08:49:37 GMT", (Separator, 6)),
        ("Sunday,06-Nov-94 08:49:37 GMT", (Separator, 7)),
        ("Sunday, 6-Nov-94 08:49:37 GMT", (Day, 8)),
        ("Sunday, 06 Nov 94 08:49:37 GMT", (Separator, 10)),
        ("Sunday, 06-Nok-94 08:49:37 GMT", (Month, 11)),
        ("Sunday, 06-Nov-1994 08:49:37 GMT", (Separator, 17)),
        ("Sunday, 06-Nov-9x 08:49:37 GMT", (Year, 15)),
        ("Sunday, 06-Nov-94 25:49:37 GMT", (Hour, 18)),
        ("Sunday, 06-Nov-94 08:99:37 GMT", (Minute, 21)),
        ("Sunday, 06-Nov-94 08:49:99 GMT", (Second, 24)),
        ("Sunday, 06-Nov-94 08:49:37 UTC", (Zone, 27)),
        // asctime
        ("Sun  Nov 6 08:49:37 1994", (Month, 4)),
        ("Sun Nov 6 08:49:37 1994", (Day, 8)),
        ("Sun Nov  x 08:49:37 1994", (Day, 8)),
        ("Sun Nov 32 08:49:37 1994", (Day, 8)),
        ("Sun Nov  6  08:49:37 1994", (Hour, 11)),
        ("Sun Nov  6 08:49:37 94", (Truncated, 22)),
        ("Sun Nov  6 08:49:37 94xx", (Year, 20)),
        ("Sun Nov  6 08:49:37  1994", (Year, 20)),
        ("Sun Nov  6 08:49:37 GMT", (Year, 20)),
        ("Sun Nov  6 23:49:37 1994x", (TrailingBytes, 24)),
        // neither form
        ("Sun", (Truncated, 3)),
        ("S", (Truncated, 1)),
        ("", (Truncated, 0)),
        ("   ", (Truncated, 3)),
        ("1994-11-06T08:49:37Z", (Weekday, 0)),
        ("Sun-06 Nov 1994 08:49:37 GMT", (Separator, 3)),
        ("Sün, 06 Nov 1994 08:49:37 GMT", (Weekday, 0)),
    ];
    for &(s, want) in http_cases {
        assert_eq!(http_error(s), want, "{s:?}");
    }
    let rfc3339_cases: &[(&str, (DateErrorKind, usize))] = &[
        ("198x-04-12T23:20:50Z", (Year, 0)),
        ("85-04-12T23:20:50Z", (Year, 0)),
        ("1985/04-12T23:20:50Z", (Separator, 4)),
        ("1985-4-12T23:20:50Z", (Month, 5)),
        ("1985-00-12T23:20:50Z", (Month, 5)),
        ("1985-13-12T23:20:50Z", (Month, 5)),
        ("1985-04/12T23:20:50Z", (Separator, 7)),
        ("1985-04-1T23:20:50Z", (Day, 8)),
        ("1985-04-31T23:20:50Z", (Day, 8)),
        ("1985-04-12_23:20:50Z", (Separator, 10)),
        ("1985-04-12T24:20:50Z", (Hour, 11)),
        ("1985-04-12T2:20:50Z", (Hour, 11)),
        ("1985-04-12T23.20:50Z", (Separator, 13)),
        ("1985-04-12T23:60:50Z", (Minute, 14)),
        ("1985-04-12T23:20.50Z", (Separator, 16)),
        ("1985-04-12T23:20:61Z", (Second, 17)),
        ("1985-04-12T23:20:5Z", (Second, 17)),
        ("1985-04-12T23:20:50.Z", (Fraction, 19)),
        ("1985-04-12T23:20:50,52Z", (Zone, 19)),
        ("1985-04-12T23:20:50", (Truncated, 19)),
        ("1985-04-12T23:20:50 Z", (Zone, 19)),
        ("1985-04-12T23:20:50GMT", (Zone, 19)),
        ("1985-04-12T23:20:50+24:00", (Zone, 20)),
        ("1985-04-12T23:20:50+08:60", (Zone, 23)),
        ("1985-04-12T23:20:50+8:00", (Zone, 20)),
        ("1985-04-12T23:20:50+08-00", (Zone, 22)),
        ("1985-04-12T23:20:50+08:0", (Truncated, 24)),
        ("1985-04-12T23:20:50+08:0x", (Zone, 23)),
        ("1985-04-12T23:20:50ZZ", (TrailingBytes, 20)),
        ("1985-04-12T23:20:50+08:00:00", (TrailingBytes, 25)),
        ("1985-04-12T23:20:50.52Z x", (TrailingBytes, 23)),
        ("Novemer 24, 2015", (Year, 0)),
    ];
    for &(s, want) in rfc3339_cases {
        assert_eq!(rfc3339_error(s), want, "{s:?}");
    }
}

/// Every proper prefix of a valid date ends early: `Truncated` at its end (white space before
/// the end trimmed).
#[test]
fn every_prefix_is_truncated() {
    let http_dates = [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Wednesday, 09-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Wed Nov 16 08:49:37 1994",
        "Mon, 15 Aug 2005 15:13:00 +0000",
    ];
    for date in http_dates {
        assert!(HttpDate::parse(date).is_ok(), "{date}");
        for end in 0..date.len() {
            let prefix = &date[..end];
            assert_eq!(http_error(prefix), (Truncated, prefix.trim_end().len()), "{prefix:?}");
        }
    }
    let rfc3339_dates = [
        "1985-04-12T23:20:50.52Z",
        "1996-12-19T16:39:57-08:00",
        "1937-01-01T12:00:27.87+00:20",
        "2003-05-27T11:27:00+0000",
        "1990-12-31T23:59:60Z",
    ];
    for date in rfc3339_dates {
        assert!(DateTime::parse(date).is_ok(), "{date}");
        for end in 0..date.len() {
            let prefix = &date[..end];
            assert_eq!(rfc3339_error(prefix), (Truncated, prefix.trim_end().len()), "{prefix:?}");
        }
    }
}

/// Bytes added after a valid date (but white space alone) are refused, from the first.
#[test]
fn extra_bytes_are_refused() {
    let dates = ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"];
    for date in dates {
        for extra in ["x", "0", " GMT", ",", "\0", " x", "Z", "\u{e9}"] {
            let s = format!("{date}{extra}");
            assert_eq!(http_error(&s), (TrailingBytes, date.len()), "{s:?}");
        }
    }
    for date in ["1985-04-12T23:20:50.52Z", "1996-12-19T16:39:57-08:00"] {
        for extra in ["x", "0", " Z", ":00", "\0", " x", "Z"] {
            let s = format!("{date}{extra}");
            assert_eq!(rfc3339_error(&s), (TrailingBytes, date.len()), "{s:?}");
        }
    }
}

#[test]
fn fractions_keep_nine_digits() {
    assert_eq!(rfc3339("2000-01-01T00:00:00.5Z").1, 500_000_000);
    assert_eq!(rfc3339("2000-01-01T00:00:00.000000001Z").1, 1);
    assert_eq!(rfc3339("2000-01-01T00:00:00.123456789Z").1, 123_456_789);
    // Past the ninth digit: read, dropped (truncated, not rounded).
    assert_eq!(rfc3339("2000-01-01T00:00:00.1234567899999Z").1, 123_456_789);
    // A long fraction is read once (linear); no digit past the ninth is kept.
    let long = format!("2000-01-01T00:00:00.{}Z", "9".repeat(1 << 20));
    assert_eq!(rfc3339(&long), (946_684_800, 999_999_999, 0));
    assert_eq!(DateTime::from_unix(0, 1).unwrap().to_string(), "1970-01-01T00:00:00.000000001Z");
    assert_eq!(DateTime::from_unix(0, 120_000_000).unwrap().to_string(), "1970-01-01T00:00:00.12Z");
    assert_eq!(DateTime::from_unix(0, 0).unwrap().to_string(), "1970-01-01T00:00:00Z");
}

#[test]
fn formatting_into_buffers() {
    let d = HttpDate::from_unix_seconds(NOV_6_1994).unwrap();
    let mut buf = [0xAAu8; 40];
    assert_eq!(d.format_into(&mut buf).unwrap(), "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_eq!(buf[HttpDate::LEN], 0xAA);
    let mut exact = [0u8; HttpDate::LEN];
    assert_eq!(d.format_into(&mut exact).unwrap().len(), HttpDate::LEN);
    let e = d.format_into(&mut [0u8; HttpDate::LEN - 1]).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (BufferTooSmall, HttpDate::LEN));
    assert_eq!(d.format_into(&mut []).unwrap_err().kind(), BufferTooSmall);

    let t = DateTime::from_unix(MAX, 999_999_999).unwrap();
    let mut buf = [0u8; DateTime::MAX_LEN];
    assert_eq!(t.format_into(&mut buf).unwrap(), "9999-12-31T23:59:59.999999999Z");
    let e = t.format_into(&mut [0u8; DateTime::MAX_LEN - 1]).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (BufferTooSmall, DateTime::MAX_LEN));
    let short = DateTime::from_unix(0, 0).unwrap();
    assert_eq!(short.format_into(&mut [0u8; 20]).unwrap(), "1970-01-01T00:00:00Z");
    assert_eq!(short.format_into(&mut [0u8; 19]).unwrap_err().offset(), 20);
}

#[test]
fn errors_are_small_and_display() {
    assert_eq!(size_of::<DateError>(), 8);
    let e = HttpDate::parse("Sun, 32 Nov 1994 08:49:37 GMT").unwrap_err();
    assert_eq!(e.to_string(), "invalid day of the month (byte 5)");
    assert_eq!(DateErrorKind::Zone.as_str(), "invalid time zone");
}

#[test]
fn ordering_is_by_instant() {
    let a = DateTime::parse("1996-12-19T16:39:57-08:00").unwrap();
    let b = DateTime::parse("1996-12-20T00:39:57Z").unwrap();
    let c = DateTime::parse("1996-12-20T00:39:57.1Z").unwrap();
    assert_ne!(a, b, "the offsets differ");
    assert!(a < c && b < c);
    assert_eq!(a.unix_seconds(), b.unix_seconds());
    let earlier = HttpDate::parse("Sat, 05 Nov 1994 08:49:37 GMT").unwrap();
    assert!(earlier < HttpDate::parse("Sun, 06 Nov 1994 08:49:37 GMT").unwrap());
}

/// Neither parsing nor formatting allocates (a counting allocator, this thread only).
#[test]
fn no_allocation() {
    struct Stack {
        bytes: [u8; 64],
        len: usize,
    }
    impl std::fmt::Write for Stack {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            let end = self.len + s.len();
            self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?.copy_from_slice(s.as_bytes());
            self.len = end;
            Ok(())
        }
    }
    let info = allocation_counter::measure(|| {
        let mut out = Stack { bytes: [0; 64], len: 0 };
        for s in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "x"] {
            if let Ok(d) = HttpDate::parse(black_box(s)) {
                let _ = write!(out, "{d}");
                let _ = black_box(d.format_into(&mut [0u8; 29]));
            }
        }
        for s in ["1937-01-01T12:00:27.87+00:20", "1985-04-12T23:20:50.52Z", "1985-04-12T23:20:50.52"] {
            if let Ok(t) = DateTime::parse(black_box(s)) {
                out.len = 0;
                let _ = write!(out, "{t}");
                let _ = black_box(t.format_into(&mut [0u8; 30]));
            }
        }
        black_box(out.len);
    });
    assert_eq!(info.count_total, 0);
}

/// Every `getlastmodified` and `creationdate` of the corpus (and fixtures) that is not empty
/// reads, but the one value kept as a quirk (`Novemer 24, 2015`).
#[test]
fn corpus_dates_read() {
    let mut files = common::corpus_files("corpus_dates_read");
    files.extend(common::fixture_files());
    let (mut http_dates, mut date_times) = (0, 0);
    for path in files {
        let Ok(reading) = common::read(&std::fs::read(&path).unwrap()) else { continue };
        for (name, value) in reading.responses.iter().flat_map(|r| &r.propstats).flat_map(|p| &p.props) {
            let common::Value::Text(text) = value else { continue };
            if text.trim().is_empty() {
                continue;
            }
            match name.as_str() {
                "{DAV:}getlastmodified" => {
                    HttpDate::parse(text).unwrap_or_else(|e| panic!("{}: {text:?}: {e}", path.display()));
                    http_dates += 1;
                }
                "{DAV:}creationdate" if text == "Novemer 24, 2015" => {
                    assert!(common::is_quirky(&path));
                    assert_eq!(rfc3339_error(text), (Year, 0));
                }
                "{DAV:}creationdate" => {
                    DateTime::parse(text).unwrap_or_else(|e| panic!("{}: {text:?}: {e}", path.display()));
                    date_times += 1;
                }
                _ => {}
            }
        }
    }
    eprintln!("corpus_dates_read: {http_dates} HTTP dates, {date_times} RFC 3339 date-times");
    assert!(http_dates > 0 && date_times > 0);
}

// --- property tests against httpdate --------------------------------------------------------------

/// A fixed-seed PRNG (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi` (the modulo bias is negligible here).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo) as u64 + 1)) as i64
    }

    /// An instant of 1970-9999, half of them near the end of a day, month or year (where the
    /// calendar carries) and the rest uniform.
    fn instant(&mut self) -> i64 {
        let t = self.range(0, MAX);
        match self.next() % 4 {
            0 => t,
            // The last or first seconds of a day.
            1 => (t - t % 86_400 + self.range(-2, 2)).clamp(0, MAX),
            // Near 28 February to 1 March, or the turn of a year.
            _ => {
                let oracle = httpdate::fmt_http_date(at(t));
                let year = &oracle[12..16];
                let day = if self.next().is_multiple_of(2) { format!("{year}-02-28") } else { format!("{year}-12-31") };
                let base = DateTime::parse(&format!("{day}T00:00:00Z")).unwrap().unix_seconds();
                (base + self.range(-86_400, 3 * 86_400)).clamp(0, MAX)
            }
        }
    }
}

fn at(t: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(u64::try_from(t).unwrap())
}

fn oracle_parse(s: &str) -> Option<i64> {
    let t = httpdate::parse_http_date(s).ok()?;
    Some(i64::try_from(t.duration_since(UNIX_EPOCH).unwrap().as_secs()).unwrap())
}

/// The fields of an IMF-fixdate written by the oracle.
struct Imf<'a> {
    weekday: &'a str,
    day: &'a str,
    month: &'a str,
    year: &'a str,
    time: &'a str,
}

fn imf_fields(s: &str) -> Imf<'_> {
    assert_eq!(s.len(), 29, "{s}");
    Imf { weekday: &s[..3], day: &s[5..7], month: &s[8..11], year: &s[12..16], time: &s[17..25] }
}

fn full_day_name(abbreviation: &str) -> &'static str {
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        .into_iter()
        .find(|n| n.starts_with(abbreviation))
        .unwrap()
}

/// Our IMF-fixdate is httpdate's, and each reads the other's back, for instants all over
/// 1970-9999 (httpdate's range).
#[test]
fn imf_fixdate_agrees_with_httpdate() {
    let mut rng = Rng(0x5EED_0001);
    for _ in 0..CASES {
        let t = rng.instant();
        let theirs = httpdate::fmt_http_date(at(t));
        let ours = HttpDate::from_unix_seconds(t).unwrap();
        assert_eq!(ours.to_string(), theirs, "{t}");
        assert_eq!(ours.format_into(&mut [0u8; 29]).unwrap(), theirs, "{t}");
        assert_eq!(http(&theirs), t, "{theirs}");
        assert_eq!(oracle_parse(&ours.to_string()), Some(t), "{t}");
    }
}

/// The RFC 850 and asctime forms of the oracle's fields (httpdate writes only IMF-fixdate,
/// so its fields are moved into the other layouts; its parser reads them back, which checks
/// the layouts) read as the same instant by both parsers.
#[test]
fn obsolete_forms_agree_with_httpdate() {
    let mut rng = Rng(0x5EED_0002);
    for _ in 0..CASES {
        let t = rng.instant();
        let imf = httpdate::fmt_http_date(at(t));
        let f = imf_fields(&imf);
        let day_digit = f.day.strip_prefix('0').map_or_else(|| f.day.to_string(), |d| format!(" {d}"));
        for asctime in [
            format!("{} {} {} {} {}", f.weekday, f.month, day_digit, f.time, f.year),
            format!("{} {} {} {} {}", f.weekday, f.month, f.day, f.time, f.year),
        ] {
            assert_eq!(oracle_parse(&asctime), Some(t), "{asctime}");
            assert_eq!(http(&asctime), t, "{asctime}");
        }
        let year: i64 = f.year.parse().unwrap();
        let rfc850 = format!("{}, {}-{}-{} {} GMT", full_day_name(f.weekday), f.day, f.month, &f.year[2..], f.time);
        if (1970..=2069).contains(&year) {
            assert_eq!(oracle_parse(&rfc850), Some(t), "{rfc850}");
            assert_eq!(http(&rfc850), t, "{rfc850}");
        }
        // Seen from a year of which `year` is within 49 years back or 50 ahead, the same.
        let current = u16::try_from(year + rng.range(-50, 49)).unwrap_or(0);
        if (year - 49..=year + 50).contains(&i64::from(current)) {
            let read =
                HttpDate::parse_in_year(&rfc850, current).unwrap_or_else(|e| panic!("{rfc850} in {current}: {e}"));
            assert_eq!(read.unix_seconds(), t, "{rfc850} in {current}");
        }
    }
}

/// Dates with one field changed (the day name, day, month, year, hour, minute or second, to
/// values in and out of range), in each form: we accept exactly what httpdate accepts, with
/// the same instant, but for two decisions of ours: a leap second at 23:59:60 (httpdate refuses
/// second 60) and years before 1970 (httpdate's range starts there; none are drawn).
#[test]
fn validation_agrees_with_httpdate() {
    let mut rng = Rng(0x5EED_0003);
    let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Sux"];
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Xyz"];
    let (mut accepted, mut leap_seconds) = (0u32, 0u32);
    for _ in 0..CASES {
        let t = rng.instant();
        let imf = httpdate::fmt_http_date(at(t));
        let f = imf_fields(&imf);
        let (mut weekday, mut day, mut month, mut year) =
            (f.weekday.to_string(), f.day.to_string(), f.month.to_string(), f.year.to_string());
        let (mut hour, mut minute, mut second) =
            (f.time[..2].to_string(), f.time[3..5].to_string(), f.time[6..].to_string());
        // Change one or two fields (two: a day and its day name may then agree again).
        for _ in 0..1 + rng.next() % 2 {
            match rng.next() % 8 {
                0 => weekday = names[rng.range(0, 7) as usize].to_string(),
                1 | 2 => day = format!("{:02}", rng.range(0, 32)),
                3 => month = months[rng.range(0, 12) as usize].to_string(),
                4 => year = format!("{:04}", rng.range(1970, 9999)),
                5 => hour = format!("{:02}", rng.range(0, 25)),
                6 => minute = format!("{:02}", rng.range(0, 60)),
                _ => second = format!("{:02}", rng.range(0, 61)),
            }
        }
        let time = format!("{hour}:{minute}:{second}");
        let mut forms = vec![
            format!("{weekday}, {day} {month} {year} {time} GMT"),
            format!("{weekday} {month} {} {time} {year}", day.replacen('0', " ", usize::from(day.starts_with('0')))),
        ];
        let y: i64 = year.parse().unwrap();
        if (1970..=2069).contains(&y) {
            let full = if weekday == "Sux" { "Suxday" } else { full_day_name(&weekday) };
            forms.push(format!("{full}, {day}-{month}-{} {time} GMT", &year[2..]));
        }
        for s in forms {
            let ours = HttpDate::parse(&s).map(HttpDate::unix_seconds);
            match (ours, oracle_parse(&s)) {
                (Ok(a), Some(b)) => {
                    assert_eq!(a, b, "{s}");
                    accepted += 1;
                }
                (Err(_), None) => {}
                (Ok(a), None) => {
                    // Only a leap second, read as the second before it.
                    assert_eq!((hour.as_str(), minute.as_str(), second.as_str()), ("23", "59", "60"), "{s}");
                    let before = s.replace("23:59:60", "23:59:59");
                    assert_eq!(oracle_parse(&before), Some(a), "{s}");
                    leap_seconds += 1;
                }
                (Err(e), Some(_)) => panic!("{s}: we refuse ({e}), httpdate accepts"),
            }
        }
    }
    // The cases are not all refused (nor all accepted).
    assert!(accepted > CASES / 2 && accepted < 2 * CASES, "{accepted}");
    assert!(leap_seconds > 0);
}

/// RFC 3339 date-times built from the oracle's civil fields of the local time, with random
/// offsets and fractions, read as the instant; and what we write reads back.
#[test]
fn rfc3339_agrees_with_httpdates_calendar() {
    let mut rng = Rng(0x5EED_0004);
    let month_number = |m: &str| {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            .iter()
            .position(|&n| n == m)
            .unwrap()
            + 1
    };
    for i in 0..CASES {
        let t = rng.instant();
        let offset = if i % 4 == 0 { 0 } else { rng.range(-(23 * 60 + 59), 23 * 60 + 59) };
        let local = t + offset * 60;
        if !(0..=MAX).contains(&local) {
            continue;
        }
        let nanos = match i % 3 {
            0 => 0,
            1 => rng.range(0, 999_999_999) as u32,
            _ => rng.range(1, 999) as u32 * 1_000_000,
        };
        let imf = httpdate::fmt_http_date(at(local));
        let f = imf_fields(&imf);
        let zone = match (offset, i % 8) {
            (0, 0) => "Z".to_string(),
            (0, 1) => "z".to_string(),
            (_, 2) => format!("{}{:02}{:02}", if offset < 0 { '-' } else { '+' }, offset.abs() / 60, offset.abs() % 60),
            _ => format!("{}{:02}:{:02}", if offset < 0 { '-' } else { '+' }, offset.abs() / 60, offset.abs() % 60),
        };
        let fraction = if nanos == 0 { String::new() } else { format!(".{nanos:09}") };
        let s = format!("{}-{:02}-{}T{}{fraction}{zone}", f.year, month_number(f.month), f.day, f.time);
        assert_eq!(rfc3339(&s), (t, nanos, offset as i16), "{s}");

        // Ours in UTC: the oracle's fields of `t`, and it reads back.
        let written = DateTime::from_unix(t, nanos).unwrap().to_string();
        let utc = httpdate::fmt_http_date(at(t));
        let g = imf_fields(&utc);
        let date = format!("{}-{:02}-{}T{}", g.year, month_number(g.month), g.day, g.time);
        assert!(written.starts_with(&date), "{written} {utc}");
        assert_eq!(rfc3339(&written), (t, nanos, 0), "{written}");
    }
}

/// Over the whole range, 0000-9999 (before 1970 there is no oracle): what we write reads back.
#[test]
fn round_trips_over_the_whole_range() {
    let mut rng = Rng(0x5EED_0005);
    for _ in 0..CASES {
        let t = rng.range(MIN, MAX);
        let d = HttpDate::from_unix_seconds(t).unwrap();
        assert_eq!(http(&d.to_string()), t, "{d}");
        let nanos = rng.range(0, 999_999_999) as u32;
        let x = DateTime::from_unix(t, nanos).unwrap();
        assert_eq!(DateTime::parse(&x.to_string()), Ok(x), "{x}");
    }
}

/// Every day of 1970-9999 (2.9 million), at a drawn second, against the oracle.
#[test]
fn every_day_from_1970_agrees_with_httpdate() {
    let mut rng = Rng(0x5EED_0006);
    let mut buf = [0u8; HttpDate::LEN];
    for day in 0..=MAX / 86_400 {
        let t = day * 86_400 + rng.range(0, 86_399);
        let ours = HttpDate::from_unix_seconds(t).unwrap();
        let theirs = httpdate::fmt_http_date(at(t));
        assert_eq!(ours.format_into(&mut buf).unwrap(), theirs, "{t}");
        assert_eq!(http(&theirs), t, "{theirs}");
    }
}

/// The tolerated forms were accepted with no way to tell: `parse_strict` refuses them, at
/// the place of the fault, and reads every strict date as `parse` does.
#[test]
fn strict_parsing_refuses_the_tolerated_forms() {
    use multistatus::{DateErrorKind, DateTime, HttpDate};
    let ez = "Mon, 15 Aug 2005 15:13:00 +0000";
    assert!(HttpDate::parse(ez).is_ok());
    let e = HttpDate::parse_strict(ez, 2019).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (DateErrorKind::Zone, ez.find('+').unwrap()));
    for ok in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
        assert_eq!(HttpDate::parse_strict(ok, 2019), HttpDate::parse(ok), "{ok}");
    }
    let basic = "2005-08-15T15:13:00+0800";
    assert_eq!(DateTime::parse(basic).unwrap().offset_minutes(), 480);
    let e = DateTime::parse_strict(basic).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (DateErrorKind::Zone, basic.len() - 2));
    assert_eq!(DateTime::parse_strict("2005-08-15T15:13:00+08").unwrap_err().kind(), DateErrorKind::Truncated);
    for ok in
        ["1985-04-12T23:20:50.52Z", "1996-12-19T16:39:57-08:00", "1996-12-19t16:39:57z", "1996-12-19 16:39:57+01:30"]
    {
        assert_eq!(DateTime::parse_strict(ok), DateTime::parse(ok), "{ok}");
        assert!(DateTime::parse(ok).is_ok(), "{ok}");
    }
}
