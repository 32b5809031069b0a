//! 导出 Excel: the ledger as a workbook — 整改台账 (one row per problem, lights coloured),
//! 统计 (the 进度 figures from `Progress::of`) and 建章立制 (rules, 待确认 marked).

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use rectify_core::import::xlsx::Field;
use rectify_core::ledger::progress::{segments, GroupRow, Progress};
use rectify_core::ledger::{light_of, Ledger, Light, Problem};

pub const LEDGER_SHEET: &str = "整改台账";
pub const STATS_SHEET: &str = "统计";
pub const RULES_SHEET: &str = "建章立制";

/// The number format of date cells.
const DATE_FORMAT: &str = "yyyy-mm-dd";

/// The light's fill in the 整改状态 and 预警 cells (the app's badge colours, light tints).
fn light_fill(light: Light) -> Color {
    match light {
        Light::Red => Color::RGB(0xF4_C7_C3),
        Light::Yellow => Color::RGB(0xFF_E9_A8),
        Light::Green => Color::RGB(0xCF_EB_D2),
    }
}

fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)
}

/// Excel holds at most this many characters in a cell.
const MAX_CELL_CHARS: usize = 32_767;
/// What replaces the end of a text too long for one cell.
const CUT_NOTE: &str = "……（超出 Excel 单元格 32767 字的上限，全文见整改台账程序）";

/// A text as one cell can hold it: cut, with a note saying so, beyond Excel's limit.
fn fit_cell(text: String) -> String {
    if text.chars().count() <= MAX_CELL_CHARS {
        return text;
    }
    let keep = MAX_CELL_CHARS - CUT_NOTE.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(CUT_NOTE);
    cut
}

/// The rule titles linked to a problem as the cell shows them: 《…》、《…》.
pub(super) fn rules_cell(ledger: &Ledger, problem: &Problem) -> String {
    ledger
        .rules_of(&problem.id)
        .map(|r| format!("《{}》", r.title.trim()))
        .collect::<Vec<_>>()
        .join("、")
}

/// Formats shared by the sheets.
struct Formats {
    title: Format,
    header: Format,
    text: Format,
    center: Format,
    date: Format,
    number: Format,
    percent: Format,
}

impl Formats {
    fn new() -> Formats {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            header: border(
                Format::new()
                    .set_bold()
                    .set_background_color(Color::RGB(0xD9_E1_F2))
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter)
                    .set_text_wrap(),
            ),
            text: border(Format::new().set_text_wrap().set_align(FormatAlign::Top)),
            center: border(
                Format::new()
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::Top)
                    .set_text_wrap(),
            ),
            date: border(
                Format::new()
                    .set_num_format(DATE_FORMAT)
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::Top),
            ),
            number: border(Format::new().set_align(FormatAlign::Center)),
            percent: border(
                Format::new()
                    .set_num_format("0.0%")
                    .set_align(FormatAlign::Center),
            ),
        }
    }

    fn light(&self, light: Light) -> Format {
        self.center.clone().set_background_color(light_fill(light))
    }
}

/// Column widths of the 整改台账 sheet (in characters), by field.
fn width(field: Field) -> f64 {
    match field {
        Field::Number => 6.0,
        Field::Category => 24.0,
        Field::Description | Field::Cause | Field::Measures | Field::Progress => 42.0,
        Field::Lead | Field::Owner => 10.0,
        Field::Departments => 16.0,
        Field::Deadline | Field::CompletedOn => 12.0,
        Field::Status | Field::Light => 10.0,
        Field::Evidence | Field::Rules => 28.0,
    }
}

/// The ledger as an .xlsx workbook. `today` decides the lights and the statistics (as the
/// 进度 view does); `now` (Unix seconds) is the workbook's creation time.
pub fn export_xlsx(ledger: &Ledger, today: NaiveDate, now: i64) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_timestamp(now.max(0))?;
    let name = ledger.display_name();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&name)
            .set_creation_datetime(&created),
    );

    let sheet = workbook.add_worksheet();
    sheet.set_name(LEDGER_SHEET)?;
    write_ledger_sheet(sheet, ledger, today, &formats)?;

    let sheet = workbook.add_worksheet();
    sheet.set_name(STATS_SHEET)?;
    write_stats_sheet(sheet, ledger, today, &formats)?;

    let sheet = workbook.add_worksheet();
    sheet.set_name(RULES_SHEET)?;
    write_rules_sheet(sheet, ledger, &formats)?;

    workbook.save_to_buffer()
}

