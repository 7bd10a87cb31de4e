//! Stream compression (zlib, `/FlateDecode`), started as soon as each stream's bytes are known.
//!
//! The embedded fonts are deflated on the thread that cuts them, and the pages' content
//! streams on a thread of its own ([`Packer`]) from the moment each page is painted until the
//! document needs them, so that work fills the cores painting, printpdf's assembly and the
//! outline leave idle. Only printpdf's few small streams (the `ToUnicode` maps) are left for
//! [`compress`]. Every stream compresses the same way on any thread (and on any CPU: zlib-rs's
//! SIMD paths find the same matches), so the file is byte-identical however the work is split.

use lopdf::{Document, Object};
use rayon::prelude::*;
use std::sync::mpsc;
use std::thread;

/// The zlib compression level. Measured on the shipped guide (one thread, its 28 streams):
/// zlib-rs at level 5 takes 2.3 ms for 246.7 KB, against 3.4 ms for 249.6 KB with
/// miniz_oxide at level 4 (used before); level 6 takes 2.9 ms for 0.3% fewer bytes, and
/// level 1 0.7 ms for 17% more. Per kind of stream (one thread, best of 100 runs): the 20 page
/// streams (291 KB) take 1.63 ms at level 5 and 1.40 ms at level 4 for 9% more bytes (1.5% of
/// the file); the 4 font programs (50 KB) 0.40 ms at level 5 and 0.32 ms at level 2 for 2%
/// more. Both now compress while the pages are painted, so the smaller output is kept.
pub const LEVEL: u32 = 5;

/// A stream's bytes, and the same deflated when that makes the stream smaller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    raw: Vec<u8>,
    deflated: Option<Vec<u8>>,
}

impl Packed {
    /// `raw`, deflated unless that saves nothing (counting the `/Filter /FlateDecode` the
    /// stream's dictionary gains).
    pub fn new(raw: Vec<u8>) -> Packed {
        let deflated = deflate(&raw).filter(|compressed| compressed.len() + 19 < raw.len());
        Packed { raw, deflated }
    }

    /// The bytes before compression.
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// Puts the bytes in `stream`: deflated, with the filter that decodes them, when the
    /// stream allows compression and has no filter yet (as [`compress`] decides), else raw.
    pub fn put(self, stream: &mut lopdf::Stream) {
        match self.deflated {
            Some(deflated) if compressible(stream) => {
                stream
                    .dict
                    .set("Filter", Object::Name(b"FlateDecode".to_vec()));
                stream.set_content(deflated);
            }
            _ => stream.set_content(self.raw),
        }
    }
}

/// Whether [`compress`] deflates `stream`.
fn compressible(stream: &lopdf::Stream) -> bool {
    stream.allows_compression && stream.dict.get(b"Filter").is_err()
}

/// Compresses every stream that allows it and has no filter yet, on every core; a stream
/// whose bytes are those of one of `early` (the font programs, deflated while the pages were
/// painted) takes that one's result. lopdf's own `compress` uses zlib's best (slowest) level;
/// see [`LEVEL`] for the one used here.
pub fn compress(doc: &mut Document, early: Vec<Packed>) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(stream) if compressible(stream) => Some(stream),
            _ => None,
        })
        .collect();
    let mut early: Vec<Option<Packed>> = early.into_iter().map(Some).collect();
    streams.retain_mut(|stream| {
        let same = early.iter_mut().find(|slot| {
            slot.as_ref()
                .is_some_and(|packed| packed.raw.as_slice() == stream.content.as_slice())
        });
        match same.and_then(Option::take) {
            Some(packed) => {
                packed.put(stream);
                false
            }
            None => true,
        }
    });
    // Largest first, so the work spreads over the cores (rayon's pool, shared with the other
    // publications rendering at the same time).
    streams.sort_by_key(|stream| std::cmp::Reverse(stream.content.len()));
    streams.par_iter_mut().with_max_len(1).for_each(|stream| {
        Packed::new(std::mem::take(&mut stream.content)).put(stream);
    });
}

/// Deflates streams on a thread of its own (at the normal priority: [`Packer::finish`] waits
/// for it, see [`super::prebreak`]), in the order they are sent, while the caller goes on; when
/// no thread can be started, each stream is deflated as it is sent.
pub struct Packer {
    sender: Option<mpsc::Sender<Vec<u8>>>,
    thread: Option<thread::JoinHandle<Vec<Packed>>>,
    /// The streams deflated without a thread.
    here: Vec<Packed>,
}

