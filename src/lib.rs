#![doc = include_str!("../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod compact;
mod date;
mod element;
mod error;
pub mod href;
mod multistatus;
mod names;
mod ns;
pub mod props;
mod reader;
mod response;
mod scan;
mod status;
mod text;
mod window;
mod write;

pub use date::{DateError, DateErrorKind, DateTime, HttpDate};
pub use element::{Attribute, Attributes, Children, Element, Node};
pub use error::{Error, ErrorKind, TextPosition, text_position};
pub use multistatus::{Event, Options, Parser, Quirk, QuirkKind, QuirkLog};
pub use names::{DAV, Name, Namespace, XML_URI, XMLNS_URI};
pub use reader::{EndTag, MAX_ATTRIBUTES, RawAttribute, RawAttributes, StartTag, XmlEvent, XmlReader};
pub use response::{PropStat, Properties, Response, Responses, STORED_PROPERTIES, responses, responses_with_options};
pub use status::Status;
pub use text::{Fragment, Fragments, Text};
pub use window::{Feed, WindowParser};
#[cfg(feature = "embedded-io")]
pub use window::{ReadError, parse_from};
pub use write::{
    DavPrefix, MAX_LOCAL_LEN, MAX_PREFIX_LEN, MAX_ROOT_NAMESPACES, MAX_URI_LEN, MultistatusTail, PropStatTail,
    ResponseTail, SliceSink, Writer, WriterOptions,
};
