//! The HTML writer: one self-contained page drawn from a [`Document`].
//!
//! Owns the page's markup and its inline style sheet, print styles included (A4 margins,
//! no page break inside a chart or a table, an explicit page break where the document asks
//! for one). Charts are inline SVG (`svg`). Everything is escaped; the page loads nothing
//! (no external resources, no scripts, and a Content-Security-Policy that forbids both),
//! so it opens the same offline, in a mail attachment or a browser's print dialog.

use crate::escape::{html, html_lines};
use crate::layout::{Block, Document};
use crate::svg;

const STYLE: &str = "\
:root{color-scheme:light}\
body{font-family:-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:#1d1d1f;background:#fff;margin:0;line-height:1.45}\
main{max-width:46rem;margin:0 auto;padding:1.5rem}\
h1{font-size:1.6rem;margin:0 0 .75rem}\
h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid #ccc}\
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}\
p{margin:.4rem 0}\
.note{color:#555;font-size:.9rem}\
ul{margin:.3rem 0;padding-left:1.3rem}\
table{border-collapse:collapse;margin:.5rem 0;width:100%;font-size:.92rem}\
th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}\
th{background:#f3f3f3}\
figure{margin:.8rem 0}\
figcaption{font-weight:600;font-size:.95rem;margin-bottom:.3rem}\
svg{width:100%;height:auto}\
svg .grid{stroke:#ddd;stroke-width:1}\
svg text{font-family:inherit;fill:#333}\
svg .tick{font-size:10px}\
svg .axis{font-size:10px}\
svg .legend{font-size:11px}\
.page-break{height:0}\
@page{size:A4;margin:16mm}\
@media print{body{font-size:10pt}main{max-width:none;padding:0}h2{break-after:avoid}h3{break-after:avoid}figure,table,tr{break-inside:avoid}.page-break{break-after:page}a{color:inherit;text-decoration:none}}";

/// The page, UTF-8.
pub fn write_html(doc: &Document) -> Vec<u8> {
    let mut s = String::with_capacity(16 * 1024);
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    s.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    s.push_str("<meta name=\"robots\" content=\"noindex\">\n");
    s.push_str(&format!("<title>{}</title>\n", html(&doc.title)));
    s.push_str("<style>");
    s.push_str(STYLE);
    s.push_str("</style>\n</head>\n<body>\n<main>\n");
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let l = (*level).clamp(1, 3);
                s.push_str(&format!("<h{l}>{}</h{l}>\n", html_lines(text)));
            }
            Block::Paragraph(text) => s.push_str(&format!("<p>{}</p>\n", html_lines(text))),
            Block::Note(text) => {
                s.push_str(&format!("<p class=\"note\">{}</p>\n", html_lines(text)));
            }
            Block::List(items) => {
                s.push_str("<ul>\n");
                for item in items {
                    s.push_str(&format!("<li>{}</li>\n", html_lines(item)));
                }
                s.push_str("</ul>\n");
            }
            Block::Table(t) => {
                s.push_str("<table>\n<thead><tr>");
                for c in &t.columns {
                    s.push_str(&format!("<th>{}</th>", html_lines(c)));
                }
                s.push_str("</tr></thead>\n<tbody>\n");
                for row in &t.rows {
                    s.push_str("<tr>");
                    for cell in row {
                        s.push_str(&format!("<td>{}</td>", html_lines(cell)));
                    }
                    s.push_str("</tr>\n");
                }
                s.push_str("</tbody>\n</table>\n");
            }
            Block::Chart(c) => {
                s.push_str(&format!(
                    "<figure>\n<figcaption>{}</figcaption>\n{}\n</figure>\n",
                    html_lines(&c.title),
                    svg::chart(c)
                ));
            }
            Block::PageBreak => s.push_str("<div class=\"page-break\"></div>\n"),
        }
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s.into_bytes()
}
