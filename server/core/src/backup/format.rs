//! The backup file, byte by byte (format 1):
//!
//! ```text
//! "TESSERA-BACKUP\n"                     15 bytes, the magic
//! header                                 one line of JSON ending in "\n" (at most 64 KiB)
//! frame*                                 u32 big-endian length (> 0), then that many bytes
//! 0u32                                   the end of the frames
//! SHA-256                                32 bytes: of every byte before them (the checksum)
//! ```
//!
//! The frames carry the body, a gzip stream of JSON lines (see `super`), cut in chunks of
//! at most [`CHUNK`] bytes. Encrypted (the header's `encryption`), each frame is one chunk
//! sealed with XChaCha20-Poly1305 under the key: nonce = the header's 16-byte random prefix
//! followed by the chunk's number (u64 big-endian, the top bit set on the last chunk), the
//! associated data the magic and header line. So a changed, dropped, reordered or added
//! chunk fails to open, a file cut after a chunk lacks the last-chunk mark, and the header
//! cannot be swapped. The checksum finds damage in any file, encrypted or not, before
//! anything is restored.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{self, Read, Write};

pub const MAGIC: &[u8] = b"TESSERA-BACKUP\n";
pub const FORMAT: u32 = 1;
/// Plain bytes per chunk.
pub const CHUNK: usize = 1 << 20;
const MAX_HEADER: usize = 64 * 1024;
const LAST: u64 = 1 << 63;
pub const CIPHER: &str = "XChaCha20-Poly1305";

/// What goes wrong with a backup file or a restore, worded for the person running it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BackupError {
    #[error("{0}")]
    Io(String),
    #[error("{0} is not a Tessera backup file")]
    NotABackup(String),
    #[error("the backup file is damaged or incomplete (its checksum does not match, or it ends early): nothing was restored")]
    Damaged,
    #[error("the backup file was altered (an encrypted part fails its authentication): nothing was restored")]
    Altered,
    #[error("this backup is of format {0}, which this version of Tessera does not read (it reads format {FORMAT})")]
    Format(u32),
    #[error("this backup is encrypted: set TESSERA_BACKUP_KEY to the key it was made with")]
    KeyNeeded,
    #[error("TESSERA_BACKUP_KEY is not the key this backup was made with")]
    WrongKey,
    #[error("TESSERA_BACKUP_KEY must be 64 hexadecimal digits (32 bytes), for example from `openssl rand -hex 32`")]
    BadKey,
    #[error("the backup is of database schema {backup} (its last migration), this database is at {database}: restore it with the Tessera version that made it, into a database migrated to the same schema")]
    Schema { backup: i64, database: i64 },
    #[error("the database is not empty (it holds {0}): restoring would replace everything in it; add --force to do that")]
    NotEmpty(String),
    #[error("the backup does not fit this database: {0}")]
    Mismatch(String),
    #[error("{0}")]
    Database(String),
}

impl From<io::Error> for BackupError {
    fn from(e: io::Error) -> Self {
        BackupError::Io(e.to_string())
    }
}

/// The key of an encrypted backup (32 bytes).
#[derive(Clone)]
pub struct Key([u8; 32]);

impl Key {
    /// From 64 hexadecimal digits (spaces around them ignored).
    pub fn from_hex(text: &str) -> Result<Key, BackupError> {
        let bytes = hex::decode(text.trim()).map_err(|_| BackupError::BadKey)?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| BackupError::BadKey)?;
        Ok(Key(bytes))
    }

    /// A value that tells whether a key is the one a backup was made with, without
    /// revealing the key: HMAC-SHA-256 under it of the nonce prefix.
    fn check(&self, prefix: &[u8]) -> Result<String, BackupError> {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.0).map_err(|_| BackupError::BadKey)?;
        mac.update(b"tessera-backup-key-check");
        mac.update(prefix);
        Ok(hex::encode(mac.finalize().into_bytes()))
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Encryption {
    pub cipher: String,
    /// 16 random bytes, hex: the first part of every chunk's nonce.
    pub nonce_prefix: String,
    /// HMAC-SHA-256 under the key of the prefix, hex: tells a wrong key from damage.
    pub key_check: String,
}

/// The header line.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Header {
    pub format: u32,
    /// The last migration applied to the database backed up.
    pub schema: i64,
    /// The kind of database it was taken from (`sqlite`, `postgres`); the body is the same
    /// for both, and restores into either.
    pub database: String,
    /// When it was taken (ms since the epoch).
    pub created_at: i64,
    pub compression: String,
    pub encryption: Option<Encryption>,
    pub checksum: String,
}

pub const CHECKSUM: &str = "SHA-256 of every byte before the file's last 32, which hold it";

