use super::*;
use rectify_core::backup::Reminder;
use rectify_core::document::{Damage, DocError, LimitError, ProblemField, ProblemText, Thing};
use rectify_core::file::envelope::ImportError;
use rectify_core::import::bulletin::{BulletinTextError, BulletinWarning, KeptIn, Marker};
use rectify_core::import::xlsx::{
    ColumnNote, Field, SkipReason, SkippedRow, XlsxImportError, XlsxNote,
};
use rectify_core::jobs::JobError;
use rectify_core::ledger::{CountingBasis, Light, Status};
use rectify_core::store::StoreError;

#[test]
fn every_key_has_chinese_and_english() {
    let zh = ZH.entries();
    let en = EN.entries();
    assert_eq!(zh.len(), en.len());
    for ((key, z), (_, e)) in zh.iter().zip(&en) {
        assert!(!z.trim().is_empty(), "{key}: no Chinese");
        assert!(!e.trim().is_empty(), "{key}: no English");
        // English has no Han characters nor CJK punctuation
        assert!(!has_han(e), "{key}: Chinese in the English text: {e}");
        assert!(
            !e.chars().any(is_full_width_punctuation),
            "{key}: full-width punctuation in the English text: {e}"
        );
    }
}

#[test]
fn chinese_is_what_the_ui_showed_before() {
    assert_eq!(ZH.tab_checklist, "台账");
    // the same as public/index.html's <title>, which shows before the app starts
    assert_eq!(ZH.page_title, "整改台账 · Rectify");
    assert_eq!(ZH.tab_progress, "进度");
    assert_eq!(ZH.add_problem, "添加问题");
    assert_eq!(ZH.export, "导出");
    assert_eq!(ZH.import_file, "导入台账文件");
    assert_eq!(ZH.fig_rate, "完成率");
    assert_eq!(
        ZH.warnings_heading(0, 0),
        "红灯、黄灯问题（红灯 0 个，黄灯 0 个）"
    );
    assert_eq!(ZH.category_number(3), "（三）");
    assert_eq!(ZH.status(&Status::Ongoing), "长期坚持");
    assert_eq!(ZH.short_field(ProblemField::Owner), "责任人");
    assert_eq!(ZH.light(Light::Red), "红灯");
    assert_eq!(
        ZH.import_error(&ImportError::NotALedgerFile),
        "这不是 Rectify 台账文件（台账文件以 .rectify 结尾，由本应用“导出”生成）。"
    );
    assert_eq!(ZH.days_left(-3), "逾期 3 天");
}

#[test]
fn english_speaks_english() {
    assert_eq!(EN.tab_checklist, "Checklist");
    assert_eq!(EN.status(&Status::NotStarted), "Not started");
    assert_eq!(EN.text_field(ProblemText::Cause), "Cause");
    assert_eq!(EN.days_left(-1), "1 day overdue");
    assert_eq!(EN.days_left(0), "due today");
    assert_eq!(EN.days_left(5), "5 days left");
    assert_eq!(EN.month_day(6, 30), "06-30");
    assert!(EN
        .import_error(&ImportError::NotALedgerFile)
        .starts_with("This is not a Rectify ledger file"));
    assert_eq!(
        EN.group_name(rectify_core::ledger::progress::NO_DEPARTMENT),
        "No department"
    );
    assert_eq!(EN.group_name("党政办公室"), "党政办公室");
    // an unknown status code from a newer build is shown as it is, in both languages
    assert_eq!(EN.status(&Status::from_code("paused")), "paused");
}

#[test]
fn languages_round_trip_through_their_codes() {
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), lang);
    }
    assert_eq!(Lang::from_code(""), Lang::Zh);
    assert_eq!(Lang::from_code("fr"), Lang::Zh);
    assert_eq!(Lang::default(), Lang::Zh);
}

