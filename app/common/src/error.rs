//! The one error type that crosses the server-function boundary.
//!
//! Domain code returns it, server functions pass it on unchanged, and [`AppError::status`]
//! is the single place that maps it to an HTTP status. Its messages are safe to show to
//! anyone: internal details stay in the server log, keyed by the reference in `Internal`.
//!
//! A domain error carries no text: it names a [`Msg`] and its arguments (a [`Problem`]),
//! and is rendered in the visitor's language where it is shown ([`AppError::text`],
//! [`Problem::render`]). Arguments that are words are themselves a `Msg`
//! ([`Problem::arg_msg`]), so they are translated too.

use crate::i18n::{Lang, Msg};
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// The value of one `{placeholder}` of a problem's message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    /// Shown as it is: a number, a date, a name someone typed.
    Text(String),
    /// A word of the interface, shown in the visitor's language.
    Msg(Msg),
    /// A text given in English, Dutch and French (in that order), such as a module's name.
    Words([String; 3]),
}

/// What went wrong, as a message key and its arguments; rendered in the visitor's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub msg: Msg,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, Arg)>,
}

impl Problem {
    pub fn new(msg: Msg) -> Self {
        Problem {
            msg,
            args: Vec::new(),
        }
    }

    /// Adds a value shown as it is (`{name}` in the message).
    pub fn arg(mut self, name: &str, value: impl std::fmt::Display) -> Self {
        self.args
            .push((name.to_string(), Arg::Text(value.to_string())));
        self
    }

    /// Adds a word of the interface, translated when the problem is rendered.
    pub fn arg_msg(mut self, name: &str, value: Msg) -> Self {
        self.args.push((name.to_string(), Arg::Msg(value)));
        self
    }

    /// Adds a value shown as it is when there is one, else a translated word (for example
    /// who changed a record, or [`Msg::SystemActor`]).
    pub fn arg_or(self, name: &str, value: Option<String>, fallback: Msg) -> Self {
        match value {
            Some(v) => self.arg(name, v),
            None => self.arg_msg(name, fallback),
        }
    }

    /// Adds a text that exists in the three languages (a module's name, say).
    pub fn arg_words(mut self, name: &str, en: &str, nl: &str, fr: &str) -> Self {
        self.args.push((
            name.to_string(),
            Arg::Words([en.to_string(), nl.to_string(), fr.to_string()]),
        ));
        self
    }

    /// The message in `lang`, placeholders filled.
    pub fn render(&self, lang: Lang) -> String {
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Arg::Text(s) => s.clone(),
                    Arg::Msg(m) => m.text(lang).to_string(),
                    Arg::Words([en, nl, fr]) => match lang {
                        Lang::En => en.clone(),
                        Lang::Nl => nl.clone(),
                        Lang::Fr => fr.clone(),
                    },
                };
                (k.as_str(), v)
            })
            .collect();
        let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.msg.fill(lang, &refs)
    }
}

impl From<Msg> for Problem {
    fn from(msg: Msg) -> Self {
        Problem::new(msg)
    }
}

