//! Delivery over SMTP: lettre's connection (greeting, STARTTLS or implicit TLS, AUTH,
//! replies), with a small pool of our own around it.
//!
//! Why not lettre's `AsyncSmtpTransport`: lettre 0.11.23 writes a message's content and the
//! closing `\r\n.\r\n` as two writes on a socket with Nagle's algorithm on. The second,
//! five-byte write then waits for the server's delayed acknowledgement of the first, about
//! 40 ms a message on Linux whatever the server (21 messages a second to the test sink).
//! Here the dot-stuffed content and its closing dot leave in one write; every other step of
//! the exchange is lettre's own (`MAIL`, `RCPT`, `DATA` and the reply parsing).

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tessera_common::mailing::stored_reason;
use tessera_common::Msg;

/// How long connecting, or one message's whole exchange, may take.
const TIMEOUT: Duration = Duration::from_secs(60);
/// Connections kept open between messages.
const MAX_IDLE: usize = 8;
/// An idle connection older than this is closed rather than reused (servers close idle
/// connections after a few minutes).
const MAX_IDLE_AGE: Duration = Duration::from_secs(60);
/// An idle connection older than this is checked with `NOOP` before it is reused.
const CHECK_AFTER: Duration = Duration::from_secs(1);

/// Why a mail was not handed over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendFailure {
    /// Refused for good (an SMTP 5xx answer such as an unknown mailbox, an address that is
    /// none, or content this server cannot take): a bounce, not tried again.
    Refused(String),
    /// Anything that may pass later (a 4xx answer, a lost or hung connection): tried again.
    Temporary(String),
}

impl SendFailure {
    /// Refused for one of our own reasons, stored as its message key.
    pub fn refused(reason: Msg) -> Self {
        SendFailure::Refused(stored_reason(reason))
    }

    /// Not handed over for now, for one of our own reasons.
    pub fn temporary(reason: Msg) -> Self {
        SendFailure::Temporary(stored_reason(reason))
    }
}

impl From<lettre::transport::smtp::Error> for SendFailure {
    /// The server's answer is kept as it came ("550 5.1.1 no such mailbox"); anything else
    /// (no connection, TLS, a reply that is none) is logged and stored as our own reason.
    fn from(e: lettre::transport::smtp::Error) -> Self {
        let Some(code) = e.status() else {
            tracing::warn!(error = %e, "the mail server could not be used");
            return SendFailure::temporary(Msg::MailReasonUnreachable);
        };
        let reply = std::error::Error::source(&e)
            .map(|s| format!("{code} {s}"))
            .unwrap_or_else(|| code.to_string());
        if e.is_permanent() {
            SendFailure::Refused(reply)
        } else {
            SendFailure::Temporary(reply)
        }
    }
}

enum Security {
    /// Plain text (a relay on the same host).
    None,
    /// STARTTLS, or no message is sent.
    Required(TlsParameters),
    /// STARTTLS when the server offers it.
    Opportunistic(TlsParameters),
    /// TLS from the first byte (`smtps`).
    Wrapper(TlsParameters),
}

struct Idle {
    conn: AsyncSmtpConnection,
    since: Instant,
}

/// A mail server's address with its connections; cheap to share behind an `Arc`.
pub struct SmtpClient {
    host: String,
    port: u16,
    security: Security,
    hello: ClientId,
    credentials: Option<Credentials>,
    idle: Mutex<Vec<Idle>>,
}

