//! The tiny encoding of the progress model's sealed documents.
//!
//! A document is a version byte followed by fields in a fixed order: small numbers as one
//! byte, counts and lengths as four little-endian bytes, text as a length and UTF-8
//! bytes. Written by hand rather than through serde: each document is a handful of fields,
//! and a derive per type would cost the library far more than these few lines
//! (decisions §38). Nothing here knows what a field means; the owners of each table do.

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The version byte every progress document starts with.
const VERSION: u8 = 1;

/// Builds one document; the buffer is wiped when dropped.
pub(crate) struct DocWriter(Zeroizing<Vec<u8>>);

impl DocWriter {
    pub(crate) fn new() -> Self {
        let mut bytes = Zeroizing::new(Vec::with_capacity(256));
        bytes.push(VERSION);
        DocWriter(bytes)
    }

    pub(crate) fn byte(&mut self, value: u8) -> &mut Self {
        self.0.push(value);
        self
    }

    pub(crate) fn number(&mut self, value: u32) -> &mut Self {
        self.0.extend_from_slice(&value.to_le_bytes());
        self
    }

    pub(crate) fn text(&mut self, value: &str) -> &mut Self {
        self.number(u32::try_from(value.len()).unwrap_or(u32::MAX));
        self.0.extend_from_slice(value.as_bytes());
        self
    }

    pub(crate) fn texts(&mut self, values: &[String]) -> &mut Self {
        self.number(u32::try_from(values.len()).unwrap_or(u32::MAX));
        for value in values {
            self.text(value);
        }
        self
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }
}

/// Reads one document; any malformation is `Corrupted { what }`.
pub(crate) struct DocReader<'a> {
    bytes: &'a [u8],
    what: &'static str,
}

impl<'a> DocReader<'a> {
    pub(crate) fn new(bytes: &'a [u8], what: &'static str) -> Result<Self> {
        match bytes.split_first() {
            Some((&VERSION, rest)) => Ok(DocReader { bytes: rest, what }),
            _ => Err(Error::corrupted(what)),
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.bytes.len() < n {
            return Err(Error::corrupted(self.what));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    pub(crate) fn byte(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    pub(crate) fn number(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn text(&mut self) -> Result<String> {
        let n = self.number()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| Error::corrupted(self.what))
    }

    pub(crate) fn texts(&mut self) -> Result<Vec<String>> {
        let n = self.number()? as usize;
        if n > self.bytes.len() / 4 {
            return Err(Error::corrupted(self.what));
        }
        (0..n).map(|_| self.text()).collect()
    }

    /// Ends the document: trailing bytes are damage too.
    pub(crate) fn finish(self) -> Result<()> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(Error::corrupted(self.what))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn documents_read_back_and_truncations_are_damage(
            b in any::<u8>(), n in any::<u32>(), t in ".{0,20}", ts in proptest::collection::vec(".{0,8}", 0..4)
        ) {
            let mut w = DocWriter::new();
            w.byte(b).number(n).text(&t).texts(&ts);
            let mut r = DocReader::new(w.bytes(), "doc").unwrap();
            prop_assert_eq!(r.byte().unwrap(), b);
            prop_assert_eq!(r.number().unwrap(), n);
            prop_assert_eq!(r.text().unwrap(), t);
            prop_assert_eq!(r.texts().unwrap(), ts);
            prop_assert!(r.finish().is_ok());
            let bytes = w.bytes();
            for cut in 0..bytes.len() {
                let read = DocReader::new(&bytes[..cut], "doc").and_then(|mut r| {
                    r.byte()?; r.number()?; r.text()?; r.texts()?; r.finish()
                });
                prop_assert!(read.is_err());
            }
        }
    }
}