/// Every error and warning the core and the readers hand over, with sample data.
fn every_message(t: &Texts) -> Vec<String> {
    let limits = [
        LimitError::FieldTooLong { bytes: 70_000 },
        LimitError::TooManyProblems { problems: 5001 },
    ];
    let damages = [
        Damage::NotALedger,
        Damage::Internal("x".into()),
        Damage::Checksum,
        Damage::Encoding,
        Damage::NoLedgerId,
        Damage::NoSchema,
        Damage::IncompleteMerge,
        Damage::PastVersion("x".into()),
        Damage::HeaderTooLong,
        Damage::HeaderUnreadable,
        Damage::BadLedgerId,
        Damage::TrailingBytes,
        Damage::HeaderOtherLedger,
        Damage::HeaderOtherSchema,
        Damage::NotBase64,
        Damage::BadChunk,
    ];
    let mut imports = vec![
        ImportError::Empty,
        ImportError::NotALedgerFile,
        ImportError::TooLarge(65),
        ImportError::Truncated,
        ImportError::NewerFormat(2),
    ];
    imports.extend(damages.iter().cloned().map(ImportError::Corrupt));
    imports.extend(limits.iter().cloned().map(ImportError::OverLimit));
    let mut out: Vec<String> = imports.iter().map(|e| t.import_error(e)).collect();
    out.extend(
        [
            StoreError::QuotaExceeded,
            StoreError::Unavailable,
            StoreError::Corrupt(ImportError::Corrupt(Damage::BadChunk)),
            StoreError::NotFound,
            StoreError::LargeUnavailable,
        ]
        .iter()
        .map(|e| t.store_error(e)),
    );
    let things = [
        Thing::Problem,
        Thing::Category,
        Thing::Rule,
        Thing::ProgressEntry,
        Thing::Change,
    ];
    let mut docs = vec![
        DocError::ReadOnly,
        DocError::Unreadable(Damage::Checksum),
        DocError::OverLimit(limits[0].clone()),
        DocError::BadWarnDays,
        DocError::BadDate("next month".into()),
        DocError::NothingToAdd,
        DocError::OtherLedger,
        DocError::NotFinished,
        DocError::NoReason,
    ];
    docs.extend(things.map(DocError::NotFound));
    out.extend(docs.iter().map(|e| t.doc_error(e)));
    let xlsx = [
        XlsxImportError::Empty,
        XlsxImportError::TooLarge { bytes: 11 << 20 },
        XlsxImportError::RectifyFile,
        XlsxImportError::OldExcel,
        XlsxImportError::WordDocument,
        XlsxImportError::Presentation,
        XlsxImportError::OpenDocument,
        XlsxImportError::Pdf,
        XlsxImportError::Image,
        XlsxImportError::NotWorkbook,
        XlsxImportError::NotExcel,
        XlsxImportError::Corrupt("zip".into()),
        XlsxImportError::Unpacked,
        XlsxImportError::TooManyRows {
            sheet: "Sheet1".into(),
            rows: 10_001,
        },
        XlsxImportError::NoHeader {
            sheets: vec!["Sheet1".into(), "Sheet2".into()],
        },
        XlsxImportError::NoProblems,
        XlsxImportError::OverLimit(limits[1].clone()),
    ];
    let bulletin = [
        BulletinTextError::Empty,
        BulletinTextError::TooLarge { bytes: 3 << 20 },
        BulletinTextError::NotUtf8,
        BulletinTextError::NotText,
        BulletinTextError::Image,
        BulletinTextError::Pdf,
        BulletinTextError::OldOffice,
        BulletinTextError::Workbook,
        BulletinTextError::RectifyFile,
        BulletinTextError::Damaged("x".into()),
        BulletinTextError::OverLimit(limits[0].clone()),
        BulletinTextError::NoStructure,
    ];
    let mut jobs = vec![
        JobError::Export("x".into()),
        JobError::IncompleteInput,
        JobError::UnknownJob("x".into()),
        JobError::UnknownAnswer("x".into()),
    ];
    jobs.extend(xlsx.iter().cloned().map(JobError::Xlsx));
    jobs.extend(bulletin.iter().cloned().map(JobError::Bulletin));
    out.extend(jobs.iter().map(|e| t.job_error(e)));
    out.extend(
        [Reminder::ManyChanges(23), Reminder::NotPersistent(2)]
            .iter()
            .map(|r| t.reminder(r)),
    );
    out.extend([
        t.column_target(None, None),
        t.column_target(None, Some(&ColumnNote::Light)),
        t.column_target(None, Some(&ColumnNote::Duplicate { of: "C".into() })),
        t.column_target(Some(Field::Owner), None),
        t.skipped_row(&SkippedRow {
            row: 8,
            reason: SkipReason::NoDescription,
        }),
        t.xlsx_note(&XlsxNote::NotADate {
            row: 5,
            field: Field::Deadline,
            text: "soon".into(),
        }),
        t.xlsx_note(&XlsxNote::StatusAssumed {
            row: 10,
            text: "closed".into(),
            status: Status::Done,
        }),
    ]);
    let warnings = [
        BulletinWarning::PageNumbers(vec!["- 1 -".into(), "- 2 -".into()]),
        BulletinWarning::ProblemNumberGap { after: 3, next: 5 },
        BulletinWarning::CategoryNumberGap { after: 1, next: 3 },
        BulletinWarning::CategoryWithoutProblems {
            category: "Meetings".into(),
            field: ProblemText::Progress,
        },
        BulletinWarning::NoProgress { number: 4 },
        BulletinWarning::ProblemCountDiffers {
            stated: 7,
            categories: 6,
            problems: 20,
        },
        BulletinWarning::DoneCountDiffers {
            stated: 5,
            basis: CountingBasis::Problem,
            found: 4,
        },
        BulletinWarning::RuleCountDiffers {
            stated: 9,
            counted: 8,
            candidates: 1,
        },
        BulletinWarning::CategoryCountDiffers {
            stated: 8,
            found: 7,
        },
        BulletinWarning::RoleTie {
            levels: vec![Marker::DigitParen, Marker::CnComma],
        },
        BulletinWarning::StatusesToReview(vec![2, 5]),
    ];
    out.extend(warnings.iter().map(|w| t.bulletin_warning(w)));
    let kept = [
        KeptIn::Opening,
        KeptIn::Deployment,
        KeptIn::NextSteps,
        KeptIn::CategoryTitle(2),
        KeptIn::Problem {
            number: 3,
            field: ProblemText::Description,
        },
        KeptIn::Contact,
    ];
    out.extend(kept.iter().map(|k| t.kept_in(k)));
    out.extend(Field::EXPORTED.map(|f| t.field_name(f).to_string()));
    out
}

