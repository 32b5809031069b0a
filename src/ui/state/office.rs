//! The office formats, made and read in the Web Worker (their code is not in the page's
//! module): 导出 Excel, 下载 Word, 从 Excel 导入 (the preview, then a new ledger or additions to
//! the open one) and 从通报导入.

use leptos::prelude::*;

use super::{OpenDoc, Screen};
use crate::platform;
use crate::platform::worker::WorkerError;
use rectify_core::document::Filling;
use rectify_core::import;
use rectify_core::import::bulletin::{BulletinImport, Marker, Role};
use rectify_core::import::xlsx::XlsxImport;
use rectify_core::jobs::{Done, Job};

/// What 从通报导入 read a text as.
#[derive(Clone, Debug, PartialEq)]
pub enum TextRead {
    Bulletin(BulletinImport),
    /// a table (tab-separated rows under a header), read as 从 Excel 导入 reads a sheet
    Table(XlsxImport),
}

/// The roles a person chose in the preview, and the text's levels when they chose them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChosenRoles {
    pub roles: Vec<(Marker, Role)>,
    pub for_levels: Vec<Marker>,
}

#[derive(Clone, Copy)]
pub struct Office {
    /// a workbook read for 从 Excel 导入 (file name, what was read), waiting in the preview
    pub xlsx_import: RwSignal<Option<(String, import::xlsx::XlsxImport)>>,
    /// 创建新台账 from a workbook is under way (its steps run between frames)
    pub creating: RwSignal<bool>,
    screen: RwSignal<Screen>,
    /// the open ledger, and through it the notices, settings and library
    doc: OpenDoc,
}

impl Office {
    pub fn new(screen: RwSignal<Screen>, doc: OpenDoc) -> Office {
        Office {
            xlsx_import: RwSignal::new(None),
            creating: RwSignal::new(false),
            screen,
            doc,
        }
    }

    /// A job in the worker; a worker that cannot start or stops is said here (None).
    pub async fn run_job(&self, job: &Job, bytes: &[u8]) -> Option<(Done, Vec<u8>)> {
        let t = self.doc.prefs.tu();
        match platform::worker::run(job, bytes).await {
            Ok(answer) => Some(answer),
            Err(WorkerError::Unavailable(why)) => {
                self.doc
                    .notices
                    .error(t.worker_unavailable(&t.startup(&why)));
                None
            }
            Err(WorkerError::Crashed) => {
                self.doc.notices.error(t.worker_crashed);
                None
            }
            Err(WorkerError::TimedOut) => {
                self.doc.notices.error(t.worker_timed_out);
                None
            }
        }
    }

    /// 从通报导入: read a bulletin text for the preview, in the worker (the reader is not in
    /// the page's module): the bulletin as read, a table read as 从 Excel 导入 reads a sheet, or
    /// why it is neither (Err, in words). The roles chosen hold while the text keeps the levels
    /// they were chosen for. None when the worker could not do it, which is said in a notice.
    pub async fn read_bulletin(
        &self,
        text: &str,
        chosen: ChosenRoles,
        file_name: Option<String>,
    ) -> Option<Result<TextRead, String>> {
        let job = Job::ReadBulletin {
            roles: chosen.roles,
            for_levels: chosen.for_levels,
            file_name: file_name.unwrap_or_default(),
        };
        match self.run_job(&job, text.as_bytes()).await {
            Some((Done::Bulletin(import), _)) => Some(Ok(TextRead::Bulletin(*import))),
            Some((Done::Xlsx(import), _)) => Some(Ok(TextRead::Table(*import))),
            Some((Done::Failed(why), _)) => Some(Err(self.doc.prefs.tu().job_error(&why))),
            Some(_) | None => None,
        }
    }

    /// 从通报导入 of a picked file: its text (a .txt in any common encoding, a .docx), read in
    /// the worker, or why it has none (Err, in words).
    pub async fn read_text_file(
        &self,
        file_name: &str,
        bytes: &[u8],
    ) -> Option<Result<String, String>> {
        let job = Job::ReadTextFile {
            file_name: file_name.to_string(),
        };
        match self.run_job(&job, bytes).await {
            Some((Done::Text(text), _)) => Some(Ok(text)),
            Some((Done::Failed(why), _)) => Some(Err(self.doc.prefs.tu().job_error(&why))),
            Some(_) | None => None,
        }
    }

