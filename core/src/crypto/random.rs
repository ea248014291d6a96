//! The one door to the operating system's CSPRNG.

use crate::error::{Error, Result};

/// Fills `buf` with bytes from the operating system's cryptographic random source.
pub fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|_| Error::Randomness)
}

/// An array of `N` fresh random bytes.
pub fn random_array<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    fill_random(&mut out)?;
    Ok(out)
}
