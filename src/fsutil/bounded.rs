//! Reading a file a user named without letting a hostile one take the machine down.
//!
//! Every file the project reads (CSV data sets, preset files) goes through here:
//! - only a regular file is opened: a folder, a named pipe (which would block until someone writes
//!   to it) or a device such as `/dev/zero` (which never ends) is refused before a byte is read;
//! - the file's size is checked against a limit before reading, and the bytes actually read are
//!   counted again while reading (a file may grow, and some files report no size);
//! - a line longer than a limit stops the reading, so a file without line ends is not buffered
//!   whole by a line-oriented parser;
//! - the reading reports its progress and can be cancelled from another thread ([`LoadProgress`]).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Largest preset file, in bytes. A preset is a few hundred bytes of JSON; a megabyte leaves
/// room for long descriptions and still reads in an instant.
pub const MAX_PRESET_BYTES: u64 = 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    /// A folder, a pipe, a device or a socket: not something to read as a file.
    NotRegularFile {
        /// The path as given.
        path: String,
        /// What it is instead, e.g. "a folder".
        kind: &'static str,
    },
    /// Larger than the limit for this kind of file.
    TooLarge {
        /// The path as given.
        path: String,
        /// The limit, in bytes.
        limit: u64,
        /// The size found, in bytes (when the size was not known up front: the bytes read when
        /// the limit was passed).
        found: u64,
    },
    /// A line longer than the limit for this kind of file.
    LineTooLong {
        /// The path as given.
        path: String,
        /// 1-based line number.
        line: u64,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The file is not UTF-8 text.
    NotText {
        /// The path as given.
        path: String,
        /// Where the first bad byte is.
        message: String,
    },
    /// The reading was cancelled through [`LoadProgress::cancel`].
    Cancelled {
        /// The path as given.
        path: String,
    },
    /// The operating system refused (missing file, no permission, disk error).
    Io {
        /// The path as given.
        path: String,
        /// The system's message.
        message: String,
    },
}

impl std::fmt::Display for ReadError {
    /// The message in the language of the thread that formats it (see [`crate::i18n`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ReadError::NotRegularFile { path, kind } => {
                t!("{path}: not a regular file (it is {kind}); choose an ordinary file", path = path, kind = kind)
            }
            ReadError::TooLarge { path, limit, found } => t!(
                "{path}: the file is larger than the limit of {human_limit} ({limit} bytes): {human_found} found",
                path = path,
                human_limit = human_bytes(*limit),
                limit = limit,
                human_found = human_bytes(*found)
            ),
            ReadError::LineTooLong { path, line, limit } => t!(
                "{path}: line {line} is longer than {human_limit} ({limit} bytes); is this really a text file of rows?",
                path = path,
                line = line,
                human_limit = human_bytes(*limit),
                limit = limit
            ),
            ReadError::NotText { path, message } => t!("{path}: not UTF-8 text ({message})", path = path, message = message),
            ReadError::Cancelled { path } => t!("{path}: loading was cancelled", path = path),
            ReadError::Io { path, message } => t!("{path}: cannot read the file: {message}", path = path, message = message),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ReadError {}

impl ReadError {
    /// The path the error is about.
    pub fn path(&self) -> &str {
        match self {
            ReadError::NotRegularFile { path, .. }
            | ReadError::TooLarge { path, .. }
            | ReadError::LineTooLong { path, .. }
            | ReadError::NotText { path, .. }
            | ReadError::Cancelled { path }
            | ReadError::Io { path, .. } => path,
        }
    }

    /// The message without the path in front, for callers that name the file themselves.
    pub fn reason(&self) -> String {
        let full = self.to_string();
        // Every message above starts with "{path}: ".
        full.strip_prefix(self.path()).and_then(|rest| rest.strip_prefix(": ")).map_or_else(|| full.clone(), str::to_string)
    }
}