impl SmtpClient {
    /// lettre's URL forms: `smtp://host:port` (plain), `smtp://user:pw@host?tls=required`
    /// or `?tls=opportunistic` (STARTTLS, port 587 by default), `smtps://user:pw@host`
    /// (implicit TLS, port 465 by default); a path names the host in `EHLO`. The error
    /// never repeats the URL, which may carry a password.
    pub fn from_url(url: &str) -> Result<SmtpClient, String> {
        let url = url::Url::parse(url).map_err(|e| format!("not a URL: {e}"))?;
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or("the URL names no host")?
            .to_owned();
        let tls = url
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.into_owned());
        let params = || {
            TlsParameters::new(host.trim_matches(['[', ']']).to_owned())
                .map_err(|e| format!("TLS: {e}"))
        };
        let (security, default_port) = match (url.scheme(), tls.as_deref()) {
            ("smtp", None) => (Security::None, 25),
            ("smtp", Some("required")) => (Security::Required(params()?), 587),
            ("smtp", Some("opportunistic")) => (Security::Opportunistic(params()?), 587),
            ("smtps", _) => (Security::Wrapper(params()?), 465),
            (scheme, tls) => {
                return Err(format!(
                    "the scheme {scheme:?} with tls={tls:?} is none of smtp, \
                     smtp?tls=required, smtp?tls=opportunistic, smtps"
                ))
            }
        };
        let hello = match url.path().trim_matches('/') {
            "" => ClientId::default(),
            name => ClientId::Domain(name.to_owned()),
        };
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| "the user name or password is not UTF-8 once decoded".to_owned())
        };
        let credentials = match url.password() {
            Some(password) => Some(Credentials::new(decode(url.username())?, decode(password)?)),
            None => None,
        };
        Ok(SmtpClient {
            port: url.port().unwrap_or(default_port),
            host,
            security,
            hello,
            credentials,
            idle: Mutex::new(Vec::new()),
        })
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, SendFailure> {
        let wrapper = match &self.security {
            Security::Wrapper(p) => Some(p.clone()),
            _ => None,
        };
        let mut conn = AsyncSmtpConnection::connect_tokio1(
            (self.host.trim_matches(['[', ']']), self.port),
            Some(TIMEOUT),
            &self.hello,
            wrapper,
            None,
        )
        .await?;
        match &self.security {
            Security::Required(p) => conn.starttls(p.clone(), &self.hello).await?,
            Security::Opportunistic(p) if conn.can_starttls() => {
                conn.starttls(p.clone(), &self.hello).await?
            }
            _ => {}
        }
        if let Some(credentials) = &self.credentials {
            conn.auth(DEFAULT_MECHANISMS, credentials).await?;
        }
        Ok(conn)
    }

    /// A connection: an idle one that still answers, or a new one.
    async fn checkout(&self) -> Result<AsyncSmtpConnection, SendFailure> {
        loop {
            let idle = self.idle.lock().map_err(|_| poisoned())?.pop();
            let Some(Idle { mut conn, since }) = idle else {
                return self.connect().await;
            };
            let age = since.elapsed();
            if age > MAX_IDLE_AGE || conn.has_broken() {
                conn.abort().await;
            } else if age < CHECK_AFTER || conn.test_connected().await {
                return Ok(conn);
            }
        }
    }

    fn checkin(&self, conn: AsyncSmtpConnection) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < MAX_IDLE && !conn.has_broken() {
                idle.push(Idle {
                    conn,
                    since: crate::clock::monotonic(),
                });
            }
        }
    }

    /// [`SmtpClient::checkout`] within [`TIMEOUT`].
    async fn checkout_in_time(&self) -> Result<AsyncSmtpConnection, SendFailure> {
        tokio::time::timeout(TIMEOUT, self.checkout())
            .await
            .map_err(|_| SendFailure::temporary(Msg::MailReasonNoAnswer))?
    }

    /// Hands `email` (a formatted message) to the server for `envelope`'s recipients.
    pub async fn send(&self, envelope: &Envelope, email: &[u8]) -> Result<(), SendFailure> {
        let mut conn = self.checkout_in_time().await?;
        match tokio::time::timeout(TIMEOUT, transaction(&mut conn, envelope, email)).await {
            Ok(Ok(())) => {
                self.checkin(conn);
                Ok(())
            }
            Ok(Err(e)) => {
                conn.abort().await;
                Err(e)
            }
            Err(_) => Err(SendFailure::temporary(Msg::MailReasonNoAnswer)),
        }
    }

    /// Connects (or checks an idle connection) without sending anything.
    pub async fn test(&self) -> Result<(), SendFailure> {
        let conn = self.checkout_in_time().await?;
        self.checkin(conn);
        Ok(())
    }
}

fn poisoned() -> SendFailure {
    SendFailure::temporary(Msg::MailReasonUnreachable)
}

