//! The Web Worker's jobs (crates/office/src/jobs.rs, messages in crates/core/src/jobs.rs) as the page and the worker exchange them: a job's JSON
//! and bytes in, the answer's JSON and bytes out, for every kind of job and for bad input.

#[path = "../../core/tests/common/mod.rs"]
mod common;
use common::*;

use rectify_core::document::{Damage, LedgerDoc, ProblemText};
use rectify_core::file::envelope::ImportError;
use rectify_core::file::example::create_example;
use rectify_core::import::bulletin::{Marker, Role};
use rectify_core::import::xlsx::XlsxImportError;
use rectify_core::jobs::{done_from_json, job_to_json, Done, Job, JobError};
use rectify_core::live::{Refusal, SyncEvent, SyncRequest, SyncState};
use rectify_office::jobs::{answer, run};

/// 从通报导入's read of a pasted text, with no roles chosen.
fn read_job() -> Job {
    Job::ReadBulletin {
        roles: vec![],
        for_levels: vec![],
        file_name: String::new(),
    }
}

/// What the page does: the job as JSON through the worker's `answer`, the reply read back.
fn through_worker(job: &Job, bytes: &[u8]) -> (Done, Vec<u8>) {
    let (reply, file) = answer(&job_to_json(job), bytes);
    (done_from_json(&reply), file)
}

#[test]
fn excel_made_in_the_worker_reads_back_in_the_worker() {
    let ledger = create_example(Some("张三"), T0).unwrap().read().unwrap();
    let job = Job::ExportXlsx {
        ledger: Box::new(ledger.clone()),
        today: day(2022, 6, 20),
        now: T0,
    };
    let (done, workbook) = through_worker(&job, &[]);
    assert_eq!(done, Done::File);
    assert_eq!(&workbook[..2], b"PK", "an .xlsx is a zip");
    // the same as made in the page would be
    assert_eq!(
        workbook,
        rectify_office::xlsx::export_xlsx(&ledger, day(2022, 6, 20), T0).unwrap()
    );

    let read = Job::ReadXlsx {
        file_name: "台账.xlsx".into(),
    };
    let (done, rest) = through_worker(&read, &workbook);
    assert!(rest.is_empty());
    let Done::Xlsx(import) = done else {
        panic!("not read: {done:?}")
    };
    assert_eq!(import.ledger.problems.len(), ledger.problems.len());
    assert_eq!(import.report.problems, ledger.problems.len());
    // the preview survives the trip as JSON unchanged
    assert_eq!(
        *import,
        rectify_office::xlsx::read_xlsx(&workbook, "台账.xlsx").unwrap()
    );
}

#[test]
fn a_foreign_file_picked_as_excel_gets_the_readers_message() {
    let read = Job::ReadXlsx {
        file_name: "照片.png".into(),
    };
    let (done, _) = through_worker(&read, b"\x89PNG\r\n\x1a\n0000");
    assert_eq!(done, Done::Failed(JobError::Xlsx(XlsxImportError::Image)));
}

#[test]
fn word_made_in_the_worker_is_the_pages_docx() {
    let ledger = create_example(Some("张三"), T0).unwrap().read().unwrap();
    let bulletin = rectify_core::bulletin::bulletin(&ledger);
    let (done, docx) = through_worker(
        &Job::Docx {
            bulletin: bulletin.clone(),
        },
        &[],
    );
    assert_eq!(done, Done::File);
    assert_eq!(docx, rectify_office::docx::to_docx(&bulletin).unwrap());
}

#[test]
fn the_trial_load_passes_a_good_file_and_refuses_bad_ones_with_the_reason() {
    let mut doc = create_example(Some("张三"), T0).unwrap();
    let file = rectify_core::file::encode(&mut doc, "示例台账", T0);
    assert_eq!(
        through_worker(&Job::CheckLedgerFile, &file).0,
        Done::LedgerFileOk
    );

    let half = &file[..file.len() / 2];
    assert_eq!(
        through_worker(&Job::CheckLedgerFile, half).0,
        Done::LedgerFileRefused(ImportError::Truncated)
    );
    assert_eq!(
        through_worker(&Job::CheckLedgerFile, b"").0,
        Done::LedgerFileRefused(ImportError::Empty)
    );
    let mut corrupt = file.clone();
    let n = corrupt.len();
    for b in &mut corrupt[n - 200..n - 8] {
        *b ^= 0x5a;
    }
    assert!(matches!(
        through_worker(&Job::CheckLedgerFile, &corrupt).0,
        Done::LedgerFileRefused(ImportError::Corrupt(_))
    ));
}

