//! The chunked body: a writer that seals plaintext in fixed-size chunks and a reader that
//! opens them one at a time, so memory stays at one chunk whatever the size.
//!
//! Chunk `i` is sealed under nonce `prefix | i | flag` (flag 1 on the last chunk, 0 on
//! every other) with the 67-byte header as associated data; on disk it is the
//! ciphertext followed by its 16-byte tag. Every chunk but the last holds exactly
//! `chunk_size` plaintext bytes; the last holds 1 to `chunk_size` (0 only when the whole
//! body is empty). The reader learns that a chunk is the last from reaching the end of
//! the file, and only a chunk sealed as last opens as one — so a file cut at a chunk
//! boundary fails, as does one with bytes appended.

use std::io::{BufRead, BufReader, Read, Write};

use zeroize::Zeroizing;

use super::header::BackupKey;
use crate::error::{Error, Result};

const TAG_LEN: usize = 16;

/// Seals everything written to it into chunks on `out`. Call [`ChunkWriter::finish`].
pub struct ChunkWriter<'k, W: Write> {
    key: &'k BackupKey,
    out: W,
    buffer: Zeroizing<Vec<u8>>,
    counter: u32,
    written: u64,
}

impl<'k, W: Write> ChunkWriter<'k, W> {
    /// Writes the header and returns a writer for the body.
    pub fn new(key: &'k BackupKey, mut out: W) -> Result<Self> {
        out.write_all(&key.header_bytes)?;
        Ok(ChunkWriter {
            key,
            out,
            buffer: Zeroizing::new(Vec::with_capacity(key.header.chunk_size as usize)),
            counter: 0,
            written: key.header_bytes.len() as u64,
        })
    }

    /// Seals the last chunk and returns the output and the number of bytes written.
    pub fn finish(mut self) -> Result<(W, u64)> {
        self.seal_buffer(true)?;
        self.out.flush()?;
        Ok((self.out, self.written))
    }

    fn seal_buffer(&mut self, last: bool) -> Result<()> {
        let sealed = self.key.seal_chunk(self.counter, last, &self.buffer)?;
        self.out.write_all(&sealed)?;
        self.written += sealed.len() as u64;
        self.buffer.clear();
        self.counter = self.counter.checked_add(1).ok_or(Error::Unsupported {
            what: "a backup of more than 2^32 chunks",
        })?;
        Ok(())
    }
}

impl<W: Write> Write for ChunkWriter<'_, W> {
    fn write(&mut self, mut data: &[u8]) -> std::io::Result<usize> {
        let total = data.len();
        let chunk = self.key.header.chunk_size as usize;
        while !data.is_empty() {
            // A full buffer is sealed only once more data arrives: the last chunk must
            // be sealed as last, and only `finish` knows which one that is.
            if self.buffer.len() == chunk {
                self.seal_buffer(false).map_err(std::io::Error::other)?;
            }
            let take = (chunk - self.buffer.len()).min(data.len());
            self.buffer.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
        Ok(total)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Opens the chunks of a body one at a time.
pub(crate) struct ChunkReader<'k, R: Read> {
    key: &'k BackupKey,
    input: BufReader<R>,
    counter: u32,
    finished: bool,
    sealed: Vec<u8>,
}

impl<'k, R: Read> ChunkReader<'k, R> {
    /// A reader over `input`, positioned just after the header.
    pub fn new(key: &'k BackupKey, input: R) -> Self {
        let capacity = key.header.chunk_size as usize + TAG_LEN;
        ChunkReader {
            key,
            input: BufReader::with_capacity(capacity, input),
            counter: 0,
            finished: false,
            sealed: Vec::with_capacity(capacity),
        }
    }

    /// The next chunk's plaintext, or `None` after the last one. Any damage is
    /// `Corrupted` naming the chunk.
    pub fn next_chunk(&mut self) -> Result<Option<Zeroizing<Vec<u8>>>> {
        if self.finished {
            return Ok(None);
        }
        let full = self.key.header.chunk_size as usize + TAG_LEN;
        self.sealed.clear();
        (&mut self.input)
            .take(full as u64)
            .read_to_end(&mut self.sealed)?;
        let last = self.sealed.len() < full || self.input.fill_buf()?.is_empty();
        let damaged = || {
            Error::corrupted(format!(
                "backup: chunk {} is damaged, missing or out of place",
                self.counter
            ))
        };
        if self.sealed.len() < TAG_LEN {
            return Err(damaged());
        }
        let plaintext = self
            .key
            .open_chunk(self.counter, last, &self.sealed)
            .ok_or_else(damaged)?;
        self.counter = self.counter.checked_add(1).ok_or_else(damaged)?;
        self.finished = last;
        Ok(Some(Zeroizing::new(plaintext)))
    }
}
