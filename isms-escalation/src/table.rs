//! Growing the slot tables (the engine's and the memory store's) by a quarter at a time.
//!
//! A `Vec` doubles when it grows: a table of a million 96-byte slots that has just
//! outgrown 2^19 entries holds room for 2^20, a third of it empty. Growing by a quarter
//! keeps the empty room under a fifth, and stays amortised O(1) (large tables are
//! reallocated by remapping pages, not by copying).

/// Extends `table` with `fill` up to `len` entries (if shorter).
pub(crate) fn extend_to<T>(table: &mut Vec<T>, len: usize, fill: impl FnMut() -> T) {
    if len <= table.len() {
        return;
    }
    if len > table.capacity() {
        let step = (table.capacity() / 4).max(64);
        table.reserve_exact((len - table.len()).max(table.capacity() + step - table.len()));
    }
    table.resize_with(len, fill);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_by_a_quarter() {
        let mut t: Vec<u8> = Vec::new();
        extend_to(&mut t, 1, || 0);
        assert_eq!((t.len(), t.capacity()), (1, 64));
        for len in 2..100_000 {
            extend_to(&mut t, len, || 7);
            assert_eq!(t.len(), len);
            assert!(
                t.capacity() <= len + len / 4 + 64,
                "{len}: {}",
                t.capacity()
            );
        }
        extend_to(&mut t, 10, || 0);
        assert_eq!(t.len(), 99_999, "never shrinks");
    }
}