fn write_ledger_sheet(
    sheet: &mut Worksheet,
    ledger: &Ledger,
    today: NaiveDate,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (col, field) in Field::EXPORTED.into_iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, field.label(), &f.header)?;
        sheet.set_column_width(col, width(field))?;
    }
    sheet.set_row_height(0, 24)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_print_fit_to_pages(1, 0);

    let category_title = |id: &str| {
        ledger
            .category(id)
            .map(|c| c.title.clone())
            .unwrap_or_else(|| rectify_core::ledger::progress::NO_CATEGORY.to_string())
    };
    for (i, p) in ledger.problems.iter().enumerate() {
        let row = i as u32 + 1;
        let light = light_of(p, today, ledger.meta.warn_days);
        for (col, field) in Field::EXPORTED.into_iter().enumerate() {
            let col = col as u16;
            let text = |s: &str| s.trim().to_string();
            let value = match field {
                Field::Number => {
                    sheet.write_number_with_format(row, col, (i + 1) as f64, &f.number)?;
                    continue;
                }
                Field::Deadline | Field::CompletedOn => {
                    let date = if field == Field::Deadline {
                        p.deadline
                    } else {
                        p.completed_on
                    };
                    match date {
                        Some(d) => {
                            sheet.write_date_with_format(row, col, excel_date(d)?, &f.date)?;
                        }
                        None => {
                            sheet.write_blank(row, col, &f.date)?;
                        }
                    }
                    continue;
                }
                Field::Status => {
                    sheet.write_string_with_format(row, col, p.status.label(), &f.light(light))?;
                    continue;
                }
                Field::Light => {
                    sheet.write_string_with_format(row, col, light.label(), &f.light(light))?;
                    continue;
                }
                Field::Category => category_title(&p.category_id),
                Field::Description => text(&p.description),
                Field::Cause => text(&p.cause),
                Field::Measures => text(&p.measures),
                Field::Lead => text(&p.lead),
                Field::Departments => p.departments.join("、"),
                Field::Owner => text(&p.owner),
                Field::Progress => text(&p.progress),
                Field::Evidence => text(&p.evidence),
                Field::Rules => rules_cell(ledger, p),
            };
            let format = if matches!(field, Field::Lead | Field::Owner | Field::Departments) {
                &f.center
            } else {
                &f.text
            };
            if value.is_empty() {
                sheet.write_blank(row, col, format)?;
            } else {
                sheet.write_string_with_format(row, col, fit_cell(value), format)?;
            }
        }
    }
    if !ledger.problems.is_empty() {
        sheet.autofilter(
            0,
            0,
            ledger.problems.len() as u32,
            Field::EXPORTED.len() as u16 - 1,
        )?;
    }
    Ok(())
}

/// The 统计 sheet: the 进度 view's figures, as numbers.
fn write_stats_sheet(
    sheet: &mut Worksheet,
    ledger: &Ledger,
    today: NaiveDate,
    f: &Formats,
) -> Result<(), XlsxError> {
    let progress = Progress::of(ledger, today);
    sheet.set_column_width(0, 30)?;
    for col in 1..=9 {
        sheet.set_column_width(col, 11)?;
    }
    sheet.write_string_with_format(
        0,
        0,
        format!("{} · 整改进度统计", ledger.display_name()),
        &f.title,
    )?;
    sheet.write_string(1, 0, "统计日期")?;
    sheet.write_date_with_format(1, 1, excel_date(today)?, &f.date)?;

    let mut row = 3;
    sheet.write_string_with_format(row, 0, "概况", &f.header)?;
    sheet.write_string_with_format(row, 1, "数值", &f.header)?;
    row += 1;
    let c = &progress.problems;
    let figures: [(&str, usize); 7] = [
        ("具体问题", c.total),
        ("已完成（含长期坚持）", c.finished()),
        ("反馈问题（类别）", progress.category_rate.whole),
        ("类别整改完毕", progress.category_rate.part),
        ("红灯", c.red),
        ("黄灯", c.yellow),
        ("绿灯", c.green),
    ];
    for (label, n) in figures {
        sheet.write_string_with_format(row, 0, label, &f.text)?;
        sheet.write_number_with_format(row, 1, n as f64, &f.number)?;
        row += 1;
    }
    for (label, rate) in [
        ("完成率", progress.rate),
        ("类别完成率", progress.category_rate),
    ] {
        sheet.write_string_with_format(row, 0, label, &f.text)?;
        write_rate(sheet, row, 1, rate, f)?;
        row += 1;
    }

    row += 1;
    sheet.write_string_with_format(row, 0, "按整改状态", &f.header)?;
    sheet.write_string_with_format(row, 1, "问题数", &f.header)?;
    row += 1;
    for segment in segments(&progress.problems) {
        sheet.write_string_with_format(row, 0, &segment.label, &f.text)?;
        sheet.write_number_with_format(row, 1, segment.count as f64, &f.number)?;
        row += 1;
    }

    for (title, groups) in [
        ("按类别", &progress.by_category),
        ("按责任部门", &progress.by_department),
    ] {
        row += 1;
        row = write_groups(sheet, row, title, groups, f)?;
    }
    Ok(())
}

