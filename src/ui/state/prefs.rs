//! This browser's settings: the UI's language and 我的名字 (who writes, in history and merge
//! reports), both kept in localStorage.

use leptos::prelude::*;

use super::{store, Notices};
use crate::i18n::{Lang, Texts};
use crate::platform::LocalKv;
use rectify_core::store::LedgerStore;

#[derive(Clone, Copy)]
pub struct Prefs {
    /// the UI's language (a per-browser setting, `rectify:lang`)
    pub lang: RwSignal<Lang>,
    pub my_name: RwSignal<String>,
    /// asked once per session to fill in 我的名字
    asked_for_name: StoredValue<bool>,
    notices: Notices,
}

impl Prefs {
    /// Read the settings from storage.
    pub fn load(store: &LedgerStore<LocalKv>, notices: Notices) -> Prefs {
        Prefs {
            lang: RwSignal::new(
                store
                    .lang_code()
                    .map(|c| Lang::from_code(&c))
                    .unwrap_or_default(),
            ),
            my_name: RwSignal::new(store.my_name().unwrap_or_default()),
            asked_for_name: StoredValue::new(false),
            notices,
        }
    }

    /// The UI's words in the chosen language; views read this inside reactive closures so
    /// they follow a switch.
    pub fn t(&self) -> &'static Texts {
        self.lang.get().texts()
    }

    /// A fixed string as a reactive view or attribute value: `{state.tr(|t| t.add_problem)}`.
    /// Every call returns the same closure type, so the many strings of the views share one
    /// instance of Leptos' rendering code instead of one per string (wasm size).
    pub fn tr(
        &self,
        key: fn(&Texts) -> &'static str,
    ) -> impl Fn() -> &'static str + Copy + 'static {
        let lang = self.lang;
        move || key(lang.get().texts())
    }

    /// The same, without subscribing (for messages made in event handlers).
    pub fn tu(&self) -> &'static Texts {
        self.lang.get_untracked().texts()
    }

    /// Switch the UI's language and remember it in this browser. Nothing is reloaded: every
    /// string is read reactively, so input in progress stays.
    pub fn set_lang(&self, lang: Lang) {
        if let Err(e) = store().set_lang_code(lang.code()) {
            self.notices.error(lang.texts().store_error(&e));
        }
        self.lang.set(lang);
    }

    /// Remember 我的名字 (trimmed), and give it back for the open document.
    pub fn set_my_name(&self, name: &str) -> String {
        let name = name.trim().to_string();
        if let Err(e) = store().set_my_name(&name) {
            self.notices.error(self.tu().store_error(&e));
        }
        self.my_name.set(name.clone());
        name
    }

    /// 我的名字, if filled in.
    pub fn author(&self) -> Option<String> {
        Some(self.my_name.get_untracked()).filter(|n| !n.trim().is_empty())
    }

    /// After an edit: ask once per session to fill in 我的名字 when it is empty.
    pub fn ask_for_name_once(&self) {
        if self.author().is_none() && !self.asked_for_name.get_value() {
            self.asked_for_name.set_value(true);
            self.notices.info(self.tu().ask_for_name);
        }
    }
}