    /// 从通报导入: make a new ledger of a bulletin read by [`Office::read_bulletin`] and open it.
    pub fn import_bulletin(&self, import: &BulletinImport) {
        self.doc.flush();
        let doc = import::bulletin::create_from_import(
            import,
            self.doc.prefs.author().as_deref(),
            platform::now(),
        );
        self.doc.library.open_new(self.doc, doc);
        let report = &import.report;
        self.doc.notices.info(self.doc.prefs.tu().bulletin_imported(
            report.categories,
            report.problems,
            report.rules,
            report.rule_candidates,
            report.leftovers.len(),
        ));
    }

    /// 导出 Excel: download the open ledger as `<name>.xlsx` (lights and statistics as of today).
    pub fn export_xlsx(&self) {
        let Some(ledger) = self.doc.ledger.get_untracked() else {
            return;
        };
        let office = *self;
        let file_name = import::xlsx::file_name(&ledger.display_name());
        let job = Job::ExportXlsx {
            ledger: Box::new(ledger),
            today: platform::today(),
            now: platform::now(),
        };
        self.doc.notices.info(self.doc.prefs.tu().making_excel);
        leptos::task::spawn_local(async move {
            let t = office.doc.prefs.tu();
            match office.run_job(&job, &[]).await {
                Some((Done::File, bytes)) => match platform::download(
                    &bytes,
                    &file_name,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ) {
                    Ok(()) => office.doc.notices.info(t.excel_exported(&file_name)),
                    Err(e) => office.doc.notices.error(t.refusal(e)),
                },
                Some((Done::Failed(e), _)) => office
                    .doc
                    .notices
                    .error(t.excel_export_failed(&t.job_error(&e))),
                Some(_) | None => {}
            }
        });
    }

    /// 下载 Word（.docx）: the bulletin as `<stem>.docx`, made in the worker.
    pub fn download_docx(&self, bulletin: rectify_core::bulletin::Bulletin, stem: String) {
        let office = *self;
        self.doc.notices.info(self.doc.prefs.tu().making_word);
        leptos::task::spawn_local(async move {
            match office.run_job(&Job::Docx { bulletin }, &[]).await {
                Some((Done::File, bytes)) => {
                    let file_name = format!("{stem}.docx");
                    match platform::download(
                        &bytes,
                        &file_name,
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    ) {
                        Ok(()) => office.doc.notices.clear(),
                        Err(e) => office.doc.notices.error(office.doc.prefs.tu().refusal(e)),
                    }
                }
                Some((Done::Failed(e), _)) => office
                    .doc
                    .notices
                    .error(office.doc.prefs.tu().job_error(&e)),
                Some(_) | None => {}
            }
        });
    }

    /// 从 Excel 导入: read a picked workbook (in the worker) and show the preview, or say why
    /// it cannot be read. Nothing is stored until the person chooses in the preview.
    pub fn read_xlsx(&self, file_name: &str, bytes: &[u8]) {
        let office = *self;
        let file_name = file_name.to_string();
        let bytes = bytes.to_vec();
        let job = Job::ReadXlsx {
            file_name: file_name.clone(),
        };
        self.doc.notices.info(self.doc.prefs.tu().reading_excel);
        leptos::task::spawn_local(async move {
            match office.run_job(&job, &bytes).await {
                Some((Done::Xlsx(import), _)) => {
                    office.doc.notices.clear();
                    office.xlsx_import.set(Some((file_name, *import)));
                    office.screen.set(Screen::XlsxImport);
                }
                Some((Done::Failed(e), _)) => {
                    office.xlsx_import.set(None);
                    let t = office.doc.prefs.tu();
                    office
                        .doc
                        .notices
                        .error(t.not_imported(&file_name, &t.job_error(&e)));
                }
                Some(_) | None => office.xlsx_import.set(None),
            }
        });
    }

