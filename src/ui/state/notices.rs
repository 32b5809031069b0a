//! The notice line (what just happened, or went wrong) and the 未保存 alert of a failed save.

use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

/// A button a notice offers beside its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeAction {
    /// open 回收站 in the checklist (a merge put edited problems there)
    ShowTrash,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    pub action: Option<NoticeAction>,
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
            action: None,
        }));
    }

    /// Something happened that asks for a look: an info notice with a button.
    pub fn info_with(&self, text: impl Into<String>, action: NoticeAction) {
        self.notice.set(Some(Notice {
            kind: NoticeKind::Info,
            text: text.into(),
            action: Some(action),
        }));
    }

    pub fn error(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            kind: NoticeKind::Error,
            text: text.into(),
            action: None,
        }));
    }

    /// Clear the notice line.
    pub fn clear(&self) {
        self.notice.set(None);
    }
}
