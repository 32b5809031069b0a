//! The text of a Word document's body (word/document.xml), in order: each paragraph a line,
//! each table row a line of tab-separated cells, quoted as Excel quotes a copied cell when it
//! holds a line break, a tab or a quote, so 从通报导入 reads a table as a pasted one. A cell
//! merged down (w:vMerge) is empty below its first row, as a category cell pasted from
//! Excel; a cell spanning columns (w:gridSpan) is followed by empty cells to keep the columns.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use rectify_core::import::bulletin::BulletinTextError;

/// A table row being read: its cells so far, the cell being read, how many cells (w:tc).
#[derive(Default)]
struct Row {
    cells: Vec<String>,
    cell: String,
    count: usize,
}

/// What is being read: the lines so far, and the table rows and cells open.
#[derive(Default)]
struct Body {
    out: String,
    /// the paragraph being read
    para: String,
    /// open tables, innermost last: each the row being read
    tables: Vec<Row>,
    /// inside w:t (text), w:instrText or w:delText (not shown), mc:Fallback (a duplicate)
    in_text: bool,
    hidden: usize,
}

impl Body {
    fn start(&mut self, e: &BytesStart, empty: bool) {
        match e.local_name().as_ref() {
            b"t" if !empty => self.in_text = true,
            b"tab" if self.hidden == 0 => self.para.push(' '),
            b"br" | b"cr" if self.hidden == 0 => self.para.push('\n'),
            b"Fallback" | b"instrText" | b"delText" if !empty => self.hidden += 1,
            b"tbl" if !empty => self.tables.push(Default::default()),
            b"tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    *t = Default::default();
                }
            }
            b"gridSpan" => {
                let span = e
                    .try_get_attribute("w:val")
                    .ok()
                    .flatten()
                    .and_then(|a| String::from_utf8_lossy(&a.value).parse::<usize>().ok())
                    .unwrap_or(1);
                if let Some(Row { cells, .. }) = self.tables.last_mut() {
                    // the empty cells after this one, pushed when the cell ends
                    cells.extend(std::iter::repeat_n(SPAN.to_string(), span.clamp(1, 64) - 1));
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"t" => self.in_text = false,
            b"Fallback" | b"instrText" | b"delText" => self.hidden = self.hidden.saturating_sub(1),
            b"p" => self.end_paragraph(),
            b"tc" => self.end_cell(),
            b"tr" => self.end_row(),
            b"tbl" => {
                self.tables.pop();
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_text && self.hidden == 0 {
            self.para.push_str(text);
        }
    }

    fn end_paragraph(&mut self) {
        let para = std::mem::take(&mut self.para);
        match self.tables.last_mut() {
            Some(Row { cell, .. }) => {
                if !cell.is_empty() {
                    cell.push('\n');
                }
                cell.push_str(&para);
            }
            None => {
                self.out.push_str(&para);
                self.out.push('\n');
            }
        }
    }

    fn end_cell(&mut self) {
        if let Some(Row { cells, cell, count }) = self.tables.last_mut() {
            *count += 1;
            let cell = std::mem::take(cell);
            // a span's empty cells were pushed at its start: this cell goes before them
            let spans = cells.iter().rev().take_while(|c| *c == SPAN).count();
            let at = cells.len() - spans;
            cells.insert(at, cell);
            for c in &mut cells[at + 1..] {
                c.clear();
            }
        }
    }

    fn end_row(&mut self) {
        let Some(Row { cells, count, .. }) = self.tables.pop() else {
            return;
        };
        // a row of one cell merged across (a category's row) stays one cell, without tabs
        let cells = if count == 1 { &cells[..1] } else { &cells[..] };
        let line = cells
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join("\t");
        match self.tables.last_mut() {
            // a table inside a cell: its rows are the outer cell's lines
            Some(Row { cell, .. }) => {
                if !cell.is_empty() {
                    cell.push('\n');
                }
                cell.push_str(&line.replace('\t', " "));
            }
            None => {
                self.out.push_str(&line);
                self.out.push('\n');
            }
        }
        self.tables.push(Default::default());
    }
}

/// Marks the empty cells a spanning cell stands for until the cell ends.
const SPAN: &str = "\u{0}span";

/// A cell as Excel puts it on the clipboard: quoted when it holds a line break, tab or quote.
fn quoted(cell: &str) -> String {
    let cell = cell.trim();
    if cell.contains(['\n', '\t', '"']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// The body text of word/document.xml.
pub fn docx_text(xml: &str) -> Result<String, BulletinTextError> {
    let mut reader = Reader::from_str(xml);
    let mut body = Body::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| BulletinTextError::Damaged(e.to_string()))?;
        match event {
            Event::Start(e) => body.start(&e, false),
            Event::Empty(e) => body.start(&e, true),
            Event::End(e) => body.end(e.local_name().as_ref()),
            Event::Text(t) => body.text(&t.decode().unwrap_or_default()),
            Event::CData(t) => body.text(&t.decode().unwrap_or_default()),
            Event::GeneralRef(r) => {
                let name = r.decode().unwrap_or_default();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&name)
                        .unwrap_or_default()
                        .to_string(),
                };
                body.text(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(body.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn tc(inner: &str) -> String {
        format!("<w:tc><w:tcPr/>{inner}</w:tc>")
    }

    #[test]
    fn paragraphs_in_order_and_runs_joined() {
        let xml = doc(&format!(
            "{}<w:p><w:r><w:t>一、关于</w:t></w:r><w:r><w:t>&quot;四风&quot;&amp;问题</w:t></w:r></w:p><w:p><w:r><w:delText>删去</w:delText><w:t>甲</w:t><w:br/><w:t>乙&#x4E19;</w:t></w:r></w:p>",
            p("标题")
        ));
        assert_eq!(
            docx_text(&xml).unwrap(),
            "标题\n一、关于\"四风\"&问题\n甲\n乙丙\n"
        );
    }

    #[test]
    fn tables_become_tab_separated_rows() {
        let merged_first = "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>党建方面</w:t></w:r></w:p></w:tc>";
        let merged_on = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>";
        let wide = "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>宽</w:t></w:r></w:p></w:tc>";
        let across = "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr><w:p><w:r><w:t>二、作风方面</w:t></w:r></w:p></w:tc></w:tr>";
        let xml = doc(&format!(
            "{}<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{merged_first}{}{}</w:tr><w:tr>{merged_on}{}{}</w:tr><w:tr>{wide}{}</w:tr>{across}</w:tbl>{}",
            p("台账"),
            tc(&p("问题类别")),
            tc(&p("问题表现")),
            tc(&p("整改措施")),
            tc(&p("台账不全")),
            tc(&format!("{}{}", p("一是建账"), p("二是\"清单\""))),
            tc(&p("记录缺失")),
            tc(&p("补记")),
            tc(&p("末")),
            p("附注")
        ));
        assert_eq!(
            docx_text(&xml).unwrap(),
            "台账\n问题类别\t问题表现\t整改措施\n党建方面\t台账不全\t\"一是建账\n二是\"\"清单\"\"\"\n\t记录缺失\t补记\n宽\t\t末\n二、作风方面\n附注\n"
        );
    }

    #[test]
    fn broken_xml_is_damaged() {
        assert!(matches!(
            docx_text("<w:document><w:body><w:p></w:body>"),
            Err(BulletinTextError::Damaged(_))
        ));
    }
}
