//! The UI's language: Chinese until someone picks English, and an unknown code is Chinese.

use rectify::i18n::Lang;
use rectify_core::store::{LedgerStore, MemoryKv};

#[test]
fn the_ui_language_is_chinese_by_default_and_kept_per_browser() {
    let store = LedgerStore::new(MemoryKv::default());
    let lang = |s: &LedgerStore<MemoryKv>| {
        s.lang_code()
            .map(|c| Lang::from_code(&c))
            .unwrap_or_default()
    };
    assert_eq!(lang(&store), Lang::Zh, "a new browser speaks Chinese");
    store.set_lang_code(Lang::En.code()).unwrap();
    assert_eq!(lang(&store), Lang::En);
    store.set_lang_code("klingon").unwrap();
    assert_eq!(
        lang(&store),
        Lang::Zh,
        "an unknown code falls back to Chinese"
    );
}
