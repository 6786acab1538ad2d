//! The sizes of the client-value types, as the README's memory table states them.

use std::mem::size_of;

use multistatus::date::{DateError, DateTime, HttpDate};
use multistatus::href::{HrefError, PercentDecoded, UriRef};
use multistatus::props::{ActiveLocks, ETag, Hrefs, MediaType, Privileges, PropError, ResourceType};

/// With the feature `small`, an element reader's phase holds the markup a window cut as it
/// is: 8 bytes more in each reader.
const PHASE: usize = if cfg!(feature = "small") { 8 } else { 0 };

#[test]
#[cfg(target_pointer_width = "64")]
fn client_value_sizes() {
    let got = [
        ("HttpDate", size_of::<HttpDate>()),
        ("DateTime", size_of::<DateTime>()),
        ("DateError", size_of::<DateError>()),
        ("UriRef", size_of::<UriRef<'_>>()),
        ("PercentDecoded", size_of::<PercentDecoded<'_>>()),
        ("HrefError", size_of::<HrefError>()),
        ("PropError", size_of::<PropError>()),
        ("ETag", size_of::<ETag<'_>>()),
        ("MediaType", size_of::<MediaType<'_>>()),
        ("ResourceType", size_of::<ResourceType<'_, 32, 32, 2048>>()),
        ("Hrefs", size_of::<Hrefs<'_, 32, 32, 2048>>()),
        ("ActiveLocks", size_of::<ActiveLocks<'_, 32, 32, 2048>>()),
        ("Privileges", size_of::<Privileges<'_, 32, 32, 2048>>()),
    ];
    let want = [
        ("HttpDate", 8),
        ("DateTime", 16),
        ("DateError", 8),
        ("UriRef", 80),
        ("PercentDecoded", 32),
        ("HrefError", 16),
        ("PropError", 8),
        ("ETag", 32),
        ("MediaType", 128),
        ("ResourceType", 280),
        ("Hrefs", 3816 + PHASE),
        ("ActiveLocks", 3816 + PHASE),
        ("Privileges", 7648 + 2 * PHASE),
    ];
    assert_eq!(got, want);
}
