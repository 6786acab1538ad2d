#![doc = include_str!("../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod body;
mod compact;
pub mod date;
pub mod dav_error;
pub mod document;
mod element;
mod error;
pub mod href;
#[cfg(any(feature = "small", test))]
mod lex;
pub mod lock_answer;
#[cfg(any(not(feature = "small"), test))]
mod markup;
mod multistatus;
mod names;
mod ns;
mod offset;
mod pieces;
pub mod props;
mod reader;
pub mod request;
mod response;
mod scan;
mod status;
pub mod sync;
mod text;
mod window;
mod write;

// The multistatus parser at its two levels (events, responses), the views it hands out, and
// its errors: the crate's root.
pub use element::{Attribute, Attributes, Children, Element, Node};
pub use error::{Error, ErrorKind, LineCounter, TextPosition, text_position};
pub use multistatus::{Event, Options, Parser, Quirk, QuirkKind, QuirkLog};
pub use names::{DAV, Name, Namespace, XML_URI, XMLNS_URI};
pub use pieces::{Cdata, Piece, Tag, UnitKind};
pub use response::{
    Hrefs, PropStat, PropStats, Properties, Response, Responses, STORED_PROPERTIES, responses, responses_with_options,
};
pub use status::Status;
pub use text::{Fragment, Fragments, Text};
// The entry points of the windowed level and of the writer (their satellites are in
// `windowed` and `writer`).
pub use window::WindowParser;
pub use write::Writer;

/// The windowed level: a body of any size through a buffer of a fixed size that the caller
/// owns ([`WindowParser`], its [`Feed`]; with the `embedded-io` feature `parse_from` over an
/// `embedded_io::Read` source, with `embedded-io-async` `parse_from_async` over an
/// `embedded_io_async::Read` one). See the crate docs, *Windowed*.
pub mod windowed {
    #[cfg(any(feature = "embedded-io", feature = "embedded-io-async"))]
    pub use crate::window::ReadError;
    #[cfg(feature = "embedded-io")]
    pub use crate::window::parse_from;
    #[cfg(feature = "embedded-io-async")]
    pub use crate::window::parse_from_async;
    pub use crate::window::{Feed, WindowParser};
}

/// Writing multistatus bodies without allocation: the [`Writer`], its options and the
/// optional tails of a propstat, a response and the multistatus.
pub mod writer {
    pub use crate::write::{
        DavPrefix, MAX_LOCAL_LEN, MAX_PREFIX_LEN, MAX_ROOT_NAMESPACES, MAX_URI_LEN, MultistatusTail, PropStatTail,
        ResponseTail, SliceSink, Writer, WriterOptions,
    };
}

/// The XML level beneath the multistatus grammar: the namespace-aware, checked events of an
/// element's content ([`Element::events`](crate::Element::events)), for parsers that take a
/// property value over.
pub mod xml {
    pub use crate::reader::{EndTag, MAX_ATTRIBUTES, RawAttribute, RawAttributes, StartTag, XmlEvent, XmlReader};
}

// The earlier root paths of what moved into `date`, `windowed`, `writer` and `xml`, kept for
// the 0.1 series.
#[doc(hidden)]
pub use date::{DateError, DateErrorKind, DateTime, HttpDate};
#[doc(hidden)]
pub use reader::{EndTag, MAX_ATTRIBUTES, RawAttribute, RawAttributes, StartTag, XmlEvent, XmlReader};
#[doc(hidden)]
pub use window::Feed;
#[cfg(feature = "embedded-io")]
#[doc(hidden)]
pub use window::{ReadError, parse_from};
#[doc(hidden)]
pub use write::{
    DavPrefix, MAX_LOCAL_LEN, MAX_PREFIX_LEN, MAX_ROOT_NAMESPACES, MAX_URI_LEN, MultistatusTail, PropStatTail,
    ResponseTail, SliceSink, WriterOptions,
};
