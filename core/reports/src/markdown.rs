//! The Markdown writer (CommonMark with GitHub tables) drawn from a [`Document`].
//!
//! Owns the Markdown shape of each block; charts become tables of their data (one row per
//! x label, one column per series, "–" where nothing was logged). Every string passes
//! through `escape::markdown`, so text a person wrote can never become a heading, a
//! link, an image, HTML or a table cell boundary.

use crate::content::one_decimal;
use crate::escape::markdown as md;
use crate::layout::{Block, Document, Table};

fn table(out: &mut String, t: &Table) {
    if t.columns.is_empty() {
        return;
    }
    let row = |cells: &[String]| -> String {
        let cells: Vec<String> = cells.iter().map(|c| md(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&row(&t.columns));
    out.push_str(&format!(
        "|{}\n",
        t.columns.iter().map(|_| "---|").collect::<String>()
    ));
    for r in &t.rows {
        out.push_str(&row(r));
    }
    out.push('\n');
}

/// The document as Markdown, UTF-8.
pub fn write_markdown(doc: &Document) -> Vec<u8> {
    let mut out = String::with_capacity(16 * 1024);
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let l = usize::from((*level).clamp(1, 3));
                out.push_str(&format!("{} {}\n\n", "#".repeat(l), md(text)));
            }
            Block::Paragraph(text) => out.push_str(&format!("{}\n\n", md(text))),
            Block::Note(text) => out.push_str(&format!("*{}*\n\n", md(text))),
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", md(item)));
                }
                out.push('\n');
            }
            Block::Table(t) => table(&mut out, t),
            Block::Chart(c) => {
                out.push_str(&format!("**{}** ({})\n\n", md(&c.title), md(&c.y_label)));
                let mut columns = vec!["Week".to_owned()];
                columns.extend(c.series.iter().map(|s| s.name.clone()));
                let rows = c
                    .x_labels
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        let mut row = vec![x.clone()];
                        row.extend(c.series.iter().map(|s| {
                            s.values
                                .get(i)
                                .copied()
                                .flatten()
                                .map_or_else(|| "–".to_owned(), one_decimal)
                        }));
                        row
                    })
                    .collect();
                table(&mut out, &Table { columns, rows });
            }
            Block::PageBreak => out.push_str("---\n\n"),
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out.into_bytes()
}