/// One message's exchange on an open connection: `MAIL`, `RCPT` for each recipient,
/// `DATA`, then the content with its closing dot in one write.
async fn transaction(
    conn: &mut AsyncSmtpConnection,
    envelope: &Envelope,
    email: &[u8],
) -> Result<(), SendFailure> {
    let mut params = Vec::new();
    let non_ascii = envelope
        .from()
        .into_iter()
        .chain(envelope.to())
        .any(|a| !AsRef::<str>::as_ref(a).is_ascii());
    if non_ascii {
        if !conn.server_info().supports_feature(Extension::SmtpUtfEight) {
            return Err(SendFailure::refused(Msg::MailReasonNoUtf8Address));
        }
        params.push(MailParameter::SmtpUtfEight);
    }
    if !email.is_ascii() {
        if !conn.server_info().supports_feature(Extension::EightBitMime) {
            return Err(SendFailure::refused(Msg::MailReasonNo8Bit));
        }
        params.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    conn.command(Mail::new(envelope.from().cloned(), params))
        .await?;
    for to in envelope.to() {
        conn.command(Rcpt::new(to.clone(), vec![])).await?;
    }
    conn.command(Data).await?;
    match std::str::from_utf8(email) {
        Ok(text) => {
            conn.command(dot_stuffed(text)).await?;
        }
        // Not text (never so for a message lettre built): lettre's own two writes.
        Err(_) => {
            conn.message(email).await?;
        }
    }
    Ok(())
}

/// `text` as the content of `DATA` (RFC 5321 4.5.2): a dot that begins a line is doubled,
/// and `\r\n.\r\n` closes it. A line begins at the start and after each `\r\n`, as lettre's
/// own encoder counts.
fn dot_stuffed(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 64 + 8);
    let mut line_start = true;
    let mut after_cr = false;
    for c in text.chars() {
        if c == '.' && line_start {
            out.push('.');
        }
        out.push(c);
        line_start = after_cr && c == '\n';
        after_cr = c == '\r';
    }
    out.push_str("\r\n.\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_that_begin_a_line_are_doubled() {
        assert_eq!(dot_stuffed(""), "\r\n.\r\n");
        assert_eq!(dot_stuffed(".a"), "..a\r\n.\r\n");
        assert_eq!(dot_stuffed("a\r\n.\r\nb"), "a\r\n..\r\nb\r\n.\r\n");
        assert_eq!(dot_stuffed("a.b\r\n..c"), "a.b\r\n...c\r\n.\r\n");
        // a bare line feed or carriage return ends no line
        assert_eq!(dot_stuffed("a\n.b\r.c"), "a\n.b\r.c\r\n.\r\n");
        assert_eq!(dot_stuffed("é\r\n.é"), "é\r\n..é\r\n.\r\n");
    }

    #[test]
    fn urls_are_read_as_lettre_reads_them() {
        let c = SmtpClient::from_url("smtp://127.0.0.1:2525").expect("plain");
        assert_eq!((c.host.as_str(), c.port), ("127.0.0.1", 2525));
        assert!(matches!(c.security, Security::None) && c.credentials.is_none());
        let c =
            SmtpClient::from_url("smtp://u%40x:p%2Fw@mail.example?tls=required").expect("starttls");
        assert_eq!(c.port, 587);
        assert!(matches!(c.security, Security::Required(_)) && c.credentials.is_some());
        let c = SmtpClient::from_url("smtps://u:p@mail.example/relay.example").expect("smtps");
        assert_eq!(c.port, 465);
        assert!(matches!(c.security, Security::Wrapper(_)));
        assert_eq!(c.hello, ClientId::Domain("relay.example".into()));
        for bad in [
            "",
            "mail.example",
            "http://mail.example",
            "smtp://mail.example?tls=sometimes",
        ] {
            let e = SmtpClient::from_url(bad).err().expect(bad);
            assert!(!e.is_empty());
        }
        let e = SmtpClient::from_url("ftp://user:secret@mail.example").err();
        assert!(e.is_some_and(|e| !e.contains("secret")));
    }
}
