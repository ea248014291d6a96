//! The `pdf_font` fuzz target's entry point on stable: random bytes, and real font files
//! with bytes flipped and cut short, given as a font. None may panic. (`fuzz/` runs the
//! same entry point under libFuzzer; the README records a long run.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use innermost_reports::fuzzing;
use proptest::prelude::*;

/// Fonts of every kind the writer reads, where the system has them (tests/run installs
/// all three): TrueType, a CFF-outline OpenType font, a TrueType collection.
const REAL_FONTS: [&str; 3] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
];

fn real_fonts() -> Vec<Vec<u8>> {
    let found: Vec<Vec<u8>> = REAL_FONTS
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .collect();
    if found.len() < REAL_FONTS.len() {
        eprintln!("note: some real fonts are absent, their mutations are skipped");
    }
    found
}

#[test]
fn real_fonts_unchanged_are_accepted_and_drawn() {
    for font in real_fonts() {
        let fonts = innermost_reports::PdfFonts::from_files(vec![font.clone()]).unwrap();
        assert!(fonts.covers('A') && !fonts.covers('\u{E000}'));
        fuzzing::pdf_font(&font);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_as_a_font_never_panic(data in proptest::collection::vec(any::<u8>(), 0..4096)) {
        fuzzing::pdf_font(&data);
    }

    #[test]
    fn real_fonts_with_flipped_bytes_or_cut_short_never_panic(
        which in 0usize..REAL_FONTS.len(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16),
        cut in any::<prop::sample::Index>(),
        cut_it in any::<bool>(),
    ) {
        let fonts = real_fonts();
        let Some(font) = fonts.get(which % fonts.len().max(1)) else {
            return Ok(());
        };
        let mut font = font.clone();
        for (at, byte) in flips {
            // Most flips land in the directory and the tables a reader walks first.
            let at = at.index(font.len().min(64 * 1024));
            font[at] ^= byte | 1;
        }
        if cut_it {
            font.truncate(cut.index(font.len()).max(1));
        }
        fuzzing::pdf_font(&font);
    }
}