/// The headers of a group table in the 统计 sheet (after the group's name).
pub const GROUP_COLUMNS: [&str; 9] = [
    "问题数",
    "未启动",
    "整改中",
    "已完成",
    "长期坚持",
    "其他状态",
    "完成率",
    "红灯",
    "黄灯",
];

fn write_groups(
    sheet: &mut Worksheet,
    mut row: u32,
    title: &str,
    groups: &[GroupRow],
    f: &Formats,
) -> Result<u32, XlsxError> {
    sheet.write_string_with_format(row, 0, title, &f.header)?;
    for (i, h) in GROUP_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(row, i as u16 + 1, *h, &f.header)?;
    }
    row += 1;
    for g in groups {
        let c = &g.counts;
        sheet.write_string_with_format(row, 0, &g.name, &f.text)?;
        let numbers = [
            c.total,
            c.not_started,
            c.in_progress,
            c.done,
            c.ongoing,
            c.other,
        ];
        for (i, n) in numbers.into_iter().enumerate() {
            sheet.write_number_with_format(row, i as u16 + 1, n as f64, &f.number)?;
        }
        write_rate(sheet, row, 7, g.rate, f)?;
        sheet.write_number_with_format(row, 8, c.red as f64, &f.number)?;
        sheet.write_number_with_format(row, 9, c.yellow as f64, &f.number)?;
        row += 1;
    }
    Ok(row)
}

/// A rate as a percentage cell, or "—" when there is nothing to divide by.
fn write_rate(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    rate: rectify_core::ledger::progress::Rate,
    f: &Formats,
) -> Result<(), XlsxError> {
    match rate.percent() {
        Some(p) => sheet.write_number_with_format(row, col, p / 100.0, &f.percent)?,
        None => sheet.write_string_with_format(row, col, "—", &f.number)?,
    };
    Ok(())
}

/// The headers of the 建章立制 sheet.
pub const RULE_COLUMNS: [&str; 6] = [
    "序号",
    "制度名称",
    "类型",
    "印发日期",
    "计入通报",
    "关联问题",
];

fn write_rules_sheet(sheet: &mut Worksheet, ledger: &Ledger, f: &Formats) -> Result<(), XlsxError> {
    for (col, (h, w)) in RULE_COLUMNS
        .iter()
        .zip([6.0, 50.0, 8.0, 12.0, 10.0, 16.0])
        .enumerate()
    {
        sheet.write_string_with_format(0, col as u16, *h, &f.header)?;
        sheet.set_column_width(col as u16, w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let pending = f
        .center
        .clone()
        .set_background_color(light_fill(Light::Yellow));
    for (i, r) in ledger.rules.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &f.number)?;
        sheet.write_string_with_format(row, 1, r.title.trim(), &f.text)?;
        sheet.write_string_with_format(row, 2, r.kind.label(), &f.center)?;
        match r.date {
            Some(d) => sheet.write_date_with_format(row, 3, excel_date(d)?, &f.date)?,
            None => sheet.write_blank(row, 3, &f.date)?,
        };
        if r.candidate {
            sheet.write_string_with_format(row, 4, "待确认", &pending)?;
        } else {
            sheet.write_string_with_format(row, 4, "已确认", &f.center)?;
        }
        let numbers: Vec<String> = r
            .problem_ids
            .iter()
            .filter_map(|id| ledger.number_of(id))
            .map(|n| n.to_string())
            .collect();
        sheet.write_string_with_format(row, 5, numbers.join("、"), &f.center)?;
    }
    Ok(())
}
