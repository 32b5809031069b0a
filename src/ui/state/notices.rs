//! The notice line (what just happened, or went wrong) and the 未保存 alert of a failed save.

use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

/// The notices the views show. Copyable handles into Leptos' arena.
#[derive(Clone, Copy)]
pub struct Notices {
    pub notice: RwSignal<Option<Notice>>,
    /// a save failed; shown until a save succeeds
    pub save_error: RwSignal<Option<String>>,
}

impl Default for Notices {
    fn default() -> Notices {
        Notices::new()
    }
}

impl Notices {
    /// Nothing to say yet.
    pub fn new() -> Notices {
        Notices {
            notice: RwSignal::new(None),
            save_error: RwSignal::new(None),
        }
    }

    pub fn info(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            kind: NoticeKind::Info,
            text: text.into(),
        }));
    }

    pub fn error(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            kind: NoticeKind::Error,
            text: text.into(),
        }));
    }

    /// Clear the notice line.
    pub fn clear(&self) {
        self.notice.set(None);
    }
}