impl Packer {
    /// A packer waiting for streams.
    pub fn start() -> Packer {
        let (sender, receiver) = mpsc::channel::<Vec<u8>>();
        let thread = thread::Builder::new()
            .name("helpdoc-deflate".to_string())
            .spawn(move || receiver.into_iter().map(Packed::new).collect());
        match thread {
            Ok(thread) => Packer {
                sender: Some(sender),
                thread: Some(thread),
                here: Vec::new(),
            },
            Err(_) => Packer {
                sender: None,
                thread: None,
                here: Vec::new(),
            },
        }
    }

    /// Queues a stream's bytes.
    pub fn send(&mut self, raw: Vec<u8>) {
        match &self.sender {
            // A thread that is gone has panicked: `finish` says so.
            Some(sender) => drop(sender.send(raw)),
            None => self.here.push(Packed::new(raw)),
        }
    }

    /// Every stream sent, in order, once the last is deflated.
    pub fn finish(mut self) -> Result<Vec<Packed>, String> {
        drop(self.sender.take());
        match self.thread.take() {
            Some(thread) => thread
                .join()
                .map_err(|_| "the stream compressor panicked".to_string()),
            None => Ok(self.here),
        }
    }
}

thread_local! {
    /// One compressor per thread, reset between streams: a new one allocates and clears a few
    /// hundred KB of tables, which for a document's few dozen streams cost a tenth of the whole
    /// PDF's time (and as many fresh pages from the system).
    static COMPRESSOR: std::cell::RefCell<flate2::Compress> =
        std::cell::RefCell::new(flate2::Compress::new(flate2::Compression::new(LEVEL), true));
}

/// `input` as a zlib stream (the same bytes as a fresh compressor gives), or `None` on failure.
fn deflate(input: &[u8]) -> Option<Vec<u8>> {
    COMPRESSOR.with(|cell| {
        let mut compressor = cell.borrow_mut();
        compressor.reset();
        let mut out = Vec::with_capacity(input.len() / 2 + 64);
        loop {
            let (read, written) = (compressor.total_in(), compressor.total_out());
            let rest = input.get(usize::try_from(read).ok()?..)?;
            let status = compressor
                .compress_vec(rest, &mut out, flate2::FlushCompress::Finish)
                .ok()?;
            if status == flate2::Status::StreamEnd {
                return Some(out);
            }
            let stuck = (read, written) == (compressor.total_in(), compressor.total_out());
            if stuck && out.len() < out.capacity() {
                return None;
            }
            // The output is full: give it room and go on.
            out.reserve(out.len().max(64));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh(input: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(LEVEL));
        encoder.write_all(input).expect("in memory");
        encoder.finish().expect("in memory")
    }

    fn large() -> Vec<u8> {
        (0..300_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 & 0x3f)
            .collect()
    }

    #[test]
    fn a_reused_compressor_gives_the_bytes_of_a_fresh_one() {
        // Large (several output blocks), then small, then empty, then large again: nothing of a
        // stream carries over into the next.
        let large = large();
        let inputs: [&[u8]; 4] = [&large, b"BT /F1 12 Tf (Hello) Tj ET", b"", &large];
        for input in inputs {
            let out = deflate(input).expect("deflates");
            assert_eq!(out, fresh(input));
            let mut back = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&out[..]), &mut back)
                .expect("inflates");
            assert_eq!(back, input);
        }
    }

    #[test]
    fn early_streams_are_found_by_their_bytes_and_the_rest_deflated() {
        let mut doc = Document::with_version("1.7");
        let font = large();
        let page = b"BT /F1 12 Tf (Hello) Tj ET ".repeat(50);
        let tiny = b"q Q".to_vec();
        let ids: Vec<_> = [font.clone(), page.clone(), tiny.clone()]
            .into_iter()
            .map(|bytes| doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), bytes)))
            .collect();
        let early = Packed::new(font.clone());
        let expected = early.deflated.clone().expect("deflates");
        compress(&mut doc, vec![early]);
        let content = |index: usize| {
            let stream = doc.get_object(ids[index]).and_then(Object::as_stream);
            let stream = stream.expect("a stream");
            (stream.content.clone(), stream.dict.get(b"Filter").is_ok())
        };
        assert_eq!(content(0), (expected, true));
        assert_eq!(content(1), (fresh(&page), true));
        assert_eq!(content(2), (tiny, false), "too small to pay");
    }
}
