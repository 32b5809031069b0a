//! Importing a colleague's `.rectify` file, the whole flow in this file:
//! 1. [`Imports::import_bytes`]: the header says which ledger; the worker checks the file
//!    (a crafted file stops the worker, not the page) and, for a copy of the open ledger,
//!    answers with just the changes this page lacks ([`Checked`]);
//! 2. such a batch is merged into the open ledger at once; any other file is planned by the
//!    store (`rectify_core::store::ImportPlan`: merge into the open ledger, into another one
//!    this browser keeps, open as new, or view read-only when written with a newer schema);
//! 3. where the plan needs the person, they are asked ([`PendingImport`], the dialog);
//! 4. the plan is applied through the document (`LedgerDoc::merge`) and saved through the
//!    store (`OpenDoc::save_now`, `LedgerStore::store_file`).

use leptos::prelude::*;

use super::{store, OpenDoc};
use crate::platform;
use crate::platform::worker::WorkerError;
use rectify_core::document::{Damage, MergeReport};
use rectify_core::file::envelope;
use rectify_core::jobs::{Done, Job};
use rectify_core::store::{plan_checked_import, plan_import, ImportPlan};

/// An import that waits for the person's decision (the file itself waits beside it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingImport {
    MergeIntoOther {
        name: String,
    },
    OpenAsNew {
        name: String,
    },
    /// written by a newer version: only ever shown read-only
    OpenNewer {
        name: String,
        schema: u64,
    },
}

/// What the worker found in a file with a ledger file's header.
enum Checked {
    /// not to be imported, and why
    Refused(envelope::ImportError),
    /// a copy of the open ledger: just the changes it lacks (one batch) and the file's heads
    Changes { batch: Vec<u8>, heads: Vec<String> },
    /// loaded whole in the worker: the page need not read it whole again
    Loaded,
    /// the worker could not check it (it did not start): the page reads it whole
    Unchecked,
}