/// CJK punctuation (、。《》「」…) and the full-width forms (，：（）！？…).
fn is_full_width_punctuation(c: char) -> bool {
    ('\u{3000}'..='\u{303f}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_message_is_said_in_english_without_chinese() {
    for message in every_message(&EN) {
        assert!(!message.trim().is_empty());
        assert!(
            !has_han(&message),
            "Chinese in an English message: {message}"
        );
        assert!(
            !message.chars().any(is_full_width_punctuation),
            "full-width punctuation in an English message: {message}"
        );
    }
}

#[test]
fn every_message_is_said_in_chinese() {
    for message in every_message(&ZH) {
        assert!(has_han(&message), "no Chinese in: {message}");
    }
}

#[test]
fn the_chinese_messages_are_worded_as_before() {
    // the browser tests match on some of these
    assert_eq!(
        ZH.job_error(&JobError::Xlsx(XlsxImportError::Image)),
        "这是图片文件，不是 Excel 文件。请选择 .xlsx 文件。"
    );
    assert_eq!(
        ZH.import_error(&ImportError::Corrupt(Damage::HeaderOtherLedger)),
        "文件已损坏，无法读取：文件头与内容不是同一本台账。"
    );
    assert_eq!(
        ZH.store_error(&StoreError::Corrupt(ImportError::Corrupt(Damage::Checksum))),
        "本地保存的台账已损坏，无法打开：文件已损坏，无法读取：数据校验失败，内容被改动或不完整"
    );
    assert_eq!(
        ZH.doc_error(&DocError::BadDate("下个月".into())),
        "“下个月”不是有效日期，请写成 2024-06-30"
    );
    assert_eq!(
        ZH.doc_error(&DocError::NotFound(Thing::Category)),
        "找不到问题类别（可能已被他人删除）"
    );
    assert!(ZH
        .limit_error(&LimitError::TooManyProblems { problems: 5001 })
        .contains("最多 5000 个问题"));
    assert!(ZH
        .limit_error(&LimitError::FieldTooLong { bytes: 70_000 })
        .contains("一个字段最多 64 KB"));
    assert!(ZH
        .bulletin_error(&BulletinTextError::NotUtf8)
        .contains("记事本"));
    assert!(ZH
        .bulletin_error(&BulletinTextError::Workbook)
        .contains("从 Excel 导入"));
    assert!(ZH
        .xlsx_error(&XlsxImportError::TooManyRows {
            sheet: "表".into(),
            rows: 10_001
        })
        .contains("超过 10000 行"));
    assert_eq!(
        ZH.skipped_row(&SkippedRow {
            row: 8,
            reason: SkipReason::NoDescription
        }),
        "第 8 行：没有问题表现"
    );
    assert_eq!(
        ZH.xlsx_note(&XlsxNote::StatusAssumed {
            row: 10,
            text: "已销号".into(),
            status: Status::Done
        }),
        "第 10 行：整改状态“已销号”按“已完成”导入"
    );
    assert_eq!(
        ZH.kept_in(&KeptIn::Problem {
            number: 1,
            field: ProblemText::Progress
        }),
        "第1项问题的整改情况"
    );
    assert_eq!(
        ZH.bulletin_warning(&BulletinWarning::PageNumbers(vec!["1".into(), "2".into()])),
        "忽略了2行页码：1、2"
    );
    let many = ZH.reminder(&Reminder::ManyChanges(23));
    assert!(
        many.contains("23 处修改") && many.contains("导出备份"),
        "{many}"
    );
    let risky = ZH.reminder(&Reminder::NotPersistent(2));
    assert!(
        risky.contains("2 处修改") && risky.contains("导出备份"),
        "{risky}"
    );
}

/// The history and conflicts say the core's typed places, authors, values and change notes in
/// English without a Han character (titles are content and given in ASCII here), and in
/// Chinese as the document's own messages and the UI said them before.
#[test]
fn history_words_in_both_languages() {
    use rectify_core::document::{
        Author, ChangeNote, ChangeNotes, Field as At, MetaField, PlaceName, ShownValue, Spot,
    };
    let place = |spot, field| PlaceName { spot, field };
    let mut places = vec![
        place(Spot::Meta, Some(At::Meta(MetaField::Opening))),
        place(Spot::Category(Some("A".into())), Some(At::Title)),
        place(Spot::Category(None), None),
        place(Spot::Rule("R".into()), Some(At::RuleCandidate)),
        place(Spot::ProblemInTrash, Some(At::Log)),
        place(Spot::ProblemGone, Some(At::Deleted)),
    ];
    for field in [
        At::Status,
        At::Departments,
        At::Position,
        At::Category,
        At::RuleKind,
        At::RuleDate,
    ] {
        places.push(place(Spot::Problem(3), Some(field)));
    }
    places.extend(ProblemText::ALL.map(|f| place(Spot::Problem(1), Some(At::Text(f)))));
    places.extend(ProblemField::ALL.map(|f| place(Spot::Problem(1), Some(At::Short(f)))));
    let notes: Vec<ChangeNote> = [
        "新建台账",
        "新增问题",
        "删除问题",
        "删除问题4",
        "恢复已删除的问题",
        "调整问题顺序",
        "移动问题到其他类别",
        "编辑整改措施",
        "修改责任人",
        "状态改为长期坚持",
        "修改责任部门",
        "新增进展记录",
        "删除进展记录",
        "新增问题类别“A”",
        "修改问题类别“A”",
        "调整问题类别顺序",
        "删除问题类别“A”",
        "新增建章立制《R》",
        "修改建章立制名称",
        "修改建章立制类型",
        "修改建章立制日期",
        "建章立制改为待确认",
        "确认建章立制",
        "关联建章立制",
        "取消关联建章立制",
        "删除建章立制",
        "修改台账信息",
        "恢复修改前的值",
        "处理冲突",
        "添加16个类别、2000个问题、3项建章立制",
    ]
    .map(ChangeNote::parse)
    .to_vec();
    assert!(
        !notes.iter().any(|n| matches!(n, ChangeNote::Other(_))),
        "{notes:?}"
    );
    let values = [
        ShownValue::Empty,
        ShownValue::Status(Status::Done),
        ShownValue::CountingBasis(CountingBasis::Problem),
        ShownValue::CountingBasis(CountingBasis::Category),
        ShownValue::Candidate(true),
        ShownValue::Candidate(false),
        ShownValue::Category(None),
        ShownValue::Verdict(Some(rectify_core::ledger::Verdict::Returned)),
        ShownValue::Verdict(None),
    ];
    let changed = |place: PlaceName, values| rectify_core::document::PlaceChange { place, values };
    let many = rectify_core::document::ChangeScope::of(
        (1..=8)
            .map(|n| changed(place(Spot::Problem(n), Some(At::Status)), None))
            .collect(),
    );
    let one = rectify_core::document::ChangeScope::of(vec![changed(
        place(Spot::Problem(3), Some(At::Status)),
        Some((
            ShownValue::Status(Status::NotStarted),
            ShownValue::Status(Status::Done),
        )),
    )]);
    let mut english = vec![
        EN.author(&Author::Unsigned("0a1b2c3d".into())),
        EN.change_scope(&many),
        EN.change_scope(&one),
        EN.edited_but_deleted(&["A".to_string()]),
    ];
    english.extend(places.iter().map(|p| EN.place(p)));
    english.extend(notes.iter().map(|n| EN.change_note(n)));
    english.extend(values.iter().map(|v| EN.shown_value(v)));
    for said in &english {
        assert!(
            !has_han(said) && !said.chars().any(is_full_width_punctuation),
            "{said}"
        );
    }
    // Chinese: as stored and as the UI said it before
    assert_eq!(
        ZH.author(&Author::Unsigned("0a1b2c3d".into())),
        "未署名(0a1b2c3d)"
    );
    assert_eq!(ZH.places(&places[..1]), "台账信息 · 开头段落");
    assert_eq!(
        ZH.place(&place(
            Spot::Problem(3),
            Some(At::Short(ProblemField::Owner))
        )),
        "第3项 · 责任人"
    );
    let did = ChangeNotes::parse("编辑原因分析；状态改为已完成 等6项");
    assert_eq!(ZH.change_notes(&did), "编辑原因分析；状态改为已完成 等6项");
    assert_eq!(
        EN.change_notes(&did),
        "Edited Cause; Status set to Done (6 in all)"
    );
    assert_eq!(ZH.shown_value(&ShownValue::Empty), "（空）");
    assert_eq!(ZH.change_scope(&many), "8 个问题");
    assert_eq!(ZH.change_scope(&one), "第3项 · 整改状态：未启动 → 已完成");
    assert_eq!(EN.change_scope(&one), "No. 3 · Status: Not started → Done");
}

/// A stored copy's damage is said with the ledger's name and its cause, never with the advice
/// meant for a received file; a recovery says from when, in the browser's time zone.
#[test]
fn a_stored_copy_is_named_with_its_cause_and_the_way_out() {
    use rectify_core::store::Recovery;
    let cut = StoreError::Corrupt(ImportError::Truncated);
    let zh = ZH.stored_ledger_error("区财政局台账", &cut);
    assert!(
        zh.contains("《区财政局台账》") && zh.contains("不完整") && zh.contains("下载存档"),
        "{zh}"
    );
    assert!(!zh.contains("索取"), "{zh}");
    let en = EN.stored_ledger_error("Audit", &cut);
    assert!(en.contains("“Audit”") && !has_han(&en), "{en}");
    let recovery = Recovery {
        cause: ImportError::Corrupt(Damage::Checksum),
        from_saved_at: Some(1_765_000_000),
        lost_saves: 2,
        lost_last_save: true,
    };
    let zh = ZH.recovered("台账", &recovery, 8 * 3600);
    assert!(
        zh.contains("2025-12-06 13:46") && zh.contains("2 次保存"),
        "{zh}"
    );
    let en = EN.recovered("Audit", &recovery, 0);
    assert!(en.contains("2025-12-06 05:46") && !has_han(&en), "{en}");
    for t in [&ZH, &EN] {
        let banner = t.damaged_banner("x", &cut);
        assert!(
            !banner.contains("newer") && !banner.contains("更新版本"),
            "{banner}"
        );
    }
}
