//! What the browser would not do (`platform`'s refusals and the Web Worker's start), in
//! words. Only in the page (wasm32), where `platform` is.

use super::{Lang, Texts};
use crate::platform::worker::{Startup, WorkerError};
use crate::platform::Refusal;

impl Texts {
    /// What the browser would not do.
    pub fn refusal(&self, r: Refusal) -> &'static str {
        match (self.lang, r) {
            (Lang::Zh, Refusal::NoPage) => "页面不可用",
            (Lang::Zh, Refusal::NoFile) => "无法生成文件",
            (Lang::Zh, Refusal::NoLink) => "无法生成下载链接",
            (Lang::Zh, Refusal::Clipboard) => "浏览器不允许写入剪贴板，请在下方全文中选中后按 Ctrl+C 复制。",
            (Lang::Zh, Refusal::ReadFile) => "无法读取文件",
            (Lang::En, Refusal::NoPage) => "The page is not available",
            (Lang::En, Refusal::NoFile) => "The file could not be made",
            (Lang::En, Refusal::NoLink) => "The download link could not be made",
            (Lang::En, Refusal::Clipboard) => "The browser does not allow writing to the clipboard: select the text below and press Ctrl+C.",
            (Lang::En, Refusal::ReadFile) => "The file cannot be read",
        }
    }

    /// Why the Web Worker could not be started.
    pub fn startup(&self, s: &Startup) -> String {
        match (self.lang, s) {
            (_, Startup::Browser(Some(why))) => why.clone(),
            (Lang::Zh, Startup::NoPage) => "页面不可用".to_string(),
            (Lang::Zh, Startup::NoScript) => "无法生成后台处理模块".to_string(),
            (Lang::Zh, Startup::OtherVersion) => "它的版本与页面不一致，请刷新页面".to_string(),
            (Lang::Zh, Startup::NotSent) => "无法发送".to_string(),
            (Lang::Zh, Startup::Browser(None)) => "无法加载".to_string(),
            (Lang::En, Startup::NoPage) => "the page is not available".to_string(),
            (Lang::En, Startup::NoScript) => "its script could not be made".to_string(),
            (Lang::En, Startup::OtherVersion) => {
                "it is of another version than the page; reload the page".to_string()
            }
            (Lang::En, Startup::NotSent) => "the job could not be sent".to_string(),
            (Lang::En, Startup::Browser(None)) => "it could not be loaded".to_string(),
        }
    }

    /// The worker could not take live sync's message.
    pub fn worker_error(&self, e: &WorkerError) -> String {
        match e {
            WorkerError::Unavailable(why) => self.startup(why),
            WorkerError::Crashed => self.worker_crashed.to_string(),
            WorkerError::TimedOut => self.worker_timed_out.to_string(),
        }
    }
}
