//! The standard Helvetica font with WinAnsiEncoding: which characters it can draw, their
//! one-byte codes and their advance widths.
//!
//! Owns: the Unicode to WinAnsi mapping and Helvetica's published widths (thousandths of
//! the font size, from the standard AFM metrics). Does not write the font's PDF object
//! (`font_objects` does) and does not choose between fonts (`glyphs` does).

/// Helvetica's advance widths for WinAnsi codes 32 to 255, in thousandths of the font
/// size. Codes WinAnsi leaves undefined (129, 141, 143, 144, 157) hold 0 and are never
/// produced by [`winansi_code`].
pub(crate) const WIDTHS_FROM_32: [u16; 224] = [
    // 32-63: space ! " # $ % & ' ( ) * + , - . / 0-9 : ; < = > ?
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, //
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, //
    // 64-95: @ A-Z [ \ ] ^ _
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, //
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, //
    // 96-126: ` a-z { | } ~, then 127 (undefined)
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, //
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0, //
    // 128-159: Euro, -, quotesinglbase, florin, quotedblbase, ellipsis, dagger, daggerdbl,
    // circumflex, perthousand, Scaron, guilsinglleft, OE, -, Zcaron, -, -, quoteleft,
    // quoteright, quotedblleft, quotedblright, bullet, endash, emdash, tilde, trademark,
    // scaron, guilsinglright, oe, -, zcaron, Ydieresis
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, //
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667, //
    // 160-191: nbsp ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ soft-hyphen ® ¯ ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, //
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, //
    // 192-223: À-Å Æ Ç È-Ë Ì-Ï Ð Ñ Ò-Ö × Ø Ù-Ü Ý Þ ß
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, //
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, //
    // 224-255: à-å æ ç è-ë ì-ï ð ñ ò-ö ÷ ø ù-ü ý þ ÿ
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, //
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, //
];

/// The WinAnsi code of `c`, or `None` when WinAnsi has no code for it (then Helvetica
/// cannot draw it). Tabs are drawn as spaces by the caller before asking.
pub(crate) fn winansi_code(c: char) -> Option<u8> {
    let code = match c {
        ' '..='~' | '\u{A0}'..='\u{FF}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(code)
}

/// Helvetica's advance width of WinAnsi `code`, in thousandths of the font size.
pub(crate) fn width(code: u8) -> u16 {
    WIDTHS_FROM_32
        .get(usize::from(code).wrapping_sub(32))
        .copied()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_latin1_map_to_themselves() {
        assert_eq!(winansi_code('A'), Some(b'A'));
        assert_eq!(winansi_code('é'), Some(0xE9));
        assert_eq!(winansi_code('\u{A0}'), Some(0xA0));
    }

    #[test]
    fn typographic_quotes_dashes_and_the_euro_have_codes_in_the_128_to_159_range() {
        assert_eq!(winansi_code('\u{201C}'), Some(0x93));
        assert_eq!(winansi_code('—'), Some(0x97));
        assert_eq!(winansi_code('€'), Some(0x80));
    }

    #[test]
    fn characters_outside_winansi_and_control_characters_have_no_code() {
        for c in ['α', 'Ж', '→', '\u{7F}', '\u{81}', '\n', '\u{0}'] {
            assert_eq!(winansi_code(c), None, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn every_character_with_a_code_has_a_width() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            if let Some(code) = winansi_code(c) {
                assert!(width(code) > 0, "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn widths_match_the_published_metrics_for_a_few_well_known_glyphs() {
        assert_eq!(width(b' '), 278);
        assert_eq!(width(b'W'), 944);
        assert_eq!(width(b'i'), 222);
        assert_eq!(width(b'@'), 1015);
        assert_eq!(width(0xE9), 556);
        assert_eq!(width(0x97), 1000);
    }
}