/// `bytes` as "512 MiB", "1.5 KiB" or "12 bytes" (the last in the language in force).
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return t!("{bytes} bytes", bytes = bytes);
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 { format!("{value:.0} {}", UNITS[unit]) } else { format!("{value:.1} {}", UNITS[unit]) }
}

/// Progress of a load, shared between the thread that reads and the one that shows it.
///
/// The reader adds to `bytes_read` as it goes and sets `total_bytes` once the file is open; any
/// thread may call [`LoadProgress::cancel`], and the reader stops at its next read (within one
/// buffer, 64 KiB).
#[derive(Debug, Default)]
pub struct LoadProgress {
    bytes_read: AtomicU64,
    total_bytes: AtomicU64,
    cancel: AtomicBool,
}

impl LoadProgress {
    /// A fresh progress: nothing read, not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the reader to stop; it returns a "cancelled" error soon after.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether [`LoadProgress::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read.load(Ordering::Relaxed)
    }

    /// Size of the file being read, in bytes (0 until it is open).
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes.load(Ordering::Relaxed)
    }

    /// Share of the file read, 0 to 1, when its size is known.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total_bytes();
        (total > 0).then(|| (self.bytes_read() as f64 / total as f64).min(1.0) as f32)
    }
}

/// What kind of thing a non-regular path is, in words.
fn describe(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        return t!("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return t!("a named pipe (FIFO)");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return t!("a device");
        }
        if file_type.is_socket() {
            return t!("a socket");
        }
    }
    t!("not an ordinary file")
}

/// Opens `path` for reading if it is a regular file of at most `max_bytes`; returns the file and
/// its size.
///
/// The type is checked before opening (opening a named pipe blocks until a writer comes) and
/// again on the open file, which is opened without blocking, in case the path was swapped between
/// the two.
pub fn open_regular(path: &Path, max_bytes: u64) -> Result<(File, u64), ReadError> {
    let name = path.display().to_string();
    let io_error = |e: io::Error| ReadError::Io { path: name.clone(), message: e.to_string() };
    let before = std::fs::metadata(path).map_err(io_error)?;
    if !before.is_file() {
        return Err(ReadError::NotRegularFile { path: name, kind: describe(before.file_type()) });
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Reads of a regular file ignore O_NONBLOCK; it only keeps a swapped-in pipe from blocking.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegularFile { path: name, kind: describe(metadata.file_type()) });
    }
    if metadata.len() > max_bytes {
        return Err(ReadError::TooLarge { path: name, limit: max_bytes, found: metadata.len() });
    }
    Ok((file, metadata.len()))
}

/// A reader that counts what it reads and stops with a [`ReadError`] (inside an
/// [`io::Error`], see [`read_error_of`]) past `max_bytes`, on a line longer than `max_line_bytes`,
/// or when its [`LoadProgress`] is cancelled.
pub struct BoundedReader<'p, R> {
    inner: R,
    path: String,
    max_bytes: u64,
    max_line_bytes: u64,
    read: u64,
    line: u64,
    line_bytes: u64,
    progress: Option<&'p LoadProgress>,
}

impl<'p, R: Read> BoundedReader<'p, R> {
    /// Wraps `inner`; `path` names the file in errors.
    pub fn new(inner: R, path: &str, max_bytes: u64, max_line_bytes: u64, progress: Option<&'p LoadProgress>) -> Self {
        Self { inner, path: path.to_string(), max_bytes, max_line_bytes, read: 0, line: 1, line_bytes: 0, progress }
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read
    }

    fn fail(&self, error: ReadError) -> io::Error {
        io::Error::other(error)
    }
}

