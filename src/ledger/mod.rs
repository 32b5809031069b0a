//! The ledger core: what a rectification ledger is, and the rules derived from it
//! (numbering, warning lights, filters, counts). Plain Rust, no browser and no CRDT types.

pub mod filter;
pub mod light;
pub mod model;
pub mod progress;

pub use filter::{Counts, Filter, LedgerCounts};
pub use light::{light_of, Light, DEFAULT_WARN_DAYS};
pub use model::*;
pub use progress::Progress;
