//! Breaking a line of glyphs into lines that fit a width.
//!
//! Owns: where lines break. Breaks at spaces; a word wider than the whole line is broken
//! between characters, and only then. The spaces a line breaks at are not drawn (every
//! other character is, including runs of spaces inside a line and spaces that end the
//! text). Does not split text at line breaks (the caller does, before shaping) and does not
//! measure fonts: it adds up the advances it is given, in integer units, so the result does
//! not depend on floating point.

use std::ops::Range;

use super::glyphs::Glyph;

/// The lines of `glyphs` when each may be at most `max_width` wide (in thousandths of the
/// font size), as ranges into `glyphs`. Empty input gives one empty line.
pub(crate) fn wrap(glyphs: &[Glyph], max_width: u32) -> Vec<Range<usize>> {
    let advance = |range: Range<usize>| {
        glyphs[range]
            .iter()
            .map(|g| u32::from(g.advance))
            .sum::<u32>()
    };
    let mut lines = Vec::new();
    let (mut start, mut width, mut at) = (0, 0, 0);
    while at < glyphs.len() {
        let spaces_end = at + glyphs[at..].iter().take_while(|g| g.is_space()).count();
        let word_end = spaces_end
            + glyphs[spaces_end..]
                .iter()
                .take_while(|g| !g.is_space())
                .count();
        let (spaces, word) = (advance(at..spaces_end), advance(spaces_end..word_end));
        if width + spaces + word <= max_width || spaces_end == word_end {
            // It fits, or it is trailing spaces (invisible: kept on the line).
            width += spaces + word;
            at = word_end;
        } else if at > start {
            // Break at these spaces: they end the line and are not drawn.
            lines.push(start..at);
            (start, width, at) = (spaces_end, 0, spaces_end);
        } else {
            // A word (with any leading spaces) wider than the whole line: fill the line
            // character by character, at least one per line.
            let mut end = at;
            width = 0;
            while end < word_end
                && (end == start || width + u32::from(glyphs[end].advance) <= max_width)
            {
                width += u32::from(glyphs[end].advance);
                end += 1;
            }
            if end < word_end {
                lines.push(start..end);
                (start, width) = (end, 0);
            }
            at = end;
        }
    }
    if start < glyphs.len() || lines.is_empty() {
        lines.push(start..glyphs.len());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 10 units wide.
    fn glyphs(text: &str) -> Vec<Glyph> {
        text.chars()
            .map(|ch| Glyph {
                ch,
                font: 0,
                code: 0,
                advance: 10,
            })
            .collect()
    }

    fn lines(text: &str, max_chars: u32) -> Vec<String> {
        let glyphs = glyphs(text);
        wrap(&glyphs, max_chars * 10)
            .into_iter()
            .map(|r| glyphs[r].iter().map(|g| g.ch).collect())
            .collect()
    }

    #[test]
    fn text_that_fits_is_one_line() {
        assert_eq!(lines("hello world", 11), ["hello world"]);
    }

    #[test]
    fn lines_break_at_the_last_space_that_fits_and_drop_only_that_space() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(lines("aa bb cc dd", 5), ["aa bb", "cc dd"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_between_characters() {
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(lines("ab abcdefgh", 4), ["ab", "abcd", "efgh"]);
    }

    #[test]
    fn spaces_inside_a_line_and_at_its_start_are_kept() {
        assert_eq!(lines("  a  b", 10), ["  a  b"]);
    }

    #[test]
    fn trailing_spaces_stay_on_the_last_line_even_past_the_width() {
        assert_eq!(lines("abc      ", 4), ["abc      "]);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(lines("", 4), [""]);
    }

    #[test]
    fn a_zero_width_never_loops_forever() {
        assert_eq!(lines("ab c", 0), ["a", "b", "c"]);
    }

    #[test]
    fn every_character_but_the_breaking_spaces_is_on_some_line() {
        let text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod";
        for width in 1..30 {
            let joined: String = lines(text, width).join(" ");
            assert_eq!(
                joined.replace(' ', ""),
                text.replace(' ', ""),
                "width {width}"
            );
        }
    }
}
