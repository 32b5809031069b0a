use std::ops::Range;

pub(crate) mod bundle;
pub(crate) mod change;
mod chunk;
pub(crate) mod columns;
pub(crate) mod document;
pub(crate) mod load;
pub(crate) mod parse;

pub use bundle::{Bundle, BundleChange, BundleChangeIter};
pub use load::VerificationMode;

pub(crate) use {
    bundle::{BundleMetadata, BundleStorage},
    change::{AsChangeOp, Change, ChangeOp, Compressed, ReadChangeOpError},
    chunk::{CheckSum, Chunk, ChunkType, Header},
    columns::{ColumnSpec, Columns, RawColumn, RawColumns},
    document::{CompressConfig, Document},
};

fn shift_range(range: Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

/// (Rectify's copy) The DEFLATE level of saved documents' columns and of compressed changes.
/// flate2's default is 6; at 5, saving the 2,000-problem synthetic ledger took 41 ms instead of
/// 49 (most of a save is DEFLATE) for a document 1.1% larger. The level only changes how hard
/// the compressor searches: the bytes read back, the checksums and the change hashes are the
/// same, and every reader inflates either.
pub(crate) const DEFLATE_LEVEL: u32 = 5;

pub(crate) const MAGIC_BYTES: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