/// The page's side of a file import into the open ledger: the file and the page's change
/// hashes to the worker, its batch merged.
fn import_into(page: &mut LedgerDoc, file: &[u8]) -> (Done, Vec<u8>) {
    let job = Job::ChangesForCopy {
        ledger_id: page.ledger_id(),
        file_len: file.len(),
    };
    through_worker(&job, &[file, &page.change_hashes(T0)].concat())
}

#[test]
fn a_copy_of_the_open_ledger_comes_back_as_the_changes_the_page_lacks() {
    let mut here = create_example(Some("张三"), T0).unwrap();
    let mut there = here.fork(T0);
    there.set_author(Some("李四"));
    let ids = problem_ids(&here);
    here.set_problem_text(&ids[0], ProblemText::Measures, "这边的措施")
        .unwrap();
    there
        .set_problem_text(&ids[0], ProblemText::Measures, "那边的措施")
        .unwrap();
    there
        .add_progress_entry(&ids[1], Some(day(2022, 6, 1)), "李四", "已整改")
        .unwrap();
    let file = rectify_core::file::encode(&mut there, "示例台账", T0);

    let (Done::Changes { heads }, batch) = import_into(&mut here, &file) else {
        panic!("a copy of the open ledger gets its changes")
    };
    // what loading the file and merging it gives: the same report and ledger
    let mut loaded = here.copy();
    let by_file = loaded
        .merge(&mut rectify_core::file::decode(&file).unwrap().open(), T0)
        .unwrap();
    let by_batch = here.merge_changes(&batch, &heads, T0).unwrap();
    assert_eq!(by_batch, by_file);
    assert!(by_batch.new_changes > 0);
    assert_eq!(
        by_batch.authors,
        vec![rectify_core::document::Author::Named("李四".to_string())]
    );
    assert_eq!(by_batch.both_edited.len(), 1, "{:?}", by_batch.both_edited);
    assert_eq!(here.read().unwrap(), loaded.read().unwrap());
    // the same file again: nothing the page lacks
    let (Done::Changes { heads }, batch) = import_into(&mut here, &file) else {
        panic!()
    };
    assert!(batch.is_empty());
    assert_eq!(
        here.merge_changes(&batch, &heads, T0).unwrap().new_changes,
        0
    );
}

#[test]
fn another_ledger_a_bad_file_or_a_copy_the_page_lacks_most_of_is_not_answered_with_changes() {
    let mut here = create_example(Some("张三"), T0).unwrap();
    // another ledger: checked, left to the page to plan (open as new, merge into that one)
    let mut other = create_example(Some("李四"), T0).unwrap();
    let file = rectify_core::file::encode(&mut other, "另一本台账", T0);
    assert_eq!(import_into(&mut here, &file).0, Done::LedgerFileOk);
    // a copy of this ledger cut short: refused as the trial load refuses it
    let file = rectify_core::file::encode(&mut here.fork(T0), "示例台账", T0);
    assert_eq!(
        import_into(&mut here, &file[..file.len() / 2]).0,
        Done::LedgerFileRefused(ImportError::Truncated)
    );
    // a copy the page lacks most of (here, a new ledger that a colleague has worked on since):
    // a batch would rebuild nearly all of it, so the page merges the file whole
    let mut fresh = create_example(Some("张三"), T0).unwrap();
    let mut worked_on = fresh.fork(T0);
    for (i, id) in problem_ids(&fresh).iter().take(3).enumerate() {
        worked_on
            .set_problem_text(id, ProblemText::Measures, &format!("措施{i}"))
            .unwrap();
        worked_on.commit(T0 + i as i64 + 1);
    }
    let file = rectify_core::file::encode(&mut worked_on, "示例台账", T0);
    assert_eq!(import_into(&mut fresh, &file).0, Done::LedgerFileOk);
    // a message whose bytes are shorter than the file it announces
    let job = Job::ChangesForCopy {
        ledger_id: here.ledger_id(),
        file_len: file.len() + 1,
    };
    assert_eq!(
        through_worker(&job, &file).0,
        Done::Failed(JobError::IncompleteInput)
    );
}

