//! The words for what happened to a stored copy: a ledger that opened from its previous
//! generation, one that does not open at all (named, with its cause and the way out), the
//! rescued copy's name, and a file from a newer version that asks before it is added.

use rectify_core::document::Damage;
use rectify_core::file::envelope::ImportError;
use rectify_core::store::{Recovery, StoreError};

use super::{Lang, Texts};

/// A stored time (seconds since the epoch) in the browser's time zone, to the minute.
fn local_time(secs: i64, utc_offset_secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs + utc_offset_secs, 0)
        .map(|t| t.naive_utc().format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

impl Texts {
    /// What is wrong with a stored copy, without the advice meant for a received file.
    pub fn stored_damage(&self, e: &ImportError) -> String {
        let zh = self.lang == Lang::Zh;
        match e {
            ImportError::Empty if zh => "保存的内容是空的".to_string(),
            ImportError::Empty => "what was saved is empty".to_string(),
            ImportError::Truncated if zh => "保存的内容不完整（写入时中断或被截断）".to_string(),
            ImportError::Truncated => "what was saved is incomplete (cut off)".to_string(),
            ImportError::NotALedgerFile if zh => "保存的内容不是台账数据".to_string(),
            ImportError::NotALedgerFile => "what was saved is not ledger data".to_string(),
            ImportError::Corrupt(Damage::HeaderOtherLedger) if zh => {
                "保存的内容属于另一本台账（记录被调换或覆盖）".to_string()
            }
            ImportError::Corrupt(Damage::HeaderOtherLedger) => {
                "what was saved belongs to another ledger (records swapped or overwritten)"
                    .to_string()
            }
            ImportError::Corrupt(d) => self.damage(d),
            other => self.import_error(other),
        }
    }

    /// A stored ledger that could not be opened, named, with the cause and the next step.
    pub fn stored_ledger_error(&self, name: &str, e: &StoreError) -> String {
        match (self.lang, e) {
            (Lang::Zh, StoreError::Corrupt(why)) => format!(
                "本机保存的台账《{name}》已损坏，无法打开：{}。本机也没有可用的上一版本。请在“台账管理”中点“下载存档”留存，再导入你最近导出的台账文件。",
                self.stored_damage(why)
            ),
            (Lang::En, StoreError::Corrupt(why)) => format!(
                "The ledger “{name}” saved in this browser is damaged and cannot be opened: {}. No earlier copy of it is usable either. In Ledgers, “Download raw data” to keep it, then import the ledger file you exported last.",
                self.stored_damage(why)
            ),
            (Lang::Zh, other) => format!("台账《{name}》：{}", self.store_error(other)),
            (Lang::En, other) => format!("Ledger “{name}”: {}", self.store_error(other)),
        }
    }

    /// The banner over a ledger shown from its last read whose stored copy does not load.
    pub fn damaged_banner(&self, name: &str, e: &StoreError) -> String {
        let why = match e {
            StoreError::Corrupt(why) => self.stored_damage(why),
            other => self.store_error(other),
        };
        match self.lang {
            Lang::Zh => format!("只读：本机保存的台账《{name}》无法打开（{why}）。屏幕上是上次保存时的内容。请“导出抢救副本”（另存为新的台账文件）或“导出 Excel”，再导入抢救副本继续工作。"),
            Lang::En => format!("Read-only: the ledger “{name}” saved in this browser cannot be opened ({why}). What is on screen is as it was last saved. “Export a rescued copy” (a new ledger file) or “Export Excel”, then import the rescued copy to go on working."),
        }
    }

    /// A ledger opened from its previous stored generation because the newest was damaged.
    pub fn recovered(&self, name: &str, r: &Recovery, utc_offset_secs: i64) -> String {
        let why = self.stored_damage(&r.cause);
        let zh = self.lang == Lang::Zh;
        let from = r.from_saved_at.map(|t| local_time(t, utc_offset_secs));
        let what = match (&from, r.lost_last_save, zh) {
            (Some(t), true, true) => format!("已恢复到 {t} 保存的上一版本；此后几秒内的修改未能恢复，请核对最近的修改"),
            (Some(t), true, false) => format!("it was restored to the copy saved at {t}; changes made in the seconds after that could not be recovered, so check your latest edits"),
            (Some(t), false, true) => format!("已从 {t} 保存的上一版本及其后的各次保存完整恢复"),
            (Some(t), false, false) => format!("it was restored in full from the copy saved at {t} and every save after it"),
            (None, _, true) => "其余内容已打开".to_string(),
            (None, _, false) => "the rest was opened".to_string(),
        };
        let lost = match (r.lost_saves, zh) {
            (0, _) => String::new(),
            (n, true) => format!("另有 {n} 次保存的修改无法读取，已丢失。"),
            (n, false) => {
                format!(" {n} saved batch(es) of changes could not be read and are lost.")
            }
        };
        match self.lang {
            Lang::Zh => format!("台账《{name}》在本机保存的最新副本已损坏（{why}），{what}。{lost}建议立即“导出”备份。"),
            Lang::En => format!("The newest copy of “{name}” saved in this browser was damaged ({why}); {what}.{lost} Export a backup now."),
        }
    }

    /// The rescued copy's name: what was on screen, saved as a new ledger.
    pub fn rescued_name(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{name}（抢救副本）"),
            Lang::En => format!("{name} (rescued copy)"),
        }
    }

    /// A file written by a newer version: asked before it is added as a read-only ledger.
    pub fn ask_open_newer(&self, name: &str, schema: u64) -> String {
        match self.lang {
            Lang::Zh => format!("“{name}”由更新版本的 Rectify 写成（数据格式 {schema}），本版本只能只读查看，不能修改，也不能合并。要把它作为新台账以只读方式打开吗？更新本应用后即可编辑。"),
            Lang::En => format!("“{name}” was written by a newer version of Rectify (data format {schema}); this version can only show it read-only, not change or merge it. Open it as a new, read-only ledger? Update this app to edit it."),
        }
    }
}
