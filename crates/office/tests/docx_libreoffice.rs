//! The bulletin's .docx opened by another word processor: LibreOffice (headless) prints the
//! imported sample to PDF on A4, with the header, title and opening on page 1 and page numbers.

use std::path::{Path, PathBuf};
use std::process::Command;

use rectify_core::bulletin::bulletin;
use rectify_core::bulletin::layout::paginate;
use rectify_office::bulletin_text::parse_bulletin;
use rectify_office::docx::to_docx;

const SAMPLE: &str = include_str!("../../../tests/fixtures/bulletin-2022-06-30.txt");

fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?} did not start ({e}); run scripts/setup.sh"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn page_text(pdf: &Path, n: usize) -> String {
    run(Command::new("pdftotext")
        .args(["-layout", "-f", &n.to_string(), "-l", &n.to_string()])
        .arg(pdf)
        .arg("-"))
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The folio line of a page ("— N —") and how far in from the left it starts.
fn folio(text: &str) -> Option<(String, usize)> {
    text.lines().rev().find_map(|l| {
        let s = squeeze(l);
        (s.starts_with('—') && s.ends_with('—') && s.chars().count() <= 6)
            .then(|| (s, l.chars().take_while(|c| c.is_whitespace()).count()))
    })
}

#[test]
#[ignore = "needs LibreOffice and pdftotext: `bash scripts/test.sh` installs them and runs this"]
fn with_office_tools_libreoffice_prints_the_sample_on_a4_with_page_numbers() {
    let ledger = parse_bulletin(SAMPLE).expect("the sample parses").ledger;
    let b = bulletin(&ledger);
    let dir: PathBuf = std::env::temp_dir().join(format!("rectify-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let docx = dir.join("通报.docx");
    std::fs::write(&docx, to_docx(&b).unwrap()).unwrap();

    run(Command::new("soffice")
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&docx));
    let pdf = dir.join("通报.pdf");
    assert!(pdf.exists(), "LibreOffice wrote no PDF");

    // every page A4 (595 × 842 pt)
    let info = run(Command::new("pdfinfo")
        .args(["-f", "1", "-l", "999"])
        .arg(&pdf));
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count");
    let sizes: Vec<(f64, f64)> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let nums: Vec<f64> = l
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (nums[nums.len() - 2], nums[nums.len() - 1])
        })
        .collect();
    assert_eq!(sizes.len(), pages, "{info}");
    for (w, h) in &sizes {
        assert!(
            (w - 595.0).abs() <= 1.0 && (h - 842.0).abs() <= 1.0,
            "{w} × {h}"
        );
    }

    // page 1: the red header, the title (wrapped over two lines), the opening's first words
    let first = page_text(&pdf, 1);
    let flat = squeeze(&first);
    assert!(flat.contains(&squeeze(&ledger.meta.header)), "{first}");
    assert!(flat.contains(&squeeze(&ledger.meta.title)), "{first}");
    assert!(flat.contains("根据区委巡察工作的统一部署"), "{first}");

    // page numbers from the PAGE field: odd pages at the right, even at the left
    let (n1, indent1) = folio(&first).expect("a page number on page 1");
    let second = page_text(&pdf, 2);
    let (n2, indent2) = folio(&second).expect("a page number on page 2");
    assert_eq!(n1, "—1—");
    assert_eq!(n2, "—2—");
    assert!(indent1 > 20 && indent2 < 10, "{indent1} {indent2}");

    // as many pages as the print view, give or take one (font metrics differ)
    let print_pages = paginate(&b).len();
    eprintln!("LibreOffice: {pages} pages; print view: {print_pages}");
    assert!(pages.abs_diff(print_pages) <= 1, "{pages} vs {print_pages}");
    std::fs::remove_dir_all(&dir).ok();
}
