//! Rectify (整改台账): a local-first rectification ledger.
//!
//! Three layers, kept apart by modules:
//! - [`ledger`], [`bulletin`], [`document`] and [`io`]: the core — plain Rust, no browser types,
//!   tested natively with `cargo test`;
//! - [`i18n`]: the UI's words in Chinese and English, in one table;
//! - [`store`]: persistence behind one small key–value interface ([`store::KeyValue`]), and
//!   [`backup`]: when to remind the person to export;
//! - `platform` and `ui` (wasm only): the browser and the Leptos views, which read the core
//!   and call its operations and hold no business rules.

pub mod backup;
pub mod bulletin;
pub mod document;
pub mod i18n;
pub mod io;
pub mod jobs;
pub mod ledger;
pub mod store;
pub mod synthetic;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
