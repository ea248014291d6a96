//! Escaping text for the formats that interpret characters: HTML/SVG and Markdown.
//!
//! Owns the one place each writer's text passes through, so a test can show that no
//! string ever becomes markup. Does not decide layout.

/// Text for HTML and SVG (element content and quoted attribute values): `& < > " '`
/// become character references; every other character stays.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// HTML text with line breaks kept (`<br>`): for paragraphs, list items and cells.
pub fn html_lines(text: &str) -> String {
    html(&normalize_newlines(text)).replace('\n', "<br>")
}

fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Characters CommonMark or GitHub Markdown may read as markup anywhere in a line.
const MARKDOWN_ACTIVE: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '$', '!',
];

/// Text for one Markdown block (a heading, paragraph, list item or table cell), written
/// on one physical line: characters Markdown reads as markup are backslash-escaped, the
/// ones that only matter at the start of a block (`#`, `-`, `+`, `=`, a number followed by
/// `.` or `)`, leading spaces) are escaped there, and line breaks become `<br>`.
pub fn markdown(text: &str) -> String {
    let text = normalize_newlines(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    // Start of the block: leading whitespace, then block-level markers.
    while let Some(&c) = chars.peek() {
        match c {
            ' ' => out.push_str("&#32;"),
            '\t' => out.push_str("&#9;"),
            _ => break,
        }
        chars.next();
    }
    if let Some(&c) = chars.peek()
        && matches!(c, '#' | '-' | '+' | '=')
    {
        out.push('\\');
        out.push(c);
        chars.next();
    }
    let mut at_start_digits = true;
    let mut digits = 0usize;
    while let Some(c) = chars.next() {
        if at_start_digits && c.is_ascii_digit() {
            digits += 1;
        }
        if at_start_digits && !c.is_ascii_digit() {
            at_start_digits = false;
            // `1.` or `1)` opens an ordered list only when a space or the end follows.
            let marker_end = matches!(chars.peek(), None | Some(' ' | '\t' | '\n'));
            if digits > 0 && matches!(c, '.' | ')') && marker_end {
                out.push('\\');
                out.push(c);
                continue;
            }
        }
        if c == '\n' {
            out.push_str("<br>");
        } else {
            if MARKDOWN_ACTIVE.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five_characters() {
        assert_eq!(
            html("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        assert_eq!(html_lines("a\r\nb"), "a<br>b");
    }

    #[test]
    fn markdown_escapes_markup_and_block_markers() {
        assert_eq!(markdown("# not a heading"), "\\# not a heading");
        assert_eq!(markdown("12. not a list"), "12\\. not a list");
        assert_eq!(markdown("4.5"), "4.5");
        assert_eq!(
            markdown("*bold* [link](x) <b>"),
            "\\*bold\\* \\[link\\](x) \\<b\\>"
        );
        assert_eq!(markdown("a|b\nc"), "a\\|b<br>c");
        assert_eq!(markdown("    code"), "&#32;&#32;&#32;&#32;code");
    }
}