/// Writes the frames of a body; counts and hashes every byte written.
pub struct FrameWriter<W: Write> {
    out: W,
    hash: Sha256,
    written: u64,
    buf: Vec<u8>,
    seal: Option<(XChaCha20Poly1305, [u8; 16], Vec<u8>)>,
    counter: u64,
}

impl<W: Write> FrameWriter<W> {
    /// Writes the magic and the header; `key` encrypts the body.
    pub fn start(
        mut out: W,
        mut header: Header,
        key: Option<&Key>,
    ) -> Result<FrameWriter<W>, BackupError> {
        let mut seal = None;
        if let Some(key) = key {
            let prefix: [u8; 16] = crate::ids::random_bytes::<16>()
                .map_err(|_| BackupError::Io("the system has no randomness to give".into()))?;
            header.encryption = Some(Encryption {
                cipher: CIPHER.into(),
                nonce_prefix: hex::encode(prefix),
                key_check: key.check(&prefix)?,
            });
            seal = Some((XChaCha20Poly1305::new((&key.0).into()), prefix, Vec::new()));
        }
        let mut head = MAGIC.to_vec();
        head.extend(serde_json::to_vec(&header).map_err(|e| BackupError::Io(e.to_string()))?);
        head.push(b'\n');
        if let Some((_, _, aad)) = &mut seal {
            *aad = head.clone();
        }
        let mut hash = Sha256::new();
        hash.update(&head);
        out.write_all(&head)?;
        Ok(FrameWriter {
            out,
            hash,
            written: head.len() as u64,
            buf: Vec::with_capacity(CHUNK),
            seal,
            counter: 0,
        })
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.hash.update(bytes);
        self.written += bytes.len() as u64;
        self.out.write_all(bytes)
    }

    fn frame(&mut self, last: bool) -> io::Result<()> {
        let plain = std::mem::take(&mut self.buf);
        let body = match &self.seal {
            Some((cipher, prefix, aad)) => {
                let mut nonce = [0u8; 24];
                nonce[..16].copy_from_slice(prefix);
                let n = self.counter | if last { LAST } else { 0 };
                nonce[16..].copy_from_slice(&n.to_be_bytes());
                cipher
                    .encrypt(XNonce::from_slice(&nonce), Payload { msg: &plain, aad })
                    .map_err(|_| io::Error::other("encryption failed"))?
            }
            None => plain,
        };
        self.counter += 1;
        if !body.is_empty() {
            self.put(&(body.len() as u32).to_be_bytes())?;
            self.put(&body)?;
        }
        self.buf = Vec::with_capacity(CHUNK);
        Ok(())
    }

    /// Ends the body: the last chunk, the end mark, the checksum. Returns the file's size.
    pub fn finish(mut self) -> Result<u64, BackupError> {
        self.frame(true)?;
        self.put(&0u32.to_be_bytes())?;
        let digest = self.hash.clone().finalize();
        self.out.write_all(&digest)?;
        self.out.flush()?;
        Ok(self.written + 32)
    }
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let room = CHUNK - self.buf.len();
        let n = data.len().min(room);
        self.buf.extend_from_slice(&data[..n]);
        if self.buf.len() == CHUNK {
            self.frame(false)?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Reads the magic and header line of a backup.
pub fn read_header(r: &mut impl Read, name: &str) -> Result<(Header, Vec<u8>), BackupError> {
    let mut magic = [0u8; 15];
    if r.read_exact(&mut magic).is_err() || magic != MAGIC {
        return Err(BackupError::NotABackup(name.into()));
    }
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        if r.read_exact(&mut byte).is_err() {
            return Err(BackupError::Damaged);
        }
        if byte[0] == b'\n' {
            break;
        }
        line.push(byte[0]);
        if line.len() > MAX_HEADER {
            return Err(BackupError::NotABackup(name.into()));
        }
    }
    #[derive(Deserialize)]
    struct Version {
        format: u32,
    }
    let version: Version =
        serde_json::from_slice(&line).map_err(|_| BackupError::NotABackup(name.into()))?;
    if version.format != FORMAT {
        return Err(BackupError::Format(version.format));
    }
    let header: Header =
        serde_json::from_slice(&line).map_err(|_| BackupError::NotABackup(name.into()))?;
    let mut head = MAGIC.to_vec();
    head.extend(&line);
    head.push(b'\n');
    Ok((header, head))
}

/// Checks a whole file against its checksum (the first pass of a restore), reading it once.
pub fn verify_checksum(path: &std::path::Path) -> Result<(), BackupError> {
    let mut f = std::io::BufReader::with_capacity(
        1 << 20,
        std::fs::File::open(path)
            .map_err(|e| BackupError::Io(format!("cannot read {}: {e}", path.display())))?,
    );
    let len = std::fs::metadata(path)?.len();
    if len < 32 {
        return Err(BackupError::Damaged);
    }
    let mut hash = Sha256::new();
    let mut left = len - 32;
    let mut buf = vec![0u8; 1 << 20];
    while left > 0 {
        let want = (buf.len() as u64).min(left) as usize;
        f.read_exact(&mut buf[..want])?;
        hash.update(&buf[..want]);
        left -= want as u64;
    }
    let mut stored = [0u8; 32];
    f.read_exact(&mut stored)?;
    if hash.finalize().as_slice() != stored {
        return Err(BackupError::Damaged);
    }
    Ok(())
}

/// Reads a body's frames back into the plain (gzip) stream, opening encrypted chunks.
pub struct FrameReader<R: Read> {
    input: R,
    open: Option<(XChaCha20Poly1305, [u8; 16], Vec<u8>)>,
    counter: u64,
    chunk: Vec<u8>,
    pos: usize,
    ended: bool,
}

impl<R: Read> FrameReader<R> {
    /// After [`read_header`]: `head` is the magic and header line as read.
    pub fn new(
        input: R,
        header: &Header,
        head: Vec<u8>,
        key: Option<&Key>,
    ) -> Result<FrameReader<R>, BackupError> {
        let open = match (&header.encryption, key) {
            (None, _) => None,
            (Some(_), None) => return Err(BackupError::KeyNeeded),
            (Some(e), Some(key)) => {
                if e.cipher != CIPHER {
                    return Err(BackupError::Mismatch(format!(
                        "it is encrypted with {}, which this version does not know",
                        e.cipher
                    )));
                }
                let prefix: [u8; 16] = hex::decode(&e.nonce_prefix)
                    .ok()
                    .and_then(|b| b.try_into().ok())
                    .ok_or(BackupError::Damaged)?;
                if key.check(&prefix)? != e.key_check {
                    return Err(BackupError::WrongKey);
                }
                Some((XChaCha20Poly1305::new((&key.0).into()), prefix, head))
            }
        };
        Ok(FrameReader {
            input,
            open,
            counter: 0,
            chunk: Vec::new(),
            pos: 0,
            ended: false,
        })
    }