impl<R: Read> Read for BoundedReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.progress.is_some_and(LoadProgress::is_cancelled) {
            return Err(self.fail(ReadError::Cancelled { path: self.path.clone() }));
        }
        // Ask for at most one byte past the limit, so passing it is seen without reading on.
        let room = (self.max_bytes - self.read.min(self.max_bytes)).saturating_add(1);
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.read += n as u64;
        if let Some(progress) = self.progress {
            progress.bytes_read.store(self.read, Ordering::Relaxed);
        }
        if self.read > self.max_bytes {
            return Err(self.fail(ReadError::TooLarge { path: self.path.clone(), limit: self.max_bytes, found: self.read }));
        }
        for chunk in buf[..n].split_inclusive(|&b| b == b'\n') {
            self.line_bytes += chunk.len() as u64;
            if self.line_bytes > self.max_line_bytes {
                let line = self.line;
                return Err(self.fail(ReadError::LineTooLong { path: self.path.clone(), line, limit: self.max_line_bytes }));
            }
            if chunk.last() == Some(&b'\n') {
                self.line += 1;
                self.line_bytes = 0;
            }
        }
        Ok(n)
    }
}

/// The [`ReadError`] a [`BoundedReader`] put inside `error`, if it was one of its own.
pub fn read_error_of(error: &io::Error) -> Option<&ReadError> {
    error.get_ref().and_then(|inner| inner.downcast_ref::<ReadError>())
}

/// Opens `path` as a regular file of at most `max_bytes` and wraps it in a [`BoundedReader`]
/// that reports to `progress` (whose total is set to the file's size).
pub fn open_bounded<'p>(
    path: &Path,
    max_bytes: u64,
    max_line_bytes: u64,
    progress: Option<&'p LoadProgress>,
) -> Result<BoundedReader<'p, File>, ReadError> {
    let (file, size) = open_regular(path, max_bytes)?;
    if let Some(progress) = progress {
        progress.total_bytes.store(size, Ordering::Relaxed);
        progress.bytes_read.store(0, Ordering::Relaxed);
    }
    Ok(BoundedReader::new(file, &path.display().to_string(), max_bytes, max_line_bytes, progress))
}

/// Reads the whole of a small UTF-8 text file (a preset), refusing anything that is not a
/// regular file of at most `max_bytes`.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, ReadError> {
    let name = path.display().to_string();
    let mut reader = open_bounded(path, max_bytes, u64::MAX, None)?;
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|e| match read_error_of(&e) {
        Some(known) => known.clone(),
        None => ReadError::Io { path: name.clone(), message: e.to_string() },
    })?;
    String::from_utf8(bytes).map_err(|e| ReadError::NotText {
        path: name,
        message: t!("the first invalid byte is at offset {offset}", offset = e.utf8_error().valid_up_to()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_bytes(12), "12 bytes");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(512 * 1024 * 1024), "512 MiB");
    }

    #[test]
    fn the_reader_stops_one_byte_past_the_limit() {
        let data = [b'a'; 100];
        let mut reader = BoundedReader::new(&data[..], "mem", 10, u64::MAX, None);
        let mut out = Vec::new();
        let error = reader.read_to_end(&mut out).err().map(|e| read_error_of(&e).cloned());
        assert_eq!(error, Some(Some(ReadError::TooLarge { path: "mem".into(), limit: 10, found: 11 })));
        assert_eq!(reader.bytes_read(), 11);
    }

    #[test]
    fn a_long_line_is_refused_with_its_number() {
        let data = b"short\nshort\nthis one is long\n";
        let mut reader = BoundedReader::new(&data[..], "mem", 1000, 10, None);
        let mut out = Vec::new();
        let error = reader.read_to_end(&mut out).err().map(|e| read_error_of(&e).cloned());
        assert_eq!(error, Some(Some(ReadError::LineTooLong { path: "mem".into(), line: 3, limit: 10 })));
    }

    #[test]
    fn a_cancelled_load_stops_at_the_next_read() {
        let progress = LoadProgress::new();
        progress.cancel();
        let data = b"1,2,3\n";
        let mut reader = BoundedReader::new(&data[..], "mem", 1000, 1000, Some(&progress));
        let mut out = Vec::new();
        let error = reader.read_to_end(&mut out).err().map(|e| read_error_of(&e).cloned());
        assert_eq!(error, Some(Some(ReadError::Cancelled { path: "mem".into() })));
    }
}