impl std::fmt::Display for Problem {
    /// English, for logs and the command line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A problem with one input field, shown next to that field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: impl Into<Problem>) -> Self {
        FieldError {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The thing does not exist, or the caller may not know that it exists. Tenant
    /// isolation answers with this, never with `Forbidden`, so that other tenants' slugs
    /// and ids cannot be probed.
    #[error("not found")]
    NotFound,
    /// The caller must sign in first.
    #[error("sign-in required")]
    Unauthenticated,
    /// Signed in and inside the tenant, but without the right for this.
    #[error("you do not have the right to do this")]
    Forbidden,
    /// Input that cannot be accepted, with a readable reason.
    #[error("{0}")]
    BadRequest(Problem),
    /// Input with per-field problems.
    #[error("some fields need attention")]
    Invalid(Vec<FieldError>),
    /// The record changed since it was read, or a unique value is taken.
    #[error("{0}")]
    Conflict(Problem),
    /// Too many attempts; try again after the given number of seconds.
    #[error("too many attempts, try again in {0} seconds")]
    TooManyRequests(u64),
    /// The club's terms of use must be accepted first.
    #[error("accept the club's terms of use first")]
    TermsRequired,
    /// The environment is read-only (for instance an expired trial).
    #[error("this environment is read-only")]
    ReadOnly,
    /// Something failed on our side. The string is a reference to find it in the log.
    #[error("something went wrong on our side (reference {0})")]
    Internal(String),
}

impl AppError {
    /// The HTTP status for this error: the one mapping used by pages and server functions.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::TermsRequired => 403,
            AppError::BadRequest(_) | AppError::Invalid(_) => 400,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests(_) => 429,
            AppError::ReadOnly => 423,
            AppError::Internal(_) => 500,
        }
    }

    pub fn bad_request(problem: impl Into<Problem>) -> Self {
        AppError::BadRequest(problem.into())
    }

    pub fn conflict(problem: impl Into<Problem>) -> Self {
        AppError::Conflict(problem.into())
    }

    pub fn field(field: impl Into<String>, problem: impl Into<Problem>) -> Self {
        AppError::Invalid(vec![FieldError::new(field, problem)])
    }

    /// The error as JSON, for the query of a redirect back to a page, which shows it with
    /// [`AppError::text`] in its own language (the same encoding as the `__err` parameter
    /// of a failed form post).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads back [`AppError::to_json`]; `None` for anything else, so a hand-made address
    /// cannot put text of its choosing on a page.
    pub fn from_json(s: &str) -> Option<AppError> {
        serde_json::from_str(s).ok()
    }

    /// The one text of this error in `lang`: what the visitor reads, whatever the page.
    /// Field problems are joined with "; ".
    pub fn text(&self, lang: Lang) -> String {
        match self {
            AppError::NotFound => Msg::NotFoundText.text(lang).to_string(),
            AppError::Unauthenticated => Msg::SignInRequiredText.text(lang).to_string(),
            AppError::Forbidden => Msg::ForbiddenText.text(lang).to_string(),
            AppError::TermsRequired => Msg::TermsAcceptFirst.text(lang).to_string(),
            AppError::ReadOnly => Msg::ReadOnlyRefused.text(lang).to_string(),
            AppError::BadRequest(p) | AppError::Conflict(p) => p.render(lang),
            AppError::Invalid(fields) => fields
                .iter()
                .map(|f| f.problem.render(lang))
                .collect::<Vec<_>>()
                .join("; "),
            AppError::TooManyRequests(secs) => {
                Msg::ErrTooManyRequests.fill(lang, &[("secs", &secs.to_string())])
            }
            // Only a reference is ever shown: an `Internal` that came from outside (through
            // a page's address) with other text in it shows the general sentence.
            AppError::Internal(_) => match self.internal_reference() {
                Some(r) => Msg::ErrInternal.fill(lang, &[("reference", r)]),
                None => Msg::InternalErrorText.text(lang).to_string(),
            },
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The caller sent something we could not read: that is their input, not our fault.
            ServerFnErrorErr::Args(_) => AppError::bad_request(Msg::ErrRequestUnreadable),
            ServerFnErrorErr::MissingArg(arg) => {
                AppError::bad_request(Problem::new(Msg::ErrRequestMissingField).arg("field", arg))
            }
            // A body that is not text (invalid UTF-8) or not a form: also the caller's.
            ServerFnErrorErr::Deserialization(_) => {
                AppError::bad_request(Msg::ErrRequestUnreadable)
            }
            // Anything else failed on our side (or, in the browser, on the way): its text
            // goes to the log under a reference, and only the reference to the person.
            other => {
                let reference = internal_reference();
                tracing::error!(reference = %reference, error = %other, "internal error");
                AppError::Internal(reference)
            }
        }
    }
}

/// URL-safe base64 (`-`, `_`), with or without `=` padding; `None` for anything else.
fn base64_url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // One character alone cannot be a byte; leftover bits must be zero.
    (bits < 6 && acc == 0).then_some(out)
}

/// A short reference for an internal error, to find it in the log: eight hex digits, as
/// `tessera_core::ids::short_reference` makes them.
fn internal_reference() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    // Random keys per process, plus a counter so two errors never share one.
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNT.fetch_add(1, Ordering::Relaxed));
    format!("{:08x}", h.finish() as u32)
}

impl AppError {
    /// Reads the error a form post was redirected back with (the `__err` query parameter:
    /// URL-safe base64 of the error's JSON). Anything that is not exactly that, and any
    /// `Internal` that does not carry a reference, gives `None`: the page then shows no
    /// error rather than a 500 or text taken from the address. (The server only lets a
    /// page be rendered with an `__err` it signed itself; see `security::signed_messages`.)
    pub fn from_url_param(param: &str) -> Option<AppError> {
        use server_fn::Decodes;
        if param.len() > 16 * 1024 {
            return None;
        }
        let bytes = base64_url_decode(param)?;
        let e: AppError = <JsonEncoding as Decodes<AppError>>::decode(bytes.into()).ok()?;
        match &e {
            AppError::Internal(_) if e.internal_reference().is_none() => None,
            _ => Some(e),
        }
    }