    fn next_frame(&mut self) -> io::Result<bool> {
        let damaged = || io::Error::new(io::ErrorKind::InvalidData, BackupError::Damaged);
        let altered = || io::Error::new(io::ErrorKind::InvalidData, BackupError::Altered);
        if self.ended {
            return Ok(false);
        }
        let mut len = [0u8; 4];
        self.input.read_exact(&mut len).map_err(|_| damaged())?;
        let len = u32::from_be_bytes(len) as usize;
        if len == 0 {
            // The end mark: an encrypted body must have ended on a chunk marked last.
            if self.open.is_some() {
                return Err(altered());
            }
            self.ended = true;
            return Ok(false);
        }
        if len > CHUNK + 64 {
            return Err(damaged());
        }
        let mut body = vec![0u8; len];
        self.input.read_exact(&mut body).map_err(|_| damaged())?;
        self.chunk = match &self.open {
            None => body,
            Some((cipher, prefix, aad)) => {
                let mut plain = None;
                for last in [false, true] {
                    let mut nonce = [0u8; 24];
                    nonce[..16].copy_from_slice(prefix);
                    let n = self.counter | if last { LAST } else { 0 };
                    nonce[16..].copy_from_slice(&n.to_be_bytes());
                    if let Ok(p) =
                        cipher.decrypt(XNonce::from_slice(&nonce), Payload { msg: &body, aad })
                    {
                        plain = Some((p, last));
                        break;
                    }
                }
                let (p, last) = plain.ok_or_else(altered)?;
                if last {
                    // Nothing may follow the last chunk but the end mark.
                    let mut end = [0u8; 4];
                    self.input.read_exact(&mut end).map_err(|_| damaged())?;
                    if end != [0; 4] {
                        return Err(altered());
                    }
                    self.ended = true;
                }
                p
            }
        };
        self.counter += 1;
        self.pos = 0;
        Ok(true)
    }
}

impl<R: Read> Read for FrameReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.chunk.len() {
            if !self.next_frame()? {
                return Ok(0);
            }
        }
        let n = out.len().min(self.chunk.len() - self.pos);
        out[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The [`BackupError`] inside an I/O error raised by the readers, or the I/O error itself.
pub fn unwrap_io(e: io::Error) -> BackupError {
    if e.get_ref().is_some_and(|i| i.is::<BackupError>()) {
        if let Some(inner) = e.into_inner() {
            if let Ok(b) = inner.downcast::<BackupError>() {
                return *b;
            }
        }
        return BackupError::Damaged;
    }
    if e.kind() == io::ErrorKind::InvalidData || e.kind() == io::ErrorKind::UnexpectedEof {
        return BackupError::Damaged;
    }
    BackupError::Io(e.to_string())
}