#[test]
fn a_message_from_another_version_is_answered_not_misread() {
    let (reply, file) = answer(r#"{"Sing":{"song":"东方红"}}"#, b"");
    assert!(file.is_empty());
    let Done::Failed(why) = done_from_json(&reply) else {
        panic!("{reply}")
    };
    assert!(matches!(why, JobError::UnknownJob(_)), "{why:?}");
    let Done::Failed(why) = done_from_json("{\"Unheard\":1}") else {
        panic!()
    };
    assert!(matches!(why, JobError::UnknownAnswer(_)), "{why:?}");
    // and the plain function is what the message runs
    assert_eq!(
        run(Job::CheckLedgerFile, b"").0,
        Done::LedgerFileRefused(ImportError::Empty)
    );
}

#[test]
fn a_bulletin_text_is_read_in_the_worker_as_in_the_page() {
    const SAMPLE: &str = include_str!("../../../tests/fixtures/bulletin-2022-06-30.txt");
    let (done, rest) = through_worker(&read_job(), SAMPLE.as_bytes());
    assert!(rest.is_empty());
    let expected = rectify_office::bulletin_text::parse_bulletin(SAMPLE).unwrap();
    assert_eq!(done, Done::Bulletin(Box::new(expected.clone())));
    // and the page makes the same ledger of it as of the text itself
    let Done::Bulletin(import) = done else {
        unreachable!()
    };
    let made = rectify_core::import::bulletin::create_from_import(&import, Some("张三"), T0);
    let (direct, _) =
        rectify_office::bulletin_text::create_from_bulletin(SAMPLE, Some("张三"), T0).unwrap();
    let (made, direct) = (made.read().unwrap(), direct.read().unwrap());
    assert_eq!(made.problems.len(), 20);
    // (ids are fresh in each document)
    assert_eq!(made.meta, direct.meta);
    let texts = |l: &rectify_core::ledger::Ledger| {
        (
            l.categories
                .iter()
                .map(|c| c.title.clone())
                .collect::<Vec<_>>(),
            l.problems
                .iter()
                .map(|p| (p.description.clone(), p.measures.clone(), p.status.clone()))
                .collect::<Vec<_>>(),
            l.rules.iter().map(|r| r.title.clone()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(texts(&made), texts(&direct));

    // what is not a bulletin is said in the words the page said it in
    for (bytes, error) in [
        (
            &b"   "[..],
            rectify_core::import::bulletin::BulletinTextError::Empty,
        ),
        (
            &[0xb9, 0xd8, 0xd3, 0xda][..],
            rectify_core::import::bulletin::BulletinTextError::NotUtf8,
        ),
    ] {
        assert_eq!(
            through_worker(&read_job(), bytes),
            (Done::Failed(JobError::Bulletin(error)), Vec::new())
        );
    }
}

/// An old page can meet a new worker (the service worker of a new version serves the
/// worker's files to a page that has not been reloaded): the worker's `{ready: PROTOCOL}` is
/// how the page tells. So the messages' shape is pinned to the protocol number here: when
/// this fails, bump `jobs::PROTOCOL` and put the new number and digest below.
#[test]
fn the_message_format_is_pinned_to_its_protocol_number() {
    let mut doc = create_example(Some("张三"), T0).unwrap();
    let first = doc.read().unwrap().problems[0].id.clone();
    doc.add_progress_entry(&first, Some(day(2022, 6, 1)), "张三", "已整改")
        .unwrap();
    let ledger = doc.read().unwrap();
    let workbook = rectify_office::xlsx::export_xlsx(&ledger, day(2022, 6, 20), T0).unwrap();
    let import = rectify_office::xlsx::read_xlsx(&workbook, "台账.xlsx").unwrap();
    let messages = [
        job_to_json(&Job::ExportXlsx {
            ledger: Box::new(ledger.clone()),
            today: day(2022, 6, 20),
            now: T0,
        }),
        job_to_json(&Job::Docx {
            bulletin: rectify_core::bulletin::bulletin(&ledger),
        }),
        job_to_json(&Job::ReadXlsx {
            file_name: "a.xlsx".into(),
        }),
        job_to_json(&Job::ReadBulletin {
            roles: vec![(Marker::Digit, Role::Problem)],
            for_levels: vec![Marker::CnComma, Marker::Digit],
            file_name: "a.docx".into(),
        }),
        job_to_json(&Job::ReadTextFile {
            file_name: "a.txt".into(),
        }),
        serde_json::to_string(&Done::Text("x".into())).unwrap(),
        job_to_json(&Job::CheckLedgerFile),
        job_to_json(&Job::ChangesForCopy {
            ledger_id: "x".into(),
            file_len: 1,
        }),
        serde_json::to_string(&Done::Changes {
            heads: vec!["x".into()],
        })
        .unwrap(),
        serde_json::to_string(&Done::Xlsx(Box::new(import))).unwrap(),
        serde_json::to_string(&Done::Bulletin(Box::new(
            rectify_office::bulletin_text::parse_bulletin(include_str!(
                "../../../tests/fixtures/bulletin-2022-06-30.txt"
            ))
            .unwrap(),
        )))
        .unwrap(),
        serde_json::to_string(&Done::LedgerFileRefused(ImportError::Corrupt(
            Damage::Internal("x".into()),
        )))
        .unwrap(),
        serde_json::to_string(&Done::Failed(JobError::UnknownJob("x".into()))).unwrap(),
        // live sync's messages ride the same worker
        serde_json::to_string(&SyncRequest::Start {
            ledger_id: "x".into(),
            server: "ws://s".into(),
        })
        .unwrap(),
        serde_json::to_string(&SyncRequest::Local {
            heads: vec!["x".into()],
        })
        .unwrap(),
        serde_json::to_string(&SyncRequest::Took {
            heads: vec!["x".into()],
        })
        .unwrap(),
        serde_json::to_string(&SyncRequest::Stop).unwrap(),
        serde_json::to_string(&SyncEvent::State {
            state: SyncState::Offline {
                reason: "x".into(),
                retry_ms: 1,
            },
            at: 1,
        })
        .unwrap(),
        serde_json::to_string(&SyncEvent::State {
            state: SyncState::Failed(Refusal::NewerSchema(2)),
            at: 1,
        })
        .unwrap(),
        serde_json::to_string(&SyncEvent::Changes {
            heads: vec!["x".into()],
        })
        .unwrap(),
        serde_json::to_string(&SyncEvent::Whole).unwrap(),
        serde_json::to_string(&SyncEvent::InStep { at: 1 }).unwrap(),
    ];
    let shapes: Vec<String> = messages
        .iter()
        .map(|m| shape(&serde_json::from_str(m).unwrap()).to_string())
        .collect();
    let digest = shape_digest(&shapes);
    let pinned = [
        (1, "b0b9810d9e29b83f"),
        (2, "6d44a9f0eea34314"),
        (3, "3403785c81f3e2e1"),
        (4, "906476c157e79f78"),
        (5, "341b09b4be062c93"),
        (6, "ef573d118641385c"),
        (7, "ac877f0d373d01cd"),
        (8, "d86fcce7096f0f24"),
    ];
    let (protocol, expected) = pinned[pinned.len() - 1];
    assert_eq!(
        (rectify_office::jobs::PROTOCOL, digest.as_str()),
        (protocol, expected),
        "the worker's messages changed shape: bump jobs::PROTOCOL and pin ({}, \"{digest}\")\n{}",
        rectify_office::jobs::PROTOCOL + 1,
        shapes.join("\n")
    );
}
