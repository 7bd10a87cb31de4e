//! Reads generator choices from fuzz bytes (a tiny `arbitrary::Unstructured`, so the regression
//! test in the main crate needs no extra dependency). Exhausted input reads as zeros.

/// The fuzz input, consumed from the front.
pub struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    /// Wraps the input.
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data }
    }

    /// Up to `n` raw bytes.
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.data.split_at(n.min(self.data.len()));
        self.data = rest;
        head
    }

    fn byte(&mut self) -> u8 {
        self.take(1).first().copied().unwrap_or(0)
    }

    /// A number in `min..=max` (ranges up to 256 values; one byte each).
    pub fn range(&mut self, min: usize, max: usize) -> usize {
        min + usize::from(self.byte()) % (max - min + 1)
    }

    /// True about `num` times in `den`.
    pub fn ratio(&mut self, num: u8, den: u8) -> bool {
        self.byte() % den < num
    }

    /// A coin flip.
    pub fn flip(&mut self) -> bool {
        self.ratio(1, 2)
    }

    /// One of `items` (which must not be empty).
    pub fn pick<'b, T>(&mut self, items: &'b [T]) -> &'b T {
        &items[self.range(0, items.len().min(256) - 1)]
    }

    /// Eight bytes as a number.
    pub fn i64(&mut self) -> i64 {
        let mut buf = [0; 8];
        for (slot, byte) in buf.iter_mut().zip(self.take(8)) {
            *slot = *byte;
        }
        i64::from_le_bytes(buf)
    }
}
