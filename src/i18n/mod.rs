//! The UI's words in Chinese and English, all in one place: [`Lang`], the table [`Texts`] (one
//! field per string, so a missing translation does not compile, in `table.rs`), the strings
//! with numbers or names in them (`notices.rs`, `views.rs`), the core's values (`values.rs`)
//! and its errors and warnings (`messages.rs`, `import_messages.rs`) in words. The core
//! chooses no words: it hands over enums carrying their data, and only this module says them.

/// A size as 台账管理 shows it (the same in both languages): "1.4 MB", "19 KB".
pub fn size_label(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).max(1.0))
    }
}

/// The language the UI speaks. Chinese is the default; the bulletin (通报) and the weekly
/// report (周报告) are official texts and stay Chinese whatever is chosen here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// How it is stored (`rectify:lang`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// A stored code back; anything unknown is Chinese.
    pub fn from_code(code: &str) -> Lang {
        match code.trim() {
            "en" => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// For `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The switch's label: each language names itself.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// Declares [`Texts`] with one `&'static str` field per key and the two tables [`ZH`] and
/// [`EN`]. Each entry is `key: "中文", "English";` — leaving out the English does not compile.
macro_rules! texts {
    ($($key:ident: $zh:literal, $en:literal;)*) => {
        /// Every fixed string of the UI in one language. Strings with numbers or names in
        /// them are methods below (an exhaustive `match` on [`Texts::lang`]).
        pub struct Texts {
            pub lang: Lang,
            $(pub $key: &'static str,)*
        }

        pub static ZH: Texts = Texts { lang: Lang::Zh, $($key: $zh,)* };
        pub static EN: Texts = Texts { lang: Lang::En, $($key: $en,)* };

        impl Texts {
            /// Every fixed string with its key (for tests).
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key),)*]
            }
        }
    };
}

#[cfg(target_arch = "wasm32")]
mod browser;
mod history;
mod import_messages;
mod live;
mod messages;
mod notices;
mod rounds;
mod storage;
mod table;
#[cfg(test)]
mod tests;
mod values;
mod views;

pub use table::{Texts, EN, ZH};