impl Checked {
    /// The worker's answer; a worker that crashed or ran out of time on the file refuses it.
    fn from_answer(answer: Result<(Done, Vec<u8>), WorkerError>) -> Checked {
        match answer {
            Ok((Done::LedgerFileRefused(e), _)) => Checked::Refused(e),
            Err(WorkerError::Crashed) => {
                Checked::Refused(envelope::ImportError::Corrupt(Damage::ReaderStopped))
            }
            Err(WorkerError::TimedOut) => {
                Checked::Refused(envelope::ImportError::Corrupt(Damage::ReaderTimedOut))
            }
            Ok((Done::Changes { heads }, batch)) => Checked::Changes { batch, heads },
            Ok((Done::LedgerFileOk, _)) => Checked::Loaded,
            Ok(_) | Err(WorkerError::Unavailable(_)) => Checked::Unchecked,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Imports {
    /// the decision asked for, shown as a dialog
    pub pending: RwSignal<Option<PendingImport>>,
    /// the file waiting in the [`PendingImport`] decision
    pending_file: StoredValue<Option<envelope::LedgerFile>, LocalStorage>,
    /// the open ledger, and through it the notices, settings and library
    doc: OpenDoc,
}

impl Imports {
    pub fn new(doc: OpenDoc) -> Imports {
        Imports {
            pending: RwSignal::new(None),
            pending_file: StoredValue::new_local(None),
            doc,
        }
    }

    /// A file was picked or dropped: check it, then merge, ask, or refuse with a message.
    ///
    /// A file that looks like a ledger file is first loaded in the worker: a crafted document
    /// that makes Automerge panic stops the worker, not the page (a wasm trap cannot be
    /// caught here), and a huge old file without the problem count in its header is refused
    /// there while the page stays usable. When the worker cannot start, the page checks it.
    pub fn import_bytes(&self, file_name: &str, bytes: Vec<u8>) {
        let Ok((header, _)) = envelope::read_header(&bytes) else {
            // not a ledger file at all: the page's own check says which refusal it is
            return self.import_checked(file_name, bytes, false);
        };
        let imports = *self;
        let file_name = file_name.to_string();
        self.doc.notices.info(self.doc.prefs.tu().checking_file);
        // a copy of the open ledger: the worker also answers with just the changes this page
        // lacks, so the page never loads the file (at 2,000 problems the load is most of an
        // import's time)
        let hashes = if self.doc.current_id() == Some(header.ledger_id.clone()) {
            self.doc.flush();
            let now = platform::now();
            self.doc
                .with_doc(|d| {
                    d.as_mut()
                        .filter(|d| !d.is_read_only())
                        .map(|d| d.change_hashes(now))
                })
                .flatten()
        } else {
            None
        };
        leptos::task::spawn_local(async move {
            let answer = match hashes {
                Some(hashes) => {
                    let job = Job::ChangesForCopy {
                        ledger_id: header.ledger_id.clone(),
                        file_len: bytes.len(),
                    };
                    platform::worker::run(&job, &[bytes.as_slice(), &hashes].concat()).await
                }
                None => platform::worker::run(&Job::CheckLedgerFile, &bytes).await,
            };
            let checked = Checked::from_answer(answer);
            if !matches!(checked, Checked::Refused(_)) {
                imports.doc.notices.clear();
            }
            imports.go_on(&file_name, &header.ledger_id, bytes, checked);
        });
    }

    /// After the worker's check of a ledger file (`ledger_id` in its header): refuse it,
    /// merge the worker's batch, or plan the import.
    fn go_on(&self, file_name: &str, ledger_id: &str, bytes: Vec<u8>, checked: Checked) {
        match checked {
            Checked::Refused(e) => {
                let t = self.doc.prefs.tu();
                self.doc
                    .notices
                    .error(t.not_imported(file_name, &t.import_error(&e)))
            }
            Checked::Changes { batch, heads }
                if self.doc.current_id().as_deref() == Some(ledger_id) =>
            {
                self.merge_batch(file_name, bytes, &batch, &heads)
            }
            Checked::Changes { .. } | Checked::Loaded => {
                self.import_checked(file_name, bytes, true)
            }
            Checked::Unchecked => self.import_checked(file_name, bytes, false),
        }
    }

    /// Merge the worker's batch of a checked file's changes (what the open ledger lacks) into
    /// the open ledger. Should the batch not apply, the page loads the file itself as before.
    fn merge_batch(&self, file_name: &str, bytes: Vec<u8>, batch: &[u8], heads: &[String]) {
        self.doc.flush();
        let now = platform::now();
        let report = self
            .doc
            .with_doc(|d| d.as_mut().map(|d| d.merge_changes(batch, heads, now)))
            .flatten();
        match report {
            Some(Ok(report)) => self.merged(file_name, report),
            _ => self.import_checked(file_name, bytes, true),
        }
    }

    /// Say what a merge of a file into the open ledger brought, and keep it.
    fn merged(&self, file_name: &str, report: MergeReport) {
        let t = self.doc.prefs.tu();
        if report.new_changes == 0 {
            return self.doc.notices.info(t.nothing_new(file_name));
        }
        self.doc.refresh();
        self.doc.save_now();
        let mut said = t.merged_file(
            file_name,
            report.new_changes,
            &t.authors(&report.authors),
            &t.places(&report.both_edited),
        );
        self.doc.say_merged(&mut said, &report);
    }

    /// Plan the import of a file the worker loaded (or that is no ledger file at all), and
    /// carry the plan out. `in_worker`: the worker checked these bytes completely, so the
    /// page does not read them whole again.
    fn import_checked(&self, file_name: &str, bytes: Vec<u8>, in_worker: bool) {
        self.doc.flush();
        let current = self.doc.current_id();
        let plan = if in_worker {
            plan_checked_import(&store(), current.as_deref(), &bytes)
        } else {
            plan_import(&store(), current.as_deref(), &bytes)
        };
        match plan {
            Err(e) => {
                let t = self.doc.prefs.tu();
                self.doc
                    .notices
                    .error(t.not_imported(file_name, &t.import_error(&e)))
            }
            Ok(plan) => self.apply(file_name, plan),
        }
    }

    /// Carry out an import plan: merge into the open ledger, ask the person, or show a file
    /// of a newer schema read-only (stored first when this browser does not keep it).
    fn apply(&self, file_name: &str, plan: ImportPlan) {
        match plan {
            ImportPlan::MergeIntoCurrent(file) => {
                let now = platform::now();
                let report = self
                    .doc
                    .with_doc(|d| d.as_mut().map(|d| d.merge(&mut file.into_doc(), now)));
                match report.flatten() {
                    Some(Ok(r)) => self.merged(file_name, r),
                    Some(Err(e)) => {
                        let t = self.doc.prefs.tu();
                        self.doc
                            .notices
                            .error(t.not_imported(file_name, &t.doc_error(&e)))
                    }
                    None => {}
                }
            }
            ImportPlan::MergeIntoOther { file, name } => {
                self.ask(PendingImport::MergeIntoOther { name }, file)
            }
            ImportPlan::OpenAsNew(file) => {
                let name = file.name();
                self.ask(PendingImport::OpenAsNew { name }, file)
            }
            ImportPlan::ViewReadOnly(file) => {
                if store().contains(&file.header.ledger_id) {
                    // added before, when the person said so
                    return self.doc.show(file.into_doc());
                }
                let (name, schema) = (file.name(), file.header.schema);
                self.ask(PendingImport::OpenNewer { name, schema }, file)
            }
        }
    }

    /// Ask the person (the dialog in `ui/mod.rs`), keeping the file until they answer.
    fn ask(&self, decision: PendingImport, file: envelope::LedgerFile) {
        self.pending_file.set_value(Some(file));
        self.pending.set(Some(decision));
    }

    /// The person accepted the [`PendingImport`].
    pub fn accept(&self) {
        let Some(pending) = self.pending.get_untracked() else {
            return;
        };
        let Some(file) = self.pending_file.try_update_value(|f| f.take()).flatten() else {
            return;
        };
        self.pending.set(None);
        let t = self.doc.prefs.tu();
        let id = file.header.ledger_id.clone();
        match pending {
            PendingImport::OpenAsNew { name } => {
                if self.add_and_show(file) {
                    self.doc.notices.info(t.opened_as_new(&name));
                }
            }
            // shown with the read-only message `show` gives
            PendingImport::OpenNewer { .. } => {
                self.add_and_show(file);
            }
            PendingImport::MergeIntoOther { name } => {
                self.doc.library.open(self.doc, &id);
                if self.doc.current_id().as_deref() == Some(id.as_str()) {
                    let now = platform::now();
                    let report = self
                        .doc
                        .with_doc(|d| d.as_mut().map(|d| d.merge(&mut file.into_doc(), now)));
                    if let Some(Some(Ok(r))) = report {
                        self.doc.refresh();
                        self.doc.save_now();
                        self.doc
                            .notices
                            .info(t.switched_and_merged(&name, r.new_changes));
                    }
                }
            }
        }
    }

    /// Store another ledger's checked file as a ledger of this browser and show it; false
    /// (and said) when it could not be stored.
    fn add_and_show(&self, mut file: envelope::LedgerFile) -> bool {
        self.doc.flush();
        if let Err(e) = store().store_file(&mut file, platform::now()) {
            self.doc.notices.error(self.doc.prefs.tu().store_error(&e));
            return false;
        }
        // the file's document is already loaded: show it rather than load it again
        self.doc.show(file.into_doc());
        self.doc.library.reload();
        true
    }

    pub fn cancel(&self) {
        self.pending.set(None);
        self.pending_file.set_value(None);
        self.doc.notices.info(self.doc.prefs.tu().import_cancelled);
    }
}
