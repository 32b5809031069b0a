//! The words of 联网同步 (live sync): its panel, the connection's state, what was refused from
//! a sync server and why, with the way out.

use rectify_core::live::{Refusal, SyncState};

use super::{Lang, Texts};

impl Texts {
    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    pub fn live_heading(&self) -> &'static str {
        self.pick("联网同步", "Live sync")
    }

    pub fn live_intro(&self) -> &'static str {
        self.pick(
            "有同步服务器（automerge-repo 同步服务器）时，同事们的修改随时互相同步；断网时照常编辑，联网后自动同步。本机保存的台账始终是完整的一份。",
            "With a sync server (an automerge-repo sync server), colleagues' edits reach each other as they are made; offline you edit as usual and it syncs when the server answers again. The copy kept in this browser is always complete.",
        )
    }

    pub fn live_server(&self) -> &'static str {
        self.pick("服务器地址", "Server address")
    }

    pub fn live_connect(&self) -> &'static str {
        self.pick("连接", "Connect")
    }

    pub fn live_disconnect(&self) -> &'static str {
        self.pick("断开", "Disconnect")
    }

    pub fn live_share_link(&self) -> &'static str {
        self.pick("共享链接", "Share link")
    }

    pub fn live_capability(&self) -> &'static str {
        self.pick(
            "注意：凡是持有此链接且能访问该服务器的人，都能查看和修改这本台账。只发给需要的同事。",
            "Note: anyone with this link who can reach the server can read and change this ledger. Send it only to the colleagues who need it.",
        )
    }

    pub fn live_join_label(&self) -> &'static str {
        self.pick("通过链接加入", "Join by link")
    }

    pub fn live_join(&self) -> &'static str {
        self.pick("加入", "Join")
    }

    pub fn live_bad_link(&self) -> &'static str {
        self.pick(
            "这不是有效的共享链接：应以 automerge: 开头，或是含有 #/sync? 的台账地址。请向同事重新复制一次。",
            "This is not a share link: it starts with automerge:, or is a ledger address with #/sync? in it. Ask your colleague to copy it again.",
        )
    }

    pub fn live_last_sync(&self, at: &str) -> String {
        match self.lang {
            Lang::Zh => format!("上次同步：{at}"),
            Lang::En => format!("Last synced: {at}"),
        }
    }

    /// The connection's state, as the panel and the top bar say it.
    pub fn live_state(&self, state: &SyncState, joining: bool) -> String {
        let zh = self.zh();
        match state {
            SyncState::Connecting if joining && zh => "正在从服务器获取台账……".into(),
            SyncState::Connecting if joining => "Fetching the ledger from the server…".into(),
            SyncState::Connecting if zh => "同步中".into(),
            SyncState::Connecting => "Syncing".into(),
            SyncState::Connected if zh => "已连接".into(),
            SyncState::Connected => "Connected".into(),
            SyncState::Offline { .. } if zh => "离线，将在联网后自动同步".into(),
            SyncState::Offline { .. } => "Offline; will sync when the server answers".into(),
            SyncState::Failed(refusal) if zh => format!("无法连接：{}", self.live_cause(refusal)),
            SyncState::Failed(refusal) => format!("Cannot connect: {}", self.live_cause(refusal)),
        }
    }

    /// Why the server's copy or the address was refused.
    pub fn live_cause(&self, refusal: &Refusal) -> String {
        let zh = self.zh();
        match refusal {
            Refusal::OtherLedger if zh => "服务器上这个编号下是另一本台账".into(),
            Refusal::OtherLedger => "the server holds another ledger under this id".into(),
            Refusal::NotALedger if zh => "服务器上的文档不是台账".into(),
            Refusal::NotALedger => "the server's document is not a ledger".into(),
            Refusal::NewerSchema(n) if zh => {
                format!("服务器上的台账由更新版本的 Rectify 写成（格式 {n}）")
            }
            Refusal::NewerSchema(n) => {
                format!("the server's ledger was written by a newer Rectify (format {n})")
            }
            Refusal::Malformed(_) if zh => "服务器发来的消息无法读取".into(),
            Refusal::Malformed(_) => "a message from the server could not be read".into(),
            Refusal::TooLarge(n) if zh => format!("服务器发来的消息过大（{n} 字节）"),
            Refusal::TooLarge(n) => format!("a message from the server is too large ({n} bytes)"),
            Refusal::BadAddress(a) if zh => format!("“{a}”不是可用的服务器地址（应以 ws:// 或 wss:// 开头，中文域名写成 xn-- 形式）"),
            Refusal::BadAddress(a) => format!("“{a}” is not a usable server address (it starts with ws:// or wss://; a non-ASCII host name is written as xn--…)"),
            Refusal::NotOnServer if zh => "服务器上没有这本台账".into(),
            Refusal::NotOnServer => "the server does not have this ledger".into(),
        }
    }

    /// A refusal as a notice: the ledger, the cause, that nothing was changed, the way out.
    pub fn live_refused(&self, name: &str, refusal: &Refusal) -> String {
        let cause = self.live_cause(refusal);
        let way_out = match (refusal, self.zh()) {
            (Refusal::BadAddress(_), true) => "请检查服务器地址后再连接。",
            (Refusal::BadAddress(_), false) => "Check the server address and connect again.",
            (Refusal::NewerSchema(_), true) => "请更新 Rectify 后再连接。",
            (Refusal::NewerSchema(_), false) => "Update Rectify, then connect again.",
            (Refusal::NotOnServer, true) => "请让已有这本台账的同事先连接该服务器，再用链接加入。",
            (Refusal::NotOnServer, false) => "Ask a colleague who has the ledger to connect to this server first, then join by the link.",
            (_, true) => "已断开连接；请与服务器管理员核实服务器地址和链接。",
            (_, false) => "The connection was closed; check the server address and link with whoever runs the server.",
        };
        match self.lang {
            Lang::Zh if name.is_empty() => {
                format!("联网同步已停止：{cause}。本机台账没有改动。{way_out}")
            }
            Lang::Zh => format!("“{name}”的联网同步已停止：{cause}。本机台账没有改动。{way_out}"),
            Lang::En if name.is_empty() => {
                format!("Live sync stopped: {cause}. The ledger here is unchanged. {way_out}")
            }
            Lang::En => format!(
                "Live sync of “{name}” stopped: {cause}. The ledger here is unchanged. {way_out}"
            ),
        }
    }

    pub fn live_joined(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已从服务器获取“{name}”并保存在本机，修改将自动同步。"),
            Lang::En => {
                format!("Fetched “{name}” from the server and kept it here; edits now sync.")
            }
        }
    }

    pub fn merged_live(&self, changes: usize, authors: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已同步同事的 {changes} 项修改（{authors}）。"),
            Lang::En => format!("Synced {changes} changes from colleagues ({authors})."),
        }
    }
}
