//! The PDF writer, from the outside: golden files, the file's structure, what standard
//! tools see in it (when `pdftotext` and `pdftoppm` are installed), and what it refuses.
//!
//! `INNERMOST_BLESS=1 cargo test -p innermost-reports --test pdf` rewrites the golden files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use innermost_reports::layout::{Block, Chart, ChartKind, Document, Series, Table};
use innermost_reports::pdf::{PdfFonts, write_pdf};

const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

const HEADINGS: [&str; 4] = ["Therapy report", "Measures", "Practice", "Your agenda"];
const ACCENTED: &str = "Café, naïve, “quoted” and ‘single’ — déjà vu… 5 € ½";
const GREEK: &str = "Καλημέρα κόσμε";
const CYRILLIC: &str = "Привет, мир";
const ARROWS: &str = "← → ↑ ↓ ⇒";

/// A document with every kind of block, a line chart with a gap, a bar chart, a table
/// long enough to cross a page break, and text with accents and typographic quotes.
fn fixture_document(extra: &[&str]) -> Document {
    let mut blocks = vec![
        Block::Heading { level: 1, text: HEADINGS[0].into() },
        Block::Note("Generated on this device. Not a diagnosis.".into()),
        Block::Paragraph(format!(
            "{ACCENTED}. This paragraph is long enough to wrap over several lines of the page, so the writer has to \
             break it at spaces by the advance widths of its glyphs; a very long word such as \
             Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstaltsdirektorin breaks where it must.\n\
             A second line after a line break."
        )),
        Block::Heading { level: 2, text: HEADINGS[1].into() },
        Block::Chart(Chart {
            title: "Felt safety by week".into(),
            kind: ChartKind::Line,
            x_labels: (14..22).map(|w| format!("2026-W{w}")).collect(),
            y_label: "felt safety (0-10)".into(),
            y_min: 0.0,
            y_max: 10.0,
            series: vec![
                Series { name: "felt safety".into(), values: vec![Some(4.0), Some(5.5), None, Some(6.0), Some(6.5), None, Some(7.0), Some(7.5)] },
                Series { name: "anxiety".into(), values: vec![Some(7.0), Some(6.0), Some(6.5), None, None, Some(4.0), None, Some(3.0)] },
            ],
        }),
        Block::Chart(Chart {
            title: "Rituals planned and done".into(),
            kind: ChartKind::Bars,
            x_labels: vec!["Apr 6".into(), "Apr 13".into(), "Apr 20".into(), "Apr 27".into()],
            y_label: "times per week".into(),
            y_min: 0.0,
            y_max: 7.0,
            series: vec![
                Series { name: "planned".into(), values: vec![Some(5.0), Some(5.0), Some(6.0), Some(6.0)] },
                Series { name: "done".into(), values: vec![Some(3.0), None, Some(0.0), Some(5.0)] },
            ],
        }),
        Block::PageBreak,
        Block::Heading { level: 2, text: HEADINGS[2].into() },
        Block::List(vec![
            "Breathing, twice a day".into(),
            "Exposure ladder: step 3 of 7, “supermarket at noon”, predicted anxiety 8, actual 5".into(),
        ]),
        Block::Table(Table {
            columns: vec!["Date".into(), "Step".into(), "Predicted".into(), "Actual".into(), "What helped".into()],
            rows: (1..=45)
                .map(|day| {
                    let helped = if day % 7 == 0 {
                        "Calling a friend beforehand, then walking the long way round so the heart rate could settle before going in".to_owned()
                    } else {
                        "Slow breathing".to_owned()
                    };
                    vec![format!("2026-04-{:02}", day % 30 + 1), format!("step {}", day % 7 + 1), format!("{}", 8 - day % 3), format!("{}", 5 - day % 4), helped]
                })
                .collect(),
        }),
        Block::Heading { level: 3, text: HEADINGS[3].into() },
        Block::Paragraph("Talk about the weekend; ask about sleep.".into()),
    ];
    blocks.extend(
        extra
            .iter()
            .map(|text| Block::Paragraph((*text).to_owned())),
    );
    Document {
        title: "Therapy report — April 2026".into(),
        blocks,
    }
}

fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compares `bytes` with the golden file `name`, or rewrites it under `INNERMOST_BLESS=1`.
fn assert_golden(name: &str, bytes: &[u8]) {
    let path = golden_path(name);
    if std::env::var_os("INNERMOST_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, bytes).unwrap();
        return;
    }
    let golden = std::fs::read(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with INNERMOST_BLESS=1", path.display()));
    assert!(
        golden == bytes,
        "{name} differs from the golden file ({} vs {} bytes); INNERMOST_BLESS=1 rewrites it",
        bytes.len(),
        golden.len()
    );
}

fn dejavu_fonts() -> Option<(PdfFonts, Vec<u8>)> {
    let Ok(bytes) = std::fs::read(DEJAVU) else {
        println!(
            "note: {DEJAVU} is absent (Debian fonts-dejavu-core); the embedded-font test is skipped"
        );
        return None;
    };
    Some((PdfFonts::from_files(vec![bytes.clone()]).unwrap(), bytes))
}

fn dejavu_document() -> Document {
    fixture_document(&[GREEK, CYRILLIC, ARROWS, "Ελληνικά и кириллица → mixed"])
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

// ---------------------------------------------------------------- golden files

#[test]
fn the_fixture_with_the_standard_font_matches_the_golden_file() {
    let bytes = write_pdf(&fixture_document(&[]), &PdfFonts::standard()).unwrap();
    assert_golden("layout.pdf", &bytes);
}

#[test]
fn the_fixture_with_dejavu_sans_matches_its_golden_file_and_is_deterministic() {
    let Some((fonts, font_bytes)) = dejavu_fonts() else {
        return;
    };
    let document = dejavu_document();
    let bytes = write_pdf(&document, &fonts).unwrap();
    let again = write_pdf(
        &document,
        &PdfFonts::from_files(vec![font_bytes.clone()]).unwrap(),
    )
    .unwrap();
    assert!(bytes == again, "two runs gave different bytes");
    // The golden file is only comparable when made with the same font file.
    let font_id = format!("{} {:016x}\n", font_bytes.len(), fnv(&font_bytes));
    let id_path = golden_path("layout-dejavu.font");
    if std::env::var_os("INNERMOST_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&id_path, &font_id).unwrap();
    } else if std::fs::read_to_string(&id_path).ok().as_deref() != Some(font_id.as_str()) {
        println!(
            "note: this DejaVu Sans differs from the one layout-dejavu.pdf was made with; compared for determinism only"
        );
        return;
    }
    assert_golden("layout-dejavu.pdf", &bytes);
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let document = fixture_document(&[]);
    assert!(
        write_pdf(&document, &PdfFonts::standard()).unwrap()
            == write_pdf(&document, &PdfFonts::standard()).unwrap()
    );
}

// ---------------------------------------------------------------- structure, no tools

/// The objects' offsets as the cross-reference table gives them, checked to point at
/// `n 0 obj`.
fn check_structure(bytes: &[u8]) {
    assert!(bytes.starts_with(b"%PDF-1.7\n"));
    assert!(bytes.ends_with(b"%%EOF\n"));
    let text = String::from_utf8_lossy(bytes);
    let tail = &bytes[bytes.len() - 40..];
    let tail = String::from_utf8_lossy(tail);
    let startxref: usize = tail
        .split("startxref\n")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(bytes[startxref..].starts_with(b"xref\n0 "));
    let xref = std::str::from_utf8(&bytes[startxref..]).unwrap();
    let mut lines = xref.lines().skip(1);
    let count: usize = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(lines.next().unwrap(), "0000000000 65535 f ");
    for n in 1..count {
        let entry = lines.next().unwrap();
        assert_eq!(
            entry.len(),
            19,
            "entry {n} is 20 bytes with its end of line"
        );
        let offset: usize = entry[..10].parse().unwrap();
        assert!(
            bytes[offset..].starts_with(format!("{n} 0 obj\n").as_bytes()),
            "object {n}"
        );
    }
    assert!(lines.next().unwrap().starts_with("trailer"));
    assert!(text.contains(&format!("/Size {count} ")));
    assert!(text.contains("/Producer (Innermost)"));
    assert!(!text.contains("/CreationDate") && !text.contains("/ModDate"));
}

#[test]
fn the_cross_reference_table_points_at_every_object() {
    check_structure(&write_pdf(&fixture_document(&[]), &PdfFonts::standard()).unwrap());
    if let Some((fonts, _)) = dejavu_fonts() {
        check_structure(&write_pdf(&dejavu_document(), &fonts).unwrap());
    }
}

#[test]
fn every_glyph_drawn_with_an_embedded_font_is_in_its_to_unicode_map_and_widths() {
    let Some((fonts, _)) = dejavu_fonts() else {
        return;
    };
    let bytes = write_pdf(&dejavu_document(), &fonts).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    // Glyph codes shown by the content streams: `<0041004C> Tj`.
    let shown: Vec<&str> = text.split("> Tj").collect();
    let drawn: BTreeSet<String> = shown[..shown.len() - 1]
        .iter()
        .filter_map(|before| before.rsplit('<').next())
        .flat_map(|hex| {
            hex.as_bytes()
                .chunks(4)
                .map(|c| String::from_utf8(c.to_vec()).unwrap())
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(drawn.len() > 50, "{} glyphs", drawn.len());
    let cmap_start = text.find("beginbfchar").unwrap();
    let cmap = &text[cmap_start..text.find("endcmap").unwrap()];
    let mapped: BTreeSet<String> = cmap
        .lines()
        .filter(|l| l.starts_with('<'))
        .map(|l| l[1..5].to_owned())
        .collect();
    assert_eq!(drawn, mapped);
    let w_start = text.find("/W [").unwrap();
    assert!(text[w_start..].find(']').is_some());
}

#[test]
fn the_title_and_producer_are_in_the_information_dictionary_and_nothing_more() {
    let bytes = write_pdf(
        &Document {
            title: "Ré".into(),
            blocks: vec![],
        },
        &PdfFonts::standard(),
    )
    .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("<< /Title <FEFF005200E9> /Producer (Innermost) >>"));
}

#[test]
fn a_subset_font_is_far_smaller_than_the_font() {
    let Some((fonts, font_bytes)) = dejavu_fonts() else {
        return;
    };
    let bytes = write_pdf(&dejavu_document(), &fonts).unwrap();
    assert!(
        bytes.len() * 4 < font_bytes.len(),
        "{} bytes for a {}-byte font",
        bytes.len(),
        font_bytes.len()
    );
}

// ---------------------------------------------------------------- refusals

fn refused_fonts_reason(result: Result<impl std::fmt::Debug, innermost::Error>) -> String {
    match result {
        Err(innermost::Error::InvalidInput {
            field: "fonts",
            reason,
        }) => reason,
        other => panic!("expected InvalidInput for fonts, got {other:?}"),
    }
}

#[test]
fn a_character_outside_the_standard_font_is_refused_without_being_named() {
    let reason = refused_fonts_reason(write_pdf(
        &fixture_document(&["Ω and ω"]),
        &PdfFonts::standard(),
    ));
    assert!(reason.starts_with("2 different characters"), "{reason}");
    assert!(!reason.contains('Ω') && !reason.contains('ω'));
}

#[test]
fn a_character_no_font_given_has_is_refused_without_being_named() {
    let Some((fonts, _)) = dejavu_fonts() else {
        return;
    };
    let reason = refused_fonts_reason(write_pdf(&fixture_document(&["漢"]), &fonts));
    assert_eq!(
        reason,
        "1 character in the report is not covered by any font given (add a font for them)"
    );
}

#[test]
fn garbage_bytes_are_not_a_font() {
    let reason = refused_fonts_reason(PdfFonts::from_files(vec![
        b"not a font, just some bytes".to_vec(),
    ]));
    assert!(reason.contains("font file 1 of 1"), "{reason}");
    refused_fonts_reason(PdfFonts::from_files(vec![]));
}

#[test]
fn a_table_row_with_a_missing_cell_is_refused_not_drawn_short() {
    let document = Document {
        title: String::new(),
        blocks: vec![Block::Table(Table {
            columns: vec!["a".into(), "b".into()],
            rows: vec![vec!["1".into()]],
        })],
    };
    assert!(matches!(
        write_pdf(&document, &PdfFonts::standard()),
        Err(innermost::Error::InvalidInput {
            field: "document",
            ..
        })
    ));
}

#[test]
fn a_chart_with_an_empty_y_range_is_refused() {
    let chart = Chart {
        title: String::new(),
        kind: ChartKind::Line,
        x_labels: vec![],
        y_label: String::new(),
        y_min: 1.0,
        y_max: 1.0,
        series: vec![],
    };
    let document = Document {
        title: String::new(),
        blocks: vec![Block::Chart(chart)],
    };
    assert!(matches!(
        write_pdf(&document, &PdfFonts::standard()),
        Err(innermost::Error::InvalidInput {
            field: "document",
            ..
        })
    ));
}

// ---------------------------------------------------------------- with poppler-utils

fn tool(name: &str) -> bool {
    let found = Command::new(name).arg("-v").output().is_ok();
    if !found {
        println!("note: `{name}` is not installed (Debian poppler-utils); this check is skipped");
    }
    found
}

fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("pdf-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The text `pdftotext` extracts; `raw` keeps the content stream's order instead of
/// poppler's layout analysis.
fn extracted_text(path: &Path, raw: bool) -> String {
    let mode: &[&str] = if raw { &["-raw"] } else { &[] };
    let out = Command::new("pdftotext")
        .args(mode)
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Whether `pdftoppm` draws every page of the file (as PNGs beside it) without a complaint.
fn pdftoppm_accepts(path: &Path) {
    let out = Command::new("pdftoppm")
        .args(["-r", "50", "-png"])
        .arg(path)
        .arg(path.with_extension(""))
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "pdftoppm: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The text `pdftotext` reads back from `bytes` (written to a scratch file called
/// `name`) contains each of `expected`; the file's path, or `None` when poppler is absent.
fn reads_back(name: &str, bytes: &[u8], expected: &[&str]) -> Option<PathBuf> {
    if !tool("pdftotext") || !tool("pdftoppm") {
        return None;
    }
    let path = scratch(name, bytes);
    let text = extracted_text(&path, true);
    for wanted in expected {
        assert!(text.contains(wanted), "{wanted:?} missing from:\n{text}");
    }
    Some(path)
}

fn renders_cleanly(path: &Path) {
    pdftoppm_accepts(path);
    let pages = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "png")
        })
        .count();
    assert!(pages >= 3, "{pages} pages rendered");
}

#[test]
fn pdftotext_finds_every_heading_and_the_accented_text() {
    if !tool("pdftotext") {
        return;
    }
    let path = scratch(
        "standard",
        &write_pdf(&fixture_document(&[]), &PdfFonts::standard()).unwrap(),
    );
    let text = extracted_text(&path, false);
    for heading in HEADINGS {
        assert!(text.contains(heading), "{heading:?} missing from:\n{text}");
    }
    assert!(
        text.contains(ACCENTED),
        "accented text missing from:\n{text}"
    );
    assert!(
        text.contains("Felt safety by week")
            && text.contains("2026-W14")
            && text.contains("planned")
    );
}

#[test]
fn pdftotext_finds_greek_cyrillic_and_arrows_exactly_with_dejavu_sans() {
    if !tool("pdftotext") {
        return;
    }
    let Some((fonts, _)) = dejavu_fonts() else {
        return;
    };
    let path = scratch("dejavu", &write_pdf(&dejavu_document(), &fonts).unwrap());
    let text = extracted_text(&path, false);
    for expected in HEADINGS.iter().chain(&[ACCENTED, GREEK, CYRILLIC]) {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // Poppler's layout analysis joins symbols set apart by single spaces ("←→"); the
    // spaces are in the file, and the content-order extraction shows them.
    assert!(
        text.contains(&ARROWS.replace(' ', "")),
        "arrows missing from:\n{text}"
    );
    let raw = extracted_text(&path, true);
    for expected in [GREEK, CYRILLIC, ARROWS, "Ελληνικά и кириллица → mixed"] {
        assert!(raw.contains(expected), "{expected:?} missing from:\n{raw}");
    }
}

#[test]
fn pdftoppm_renders_every_page_without_complaint() {
    if !tool("pdftoppm") {
        return;
    }
    renders_cleanly(&scratch(
        "render-standard",
        &write_pdf(&fixture_document(&[]), &PdfFonts::standard()).unwrap(),
    ));
    if let Some((fonts, _)) = dejavu_fonts() {
        renders_cleanly(&scratch(
            "render-dejavu",
            &write_pdf(&dejavu_document(), &fonts).unwrap(),
        ));
    }
}

#[test]
fn the_report_made_from_the_fixture_data_reads_back_with_every_heading_and_renders() {
    if !tool("pdftotext") || !tool("pdftoppm") {
        return;
    }
    let data = innermost_reports::fixture::fixture_report_data();
    let document = innermost_reports::content::document(&data);
    let bytes = innermost_reports::render(
        &data,
        innermost_reports::ReportFormat::Pdf,
        &PdfFonts::standard(),
    )
    .unwrap();
    let path = scratch("report-from-data", &bytes);
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = squeeze(&extracted_text(&path, true));
    let headings: Vec<&str> = document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(headings.len() >= 10, "{headings:?}");
    for heading in headings {
        assert!(
            text.contains(&squeeze(heading)),
            "{heading:?} missing from:\n{text}"
        );
    }
    renders_cleanly(&path);
}

// ------------------------------------------- system CJK and CFF fonts (with poppler-utils)

/// A TrueType-outline CJK font collection (Debian `fonts-wqy-microhei`).
const WQY_MICROHEI: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

const CHINESE: &str = "今天我去散步了，感觉比上周平静。睡眠：七个小时。";

/// The bytes of `path`, or a note saying which Debian package provides it.
fn system_font(path: &str, package: &str) -> Option<Vec<u8>> {
    let bytes = std::fs::read(path).ok();
    if bytes.is_none() {
        println!("note: {path} is absent (Debian {package}); this check is skipped");
    }
    bytes
}

#[test]
fn chinese_text_drawn_with_a_font_collection_reads_back_renders_and_is_subset() {
    let Some(collection) = system_font(WQY_MICROHEI, "fonts-wqy-microhei") else {
        return;
    };
    let fonts = PdfFonts::from_files(vec![collection.clone()]).unwrap();
    let bytes = write_pdf(&fixture_document(&[CHINESE]), &fonts).unwrap();
    check_structure(&bytes);
    assert!(
        bytes.len() * 10 < collection.len(),
        "{} bytes for a {}-byte collection",
        bytes.len(),
        collection.len()
    );
    let expected: Vec<&str> = [CHINESE].into_iter().chain(HEADINGS).collect();
    if let Some(path) = reads_back("wqy-collection", &bytes, &expected) {
        renders_cleanly(&path);
    }
}

/// A CFF-outline OpenType font, name-keyed (Debian `fonts-urw-base35`).
const NIMBUS_SANS: &str = "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf";

#[test]
fn latin_in_a_cff_font_and_chinese_in_a_collection_read_back_render_and_are_subset() {
    let (Some(nimbus), Some(collection)) = (
        system_font(NIMBUS_SANS, "fonts-urw-base35"),
        system_font(WQY_MICROHEI, "fonts-wqy-microhei"),
    ) else {
        return;
    };
    let fonts = PdfFonts::from_files(vec![nimbus.clone(), collection.clone()]).unwrap();
    let bytes = write_pdf(&fixture_document(&[CHINESE]), &fonts).unwrap();
    check_structure(&bytes);
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/FontFile3 ") && text.contains("/FontFile2 "));
    assert!(
        bytes.len() * 10 < nimbus.len() + collection.len(),
        "{} bytes for {} + {} bytes of fonts",
        bytes.len(),
        nimbus.len(),
        collection.len()
    );
    let expected: Vec<&str> = [CHINESE].into_iter().chain(HEADINGS).collect();
    if let Some(path) = reads_back("nimbus-and-wqy", &bytes, &expected) {
        renders_cleanly(&path);
    }
}

#[test]
fn a_latin_report_in_a_cff_font_alone_carries_a_subset_not_the_font() {
    let Some(nimbus) = system_font(NIMBUS_SANS, "fonts-urw-base35") else {
        return;
    };
    let fonts = PdfFonts::from_files(vec![nimbus.clone()]).unwrap();
    let document = Document {
        title: "Nimbus".into(),
        blocks: vec![
            Block::Heading {
                level: 1,
                text: HEADINGS[0].into(),
            },
            Block::Paragraph("Slow breathing, twice a day. Café déjà vu.".into()),
        ],
    };
    let bytes = write_pdf(&document, &fonts).unwrap();
    check_structure(&bytes);
    println!("NimbusSans Latin page: {} bytes", bytes.len());
    assert!(
        bytes.len() * 2 < nimbus.len(),
        "{} bytes for a {}-byte font",
        bytes.len(),
        nimbus.len()
    );
    if let Some(path) = reads_back(
        "nimbus",
        &bytes,
        &["Slow breathing, twice a day. Café déjà vu."],
    ) {
        pdftoppm_accepts(&path);
    }
}

/// A CID-keyed CFF font collection with 65,535 glyphs (Debian `fonts-noto-cjk`; not
/// installed by CI, so the check below skips when it is absent).
const NOTO_SANS_CJK: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

/// The one-page report the CJK sizes in `docs/decisions.md` §49 are measured on.
fn one_page_cjk_document() -> Document {
    Document {
        title: "CJK".into(),
        blocks: vec![
            Block::Heading {
                level: 1,
                text: HEADINGS[0].into(),
            },
            Block::Paragraph(CHINESE.into()),
            Block::Paragraph("Slow breathing, twice a day. Café déjà vu.".into()),
        ],
    }
}

/// Whether `pdftoppm`, and `mutool` and `gs` when installed, draw the file without a
/// complaint.
fn other_readers_accept(path: &Path) {
    pdftoppm_accepts(path);
    if Command::new("mutool").arg("-v").output().is_ok() {
        let out = Command::new("mutool")
            .args(["draw", "-q", "-o"])
            .arg(path.with_extension("mutool.png"))
            .arg(path)
            .output()
            .unwrap();
        // A build without colour management says so on every run: not about the file.
        let complaints: Vec<String> = String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|line| !line.contains("ICC support is not available"))
            .map(str::to_owned)
            .collect();
        assert!(
            out.status.success() && complaints.is_empty(),
            "mutool: {complaints:?}"
        );
    }
    if Command::new("gs").arg("-v").output().is_ok() {
        let out = Command::new("gs")
            .args(["-q", "-dBATCH", "-dNOPAUSE", "-sDEVICE=nullpage"])
            .arg(path)
            .output()
            .unwrap();
        let said = [out.stdout, out.stderr].concat();
        assert!(
            out.status.success() && said.is_empty(),
            "gs: {}",
            String::from_utf8_lossy(&said)
        );
    }
}

#[test]
fn chinese_in_the_android_cjk_font_reads_back_renders_and_is_small() {
    let noto = std::env::var("INNERMOST_NOTO_CJK").unwrap_or_else(|_| NOTO_SANS_CJK.to_owned());
    let Some(font) = system_font(&noto, "fonts-noto-cjk") else {
        return;
    };
    let fonts = PdfFonts::from_files(vec![font.clone()]).unwrap();
    let bytes = write_pdf(&one_page_cjk_document(), &fonts).unwrap();
    check_structure(&bytes);
    println!("NotoSansCJK one-page PDF: {} bytes", bytes.len());
    if let Some(path) = reads_back("noto-cjk", &bytes, &[CHINESE, "Café déjà vu"]) {
        other_readers_accept(&path);
    }
}

#[test]
fn the_measured_one_page_cjk_report_in_a_truetype_collection() {
    let Some(font) = system_font(WQY_MICROHEI, "fonts-wqy-microhei") else {
        return;
    };
    let fonts = PdfFonts::from_files(vec![font]).unwrap();
    let bytes = write_pdf(&one_page_cjk_document(), &fonts).unwrap();
    check_structure(&bytes);
    println!("wqy-microhei one-page PDF: {} bytes", bytes.len());
    if tool("pdftoppm") {
        let path = scratch("wqy-one-page", &bytes);
        other_readers_accept(&path);
    }
}
