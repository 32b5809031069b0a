//! Rectify (整改台账), the page: the Leptos views (`ui`) and the browser (`platform`) over the
//! core (`rectify_core`), and the only place words are chosen (`i18n`: Chinese and English).
//! The office formats run in the Web Worker (crates/worker), never in the page: this crate has
//! no dependency on `rectify-office`.

pub mod guide;
pub mod i18n;
pub mod route;
pub mod save_scheduler;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
