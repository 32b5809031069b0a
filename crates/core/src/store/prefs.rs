//! Per-browser settings kept beside the ledgers: 我的名字, the language, the open ledger,
//! the app version last run, the sync server each ledger is kept in step with.

use super::*;

impl<K: KeyValue> LedgerStore<K> {
    /// 我的名字, kept per browser.
    pub fn my_name(&self) -> Option<String> {
        self.kv
            .get(&format!("{PREFIX}my-name"))
            .ok()
            .flatten()
            .filter(|n| !n.trim().is_empty())
    }

    pub fn set_my_name(&self, name: &str) -> Result<(), StoreError> {
        let name = crate::ledger::without_bidi_controls(name);
        self.kv.set(&format!("{PREFIX}my-name"), name.trim())
    }

    /// The code of the language this browser's UI speaks, once someone picked one (the app's
    /// `i18n::Lang` reads it).
    pub fn lang_code(&self) -> Option<String> {
        self.kv.get(&format!("{PREFIX}lang")).ok().flatten()
    }

    pub fn set_lang_code(&self, code: &str) -> Result<(), StoreError> {
        self.kv.set(&format!("{PREFIX}lang"), code)
    }

    /// The ledger that was open last.
    pub fn current(&self) -> Option<String> {
        self.kv.get(&format!("{PREFIX}current")).ok().flatten()
    }

    pub fn set_current(&self, id: &str) -> Result<(), StoreError> {
        self.kv.set(&format!("{PREFIX}current"), id)
    }

    /// Record the version of the app this browser runs now. Returns the version it ran before
    /// when that differs (the app was updated since the last visit); None on a first visit or
    /// the same version.
    pub fn note_app_version(&self, version: &str) -> Option<String> {
        let key = format!("{PREFIX}app-version");
        let before = self.kv.get(&key).ok().flatten();
        if before.as_deref() == Some(version) {
            return None;
        }
        let _ = self.kv.set(&key, version);
        before
    }

    /// The sync server `ledger_id` is kept in step with in this browser (联网同步), if any.
    pub fn live_server(&self, ledger_id: &str) -> Option<String> {
        self.kv
            .get(&format!("{PREFIX}live:{ledger_id}"))
            .ok()
            .flatten()
            .filter(|s| !s.trim().is_empty())
    }

    /// Keep `ledger_id` in step with `server`, or (None) no longer.
    pub fn set_live_server(&self, ledger_id: &str, server: Option<&str>) -> Result<(), StoreError> {
        let key = format!("{PREFIX}live:{ledger_id}");
        match server {
            Some(server) => self.kv.set(&key, server.trim()),
            None => self.kv.remove(&key),
        }
    }
}
