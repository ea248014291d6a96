//! The PDF file's syntax: numbered objects, streams, the cross-reference table and the
//! trailer, plus the few literal forms the writer needs (numbers, names, strings).
//!
//! Owns: byte offsets, the header and `%%EOF`, a content-derived `/ID`. Does not know what
//! any object means (pages, fonts and the catalog are built by the caller as dictionary
//! text) and never compresses: every stream is written as it is, so the same input always
//! gives the same bytes.

use std::fmt::Write as _;

/// A PDF file being written, object by object.
///
/// Object numbers are handed out by [`PdfFile::reserve`] so that objects may refer to
/// each other before they are written; [`PdfFile::finish`] refuses a file with a
/// reserved number that was never written.
pub(crate) struct PdfFile {
    bytes: Vec<u8>,
    /// Byte offset of object `n` at index `n - 1`.
    offsets: Vec<Option<usize>>,
}

impl PdfFile {
    /// Starts a PDF 1.7 file: the version line and a comment with four bytes above 127
    /// (the marker that tells transfer tools the file is binary).
    pub(crate) fn new() -> PdfFile {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        PdfFile {
            bytes,
            offsets: Vec::new(),
        }
    }

    /// Hands out the next object number.
    pub(crate) fn reserve(&mut self) -> u32 {
        self.offsets.push(None);
        // Object numbers fit in u32: a report has far fewer than 4 billion objects.
        u32::try_from(self.offsets.len()).unwrap_or(u32::MAX)
    }

    /// Writes object `id` whose value is `body` (a dictionary, an array, a number...).
    pub(crate) fn object(&mut self, id: u32, body: &str) {
        self.begin(id);
        self.bytes.extend_from_slice(body.as_bytes());
        self.bytes.extend_from_slice(b"\nendobj\n");
    }

    /// Writes object `id` as a stream: `entries` are extra dictionary entries (without
    /// `/Length`, which is added here) and `data` the stream's bytes, uncompressed.
    pub(crate) fn stream(&mut self, id: u32, entries: &str, data: &[u8]) {
        self.begin(id);
        let dictionary = format!(
            "<< /Length {}{}{} >>\nstream\n",
            data.len(),
            if entries.is_empty() { "" } else { " " },
            entries
        );
        self.bytes.extend_from_slice(dictionary.as_bytes());
        self.bytes.extend_from_slice(data);
        self.bytes.extend_from_slice(b"\nendstream\nendobj\n");
    }

    fn begin(&mut self, id: u32) {
        let index = (id as usize).wrapping_sub(1);
        if let Some(slot) = self.offsets.get_mut(index) {
            *slot = Some(self.bytes.len());
        }
        self.bytes
            .extend_from_slice(format!("{id} 0 obj\n").as_bytes());
    }

    /// Writes the cross-reference table and the trailer (with `/Root`, `/Info` and an
    /// `/ID` derived from the file's content) and returns the finished file.
    pub(crate) fn finish(mut self, root: u32, info: u32) -> Result<Vec<u8>, innermost::Error> {
        let id = content_id(&self.bytes);
        let xref_offset = self.bytes.len();
        let mut xref = format!("xref\n0 {}\n0000000000 65535 f \n", self.offsets.len() + 1);
        for offset in &self.offsets {
            let Some(offset) = offset else {
                return Err(innermost::Error::Internal(
                    "a reserved PDF object was never written",
                ));
            };
            let _ = writeln!(xref, "{offset:010} 00000 n ");
        }
        let _ = write!(
            xref,
            "trailer\n<< /Size {} /Root {root} 0 R /Info {info} 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref_offset}\n%%EOF\n",
            self.offsets.len() + 1
        );
        self.bytes.extend_from_slice(xref.as_bytes());
        Ok(self.bytes)
    }
}

/// A 16-byte identifier computed from the file's bytes (two FNV-1a passes with different
/// starting values), written as hex. Not a cryptographic hash: it only has to be the same
/// for the same file and usually differ between files.
fn content_id(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(32);
    for basis in [0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142] {
        let _ = write!(out, "{:016X}", fnv1a(basis, bytes));
    }
    out
}

/// FNV-1a over `bytes`, starting from `basis`.
pub(crate) fn fnv1a(basis: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(basis, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A number as PDF writes it: at most two decimals, no exponent, no `-0`.
///
/// Rounded to hundredths of a point (well below what a printer resolves), so positions
/// computed in different orders still print the same.
pub(crate) fn number(value: f64) -> String {
    let hundredths = if value.is_finite() {
        (value * 100.0).round() as i64
    } else {
        0
    };
    let sign = if hundredths < 0 { "-" } else { "" };
    let magnitude = hundredths.unsigned_abs();
    let (whole, fraction) = (magnitude / 100, magnitude % 100);
    match fraction {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

/// A text string for the document information dictionary: UTF-16BE with a byte order
/// mark, as a hex string, so every character survives whatever the document's fonts.
pub(crate) fn text_string(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

/// `name` reduced to characters a PDF name may hold without escapes (letters, digits,
/// `-` and `_`); empty input gives `fallback`.
pub(crate) fn plain_name(name: &str, fallback: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(63)
        .collect();
    if kept.is_empty() {
        fallback.to_owned()
    } else {
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_at_most_two_decimals_and_no_negative_zero() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(-1.23456), "-1.23");
        assert_eq!(number(595.0), "595");
        assert_eq!(number(0.05), "0.05");
        assert_eq!(number(f64::NAN), "0");
    }

    #[test]
    fn text_strings_are_utf16_with_a_byte_order_mark() {
        assert_eq!(text_string("Aé"), "<FEFF004100E9>");
        assert_eq!(text_string("😀"), "<FEFFD83DDE00>");
    }

    #[test]
    fn names_keep_only_safe_characters() {
        assert_eq!(plain_name("DejaVu Sans/Bold", "F"), "DejaVuSansBold");
        assert_eq!(plain_name("()", "Font"), "Font");
    }

    #[test]
    fn the_cross_reference_table_points_at_each_object() {
        let mut file = PdfFile::new();
        let a = file.reserve();
        let b = file.reserve();
        file.object(b, "<< /B true >>");
        file.stream(a, "", b"hello");
        let bytes = file.finish(a, b).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let xref = text.find("xref\n").unwrap();
        let entries: Vec<&str> = text[xref..].lines().skip(3).take(2).collect();
        for (n, entry) in entries.iter().enumerate() {
            assert_eq!(
                entry.len() + 1,
                20,
                "each entry is 20 bytes with its end of line"
            );
            let offset: usize = entry[..10].parse().unwrap();
            assert!(bytes[offset..].starts_with(format!("{} 0 obj", n + 1).as_bytes()));
        }
        assert!(text.ends_with("%%EOF\n"));
    }

    #[test]
    fn a_reserved_object_that_was_never_written_is_an_internal_error() {
        let mut file = PdfFile::new();
        let a = file.reserve();
        let _forgotten = file.reserve();
        file.object(a, "<< >>");
        assert!(matches!(
            file.finish(a, a),
            Err(innermost::Error::Internal(_))
        ));
    }
}