    /// 创建新台账 from the workbook or table in the preview (read from `file_name`), named
    /// `name`: says so first, then writes the problems a step at a time (thousands of rows
    /// take seconds), saying how many are written after each step. A second click meanwhile
    /// does nothing.
    pub fn create_from_xlsx(&self, file_name: &str, import: import::xlsx::XlsxImport, name: &str) {
        if self.creating.get_untracked() {
            return;
        }
        self.creating.set(true);
        let office = *self;
        let (file_name, name) = (file_name.to_string(), name.to_string());
        self.doc
            .notices
            .info(self.doc.prefs.tu().creating_from_excel);
        after_a_frame(move || office.start_from_xlsx(file_name, import, &name));
    }

    fn start_from_xlsx(self, file_name: String, mut import: import::xlsx::XlsxImport, name: &str) {
        if !name.trim().is_empty() {
            import.ledger.meta.name = name.trim().to_string();
        }
        self.doc.flush();
        let author = self.doc.prefs.author();
        match import::xlsx::start_from_xlsx(&import, author.as_deref()) {
            Ok(filling) => self.fill_step(file_name, import, filling),
            Err(e) => self.creation_failed(&e),
        }
    }

    /// Write the next problems of a ledger being created, then show how far it got and go on
    /// once that is drawn; the last step commits and opens it.
    fn fill_step(self, file_name: String, import: import::xlsx::XlsxImport, mut filling: Filling) {
        let t = self.doc.prefs.tu();
        match filling.step(PROBLEMS_A_STEP) {
            Ok((done, of)) if done < of => {
                self.doc
                    .notices
                    .info(t.creating_from_excel_progress(done, of));
                after_a_frame(move || self.fill_step(file_name, import, filling));
            }
            Ok(_) => match filling.finish(platform::now()) {
                Ok(doc) => {
                    self.creating.set(false);
                    self.doc.library.open_new(self.doc, doc);
                    self.xlsx_import.set(None);
                    let r = &import.report;
                    self.doc.notices.info(t.created_from_excel(
                        &file_name,
                        &import.ledger.meta.name,
                        r.categories,
                        r.problems,
                        r.skipped.len(),
                    ));
                }
                Err(e) => self.creation_failed(&import::xlsx::creation_error(e)),
            },
            Err(e) => self.creation_failed(&import::xlsx::creation_error(e)),
        }
    }

    fn creation_failed(self, e: &import::xlsx::XlsxImportError) {
        self.creating.set(false);
        self.doc.notices.error(self.doc.prefs.tu().xlsx_error(e));
    }

    /// 添加到当前台账: add the workbook's (or table's) problems to the open ledger, in one
    /// change; says so first, and does it once that is drawn.
    pub fn add_xlsx_to_current(&self, file_name: &str, import: &import::xlsx::XlsxImport) {
        let office = *self;
        let (file_name, import) = (file_name.to_string(), import.clone());
        self.doc.notices.info(self.doc.prefs.tu().adding_from_excel);
        after_a_frame(move || office.add_xlsx_to_current_now(&file_name, &import));
    }

    fn add_xlsx_to_current_now(&self, file_name: &str, import: &import::xlsx::XlsxImport) {
        if let Some(added) = self.doc.edit(|d| import::xlsx::add_from_xlsx(d, import)) {
            self.xlsx_import.set(None);
            self.screen.set(Screen::Checklist);
            self.doc.notices.info(self.doc.prefs.tu().added_from_excel(
                file_name,
                added.problems,
                added.categories,
                added.rules,
                import.report.skipped.len(),
            ));
        }
    }
}

/// How many problems 创建新台账 writes between two frames: about a third of a second each in the
/// page at 500 characters a row (BENCHMARKS.md, "从 Excel 导入 of 2,000 rows").
const PROBLEMS_A_STEP: usize = 200;

/// Run `f` after the next frame is drawn (a notice set just before shows while `f` works).
fn after_a_frame(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}
