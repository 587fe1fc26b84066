//! The national language locking shift and single shift tables of TS 23.038 Annex A, one
//! file per language (A.3.n locking shift table and A.2.n single shift table together).
//!
//! The tables are generated from the data of the `gsmcodecs` package by
//! `tools/gen_tables.py`; each file names its source and its corrections.

pub(crate) mod bengali;
pub(crate) mod gujarati;
pub(crate) mod hindi;
pub(crate) mod kannada;
pub(crate) mod malayalam;
pub(crate) mod oriya;
pub(crate) mod portuguese;
pub(crate) mod punjabi;
pub(crate) mod spanish;
pub(crate) mod tamil;
pub(crate) mod telugu;
pub(crate) mod turkish;
pub(crate) mod urdu;