    /// The reference of an `Internal` error, when it is one: eight hex digits. Anything
    /// else in an `Internal` (which came from outside, for instance through the address of
    /// a page) is not shown.
    pub fn internal_reference(&self) -> Option<&str> {
        match self {
            AppError::Internal(r) if r.len() == 8 && r.bytes().all(|b| b.is_ascii_hexdigit()) => {
                Some(r)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_maps_to_its_status() {
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::Unauthenticated.status(), 401);
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(
            AppError::bad_request(Msg::ErrRequestUnreadable).status(),
            400
        );
        assert_eq!(
            AppError::field("a", Msg::ErrRequestUnreadable).status(),
            400
        );
        assert_eq!(AppError::conflict(Msg::ErrRequestUnreadable).status(), 409);
        assert_eq!(AppError::TooManyRequests(3).status(), 429);
        assert_eq!(AppError::ReadOnly.status(), 423);
        assert_eq!(AppError::Internal("r".into()).status(), 500);
    }

    #[test]
    fn unreadable_arguments_are_the_callers_fault() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args("bad".into()));
        assert_eq!(e.status(), 400);
        let e = AppError::from_server_fn_error(ServerFnErrorErr::MissingArg("club".into()));
        assert_eq!(e.status(), 400);
    }

    #[test]
    fn form_errors_in_the_address_are_read_strictly() {
        use server_fn::error::ServerFnUrlError;
        for e in [
            AppError::NotFound,
            AppError::field("name", Msg::ErrRequired),
            AppError::conflict(Msg::ErrRequired),
            AppError::TooManyRequests(30),
            AppError::Internal("0a1b2c3d".into()),
        ] {
            // What server_fn puts into the address, read back.
            let url = ServerFnUrlError::new("/api/x", e.clone())
                .to_url("http://h/p")
                .expect("a url");
            let param = url
                .query_pairs()
                .find(|(k, _)| k == "__err")
                .map(|(_, v)| v.to_string())
                .expect("an __err");
            assert_eq!(AppError::from_url_param(&param), Some(e));
        }
        for bad in [
            "",
            "!!!",
            "not base64 at all",
            "e30",                              // {} : not an AppError
            "eyJCYWRSZXF1ZXN0Ijo",              // cut-off JSON
            "eyJJbnRlcm5hbCI6IjxiPmhpPC9iPiJ9", // {"Internal":"<b>hi</b>"}
            "A",
        ] {
            assert_eq!(AppError::from_url_param(bad), None, "{bad}");
        }
    }

    #[test]
    fn unreadable_bodies_are_the_callers_fault() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Deserialization(
            "invalid utf-8 sequence of 1 bytes from index 5".into(),
        ));
        assert_eq!(e, AppError::bad_request(Msg::ErrRequestUnreadable));
    }

    #[test]
    fn internal_failures_carry_only_a_reference() {
        let secret = "error returned from database: password authentication failed";
        for e in [
            ServerFnErrorErr::ServerError(secret.into()),
            ServerFnErrorErr::Serialization(secret.into()),
            ServerFnErrorErr::Response(secret.into()),
            ServerFnErrorErr::Request(secret.into()),
            ServerFnErrorErr::MiddlewareError(secret.into()),
            ServerFnErrorErr::Registration(secret.into()),
        ] {
            let e = AppError::from_server_fn_error(e);
            assert_eq!(e.status(), 500);
            assert!(!e.to_string().contains("password"), "{e}");
            assert!(e.internal_reference().is_some(), "{e:?}");
        }
        let a = AppError::from_server_fn_error(ServerFnErrorErr::ServerError("x".into()));
        let b = AppError::from_server_fn_error(ServerFnErrorErr::ServerError("x".into()));
        assert_ne!(a, b, "each failure has its own reference");
        assert_eq!(
            AppError::Internal("<b>hi</b>".into()).internal_reference(),
            None
        );
    }

    #[test]
    fn a_problem_survives_json_and_renders_per_language() {
        let e = AppError::Invalid(vec![FieldError::new(
            "kind",
            Problem::new(Msg::ErrRequestMissingField)
                .arg("field", "x")
                .arg_msg("kind", Msg::KindClub),
        )]);
        let json = serde_json::to_string(&e).unwrap();
        let back: AppError = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
        let p = Problem::new(Msg::ErrTooManyRequests).arg("secs", 5);
        assert!(p.render(Lang::Nl).contains('5'));
        assert_ne!(p.render(Lang::Nl), p.render(Lang::Fr));
        // A word given as an argument is translated.
        let w = Problem::new(Msg::ErrInternal).arg_msg("reference", Msg::KindFederation);
        assert!(w.render(Lang::Nl).contains("federatie"));
        assert!(w.render(Lang::Fr).contains("fédération"));
    }
}
