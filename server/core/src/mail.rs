//! Outgoing mail: over SMTP when `TESSERA_SMTP_URL` is set (tests run a real SMTP server),
//! otherwise written as `.eml` files under the outbox directory (the demo default), with the
//! path logged. Every message has a plain-text body; a mail sent for a club also has an HTML
//! alternative in the club's look (name, logo, colours), in which every value is escaped,
//! so nothing a club or person typed can become markup.

use crate::error::{internal, Result};
pub use crate::smtp::SendFailure;
use crate::smtp::SmtpClient;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message, MultiPart};
use std::path::PathBuf;
use std::sync::Arc;
use tessera_common::Msg;

#[derive(Clone)]
enum Transport {
    Smtp(Arc<SmtpClient>),
    Outbox(PathBuf),
}

/// Sends mail; cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

/// A message to send.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The club's look, for mails sent on a club's behalf.
    pub brand: Option<Brand>,
}

/// A file attached to a mail (inv20: an invoice's PDF).
#[derive(Clone, Debug)]
pub struct Attachment {
    /// A plain file name (letters, digits, `.`, `-`, `_`), as the receiver saves it.
    pub file_name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// A club's look in its mails.
#[derive(Clone, Debug)]
pub struct Brand {
    pub name: String,
    /// `#rrggbb`, checked when stored.
    pub primary_color: String,
    pub accent_color: String,
    /// The absolute address of the logo, if the club has one.
    pub logo_url: Option<String>,
}

impl Brand {
    /// The look of the tenant of `scope`; `public_url` makes the logo address absolute.
    pub fn of(tenant: &crate::tenancy::TenantRecord, public_url: &str) -> Brand {
        Brand {
            name: tenant.name.clone(),
            primary_color: tenant.primary_color.clone(),
            accent_color: tenant.accent_color.clone(),
            logo_url: tenant
                .logo_url()
                .map(|u| format!("{}{u}", public_url.trim_end_matches('/'))),
        }
    }
}

/// Escapes text for HTML (element content and quoted attribute values).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The HTML alternative of a club's mail: the plain text, escaped, with links made
/// clickable, under a header in the club's colours with its logo and name.
pub fn branded_html(brand: &Brand, subject: &str, body: &str) -> String {
    let color = |c: &str| {
        if tessera_common::color::parse_hex(c).is_some() {
            c.to_string()
        } else {
            "#1f4e79".to_string()
        }
    };
    let paragraphs: String = body
        .split("\n\n")
        .map(|p| {
            let lines: Vec<String> = p
                .lines()
                .map(|l| {
                    let t = l.trim();
                    if (t.starts_with("https://") || t.starts_with("http://"))
                        && !t.contains(char::is_whitespace)
                    {
                        let e = escape_html(t);
                        format!("<a href=\"{e}\">{e}</a>")
                    } else {
                        escape_html(l)
                    }
                })
                .collect();
            format!("<p>{}</p>", lines.join("<br>"))
        })
        .collect();
    let logo = brand
        .logo_url
        .as_deref()
        .map(|u| {
            format!(
                "<img src=\"{}\" alt=\"\" height=\"40\" style=\"vertical-align:middle;margin-right:12px\">",
                escape_html(u)
            )
        })
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"margin:0;font-family:Arial,sans-serif;color:#1b1f24;background:#f5f6f8\">\
         <div style=\"background:{primary};color:#ffffff;padding:16px 24px;border-bottom:4px solid {accent}\">\
         {logo}<strong style=\"font-size:18px\">{name}</strong></div>\
         <div style=\"background:#ffffff;padding:8px 24px 24px;max-width:640px\">{paragraphs}</div>\
         </body></html>",
        title = escape_html(subject),
        primary = color(&brand.primary_color),
        accent = color(&brand.accent_color),
        name = escape_html(&brand.name),
    )
}

impl Mailer {
    /// `smtp://host:port` (plain, for a local relay), `smtps://user:pass@host` or
    /// `smtp://user:pass@host?tls=required` (TLS) — lettre's URL forms
    /// ([`SmtpClient::from_url`]).
    pub fn smtp(url: &str, from: &str) -> std::result::Result<Mailer, String> {
        let client = SmtpClient::from_url(url)
            .map_err(|e| format!("TESSERA_SMTP_URL is not usable: {e}"))?;
        Ok(Mailer {
            transport: Transport::Smtp(Arc::new(client)),
            from: from
                .parse()
                .map_err(|e| format!("TESSERA_MAIL_FROM {from:?}: {e}"))?,
        })
    }

    /// Writes every message as an `.eml` file into `dir`.
    pub fn outbox(dir: PathBuf, from: &str) -> std::result::Result<Mailer, String> {
        Ok(Mailer {
            transport: Transport::Outbox(dir),
            from: from
                .parse()
                .map_err(|e| format!("TESSERA_MAIL_FROM {from:?}: {e}"))?,
        })
    }

    /// Sends `mail` (if any) on a task of its own, so the answer to the request never waits
    /// for the mail server; a failure is logged. Called with `None` on the paths that send
    /// nothing but must look the same (a reset for an unknown address): then the task
    /// speaks to the mail server without sending (connection and NOOP), so the work the
    /// process does after the answer, which a next request could feel, is alike too.
    pub fn send_later(&self, mail: Option<Mail>) {
        let mailer = self.clone();
        tokio::spawn(async move {
            match mail {
                Some(mail) => {
                    if let Err(e) = mailer.send(mail).await {
                        tracing::error!(error = %e, "a mail could not be sent");
                    }
                }
                None => {
                    if let Transport::Smtp(t) = &mailer.transport {
                        let _ = t.test().await;
                    }
                }
            }
        });
    }

    pub async fn send(&self, mail: Mail) -> Result<()> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|_| tessera_common::AppError::field("email", Msg::ErrEmailInvalid))?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone());
        let message = Self::message(builder, mail)?;
        self.deliver(message).await.map_err(|e| match e {
            SendFailure::Refused(e) | SendFailure::Temporary(e) => internal(e),
        })
    }

    /// Sends `mail` with files attached (a `multipart/mixed` message: the text, or the
    /// plain and HTML alternatives of a club's mail, then each file, base64-encoded).
    pub async fn send_with(&self, mail: Mail, attachments: Vec<Attachment>) -> Result<()> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|_| tessera_common::AppError::field("email", Msg::ErrEmailInvalid))?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone());
        let message = Self::message_with(builder, mail, attachments)?;
        self.deliver(message).await.map_err(|e| match e {
            SendFailure::Refused(e) | SendFailure::Temporary(e) => internal(e),
        })
    }

    /// [`Mailer::send_with`] on a task of its own (the answer does not wait; a failure is
    /// logged), as [`Mailer::send_later`].
    pub fn send_later_with(&self, mail: Mail, attachments: Vec<Attachment>) {
        let mailer = self.clone();
        tokio::spawn(async move {
            if let Err(e) = mailer.send_with(mail, attachments).await {
                tracing::error!(error = %e, "a mail could not be sent");
            }
        });
    }

    fn message_with(
        builder: lettre::message::MessageBuilder,
        mail: Mail,
        attachments: Vec<Attachment>,
    ) -> Result<Message> {
        use lettre::message::SinglePart;
        let mut mixed = match &mail.brand {
            Some(brand) => {
                let html = branded_html(brand, &mail.subject, &mail.body);
                MultiPart::mixed().multipart(MultiPart::alternative_plain_html(mail.body, html))
            }
            None => MultiPart::mixed().singlepart(SinglePart::plain(mail.body)),
        };
        for a in attachments {
            let ct = ContentType::parse(&a.content_type).map_err(internal)?;
            let safe: String = a
                .file_name
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
                .take(100)
                .collect();
            mixed = mixed.singlepart(lettre::message::Attachment::new(safe).body(a.data, ct));
        }
        builder.multipart(mixed).map_err(internal)
    }

    /// Sends one mail of a mailing: with `unsubscribe` (a newsletter), the headers of a
    /// one-click unsubscribe (`List-Unsubscribe` with that https address and
    /// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, RFC 2369 and RFC 8058). A
    /// failure says whether the mail server refused the message for good (a bounce) or
    /// another attempt may pass.
    pub async fn send_list(
        &self,
        mail: Mail,
        unsubscribe: Option<&str>,
    ) -> std::result::Result<(), SendFailure> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|_| SendFailure::refused(Msg::MailReasonBadAddress))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone());
        if let Some(url) = unsubscribe {
            builder = builder
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost);
        }
        let message = Self::message(builder, mail).map_err(|e| {
            tracing::warn!(error = %e, "a mail could not be composed");
            SendFailure::refused(Msg::MailReasonUnbuildable)
        })?;
        self.deliver(message).await
    }

    fn message(builder: lettre::message::MessageBuilder, mail: Mail) -> Result<Message> {
        // lettre picks the transfer encoding (quoted-printable for long lines and accents).
        let message = match &mail.brand {
            Some(brand) => {
                let html = branded_html(brand, &mail.subject, &mail.body);
                builder
                    .multipart(MultiPart::alternative_plain_html(mail.body, html))
                    .map_err(internal)?
            }
            None => builder
                .header(ContentType::TEXT_PLAIN)
                .body(mail.body)
                .map_err(internal)?,
        };
        Ok(message)
    }

    async fn deliver(&self, message: Message) -> std::result::Result<(), SendFailure> {
        match &self.transport {
            Transport::Smtp(t) => {
                t.send(message.envelope(), &message.formatted()).await?;
            }
            Transport::Outbox(dir) => {
                let temp = |e: std::io::Error| {
                    tracing::warn!(error = %e, "a mail could not be written to the outbox");
                    SendFailure::temporary(Msg::MailReasonUnreachable)
                };
                tokio::fs::create_dir_all(dir).await.map_err(temp)?;
                let path = dir.join(format!(
                    "{}-{:x}.eml",
                    crate::ids::new_id(),
                    crate::ids::new_id() & 0xffff
                ));
                tokio::fs::write(&path, message.formatted())
                    .await
                    .map_err(temp)?;
                tracing::info!(path = %path.display(), "mail written to the outbox");
            }
        }
        Ok(())
    }
}

/// `List-Unsubscribe: <https://…>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl lettre::message::header::Header for ListUnsubscribe {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> std::result::Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_string()))
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Clone)]
struct ListUnsubscribePost;

impl lettre::message::header::Header for ListUnsubscribePost {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> std::result::Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(
            Self::name(),
            "List-Unsubscribe=One-Click".to_string(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_mail_carries_its_attachment() {
        let dir = std::env::temp_dir().join(format!("tessera-att-{}", crate::ids::new_id()));
        let m = Mailer::outbox(dir.clone(), "Club <club@tessera.test>").unwrap();
        let pdf = b"%PDF-1.3\n\xe2\xe3\xcf\xd3\n%%EOF".to_vec();
        m.send_with(
            Mail {
                to: "ann@example.be".into(),
                subject: "Invoice".into(),
                body: "See the PDF.".into(),
                brand: None,
            },
            vec![Attachment {
                file_name: "invoice-2026-00001.pdf\r\nX-Evil: 1".into(),
                content_type: "application/pdf".into(),
                data: pdf.clone(),
            }],
        )
        .await
        .unwrap();
        let file = std::fs::read_dir(&dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let eml = std::fs::read_to_string(file).unwrap();
        assert!(eml.contains("multipart/mixed"), "{eml}");
        assert!(eml.contains("See the PDF."));
        assert!(eml.contains("Content-Type: application/pdf"));
        assert!(
            eml.contains("attachment; filename=\"invoice-2026-00001.pdfX-Evil1\""),
            "{eml}"
        );
        assert!(
            !eml.contains("\nX-Evil: 1"),
            "no header smuggled through the name"
        );
        // A binary file (as a PDF is) travels base64-encoded, whole.
        assert!(eml.contains("Content-Transfer-Encoding: base64"), "{eml}");
        assert!(eml.contains("JVBERi0xLjMK4uPP0wolJUVPRg=="), "{eml}");
        let _ = std::fs::remove_dir_all(dir);
    }

    /// Our own reasons for a mail not handed over are stored as message keys and read in
    /// each language; a server that is not there is worth another attempt.
    #[tokio::test]
    async fn our_reasons_are_stored_as_keys_and_read_in_three_languages() {
        use tessera_common::mailing::reason_text;
        use tessera_common::Lang;
        let dir = std::env::temp_dir().join(format!("tessera-reason-{}", crate::ids::new_id()));
        let m = Mailer::outbox(dir.clone(), "Club <club@tessera.test>").unwrap();
        let mail = |to: &str| Mail {
            to: to.into(),
            subject: "News".into(),
            body: "Hello".into(),
            brand: None,
        };
        let Err(SendFailure::Refused(stored)) = m.send_list(mail("no address at all"), None).await
        else {
            panic!("an address that is none is refused for good");
        };
        for lang in [Lang::En, Lang::Nl, Lang::Fr] {
            assert_eq!(
                reason_text(&stored, lang),
                Msg::MailReasonBadAddress.text(lang)
            );
        }
        // Nothing listens on port 9 of this host (discard is not run here).
        let closed = Mailer::smtp("smtp://127.0.0.1:9", "Club <club@tessera.test>").unwrap();
        let Err(SendFailure::Temporary(stored)) =
            closed.send_list(mail("ann@example.be"), None).await
        else {
            panic!("a mail server that cannot be reached is tried again later");
        };
        assert_eq!(
            reason_text(&stored, Lang::Fr),
            Msg::MailReasonUnreachable.text(Lang::Fr)
        );
        // The server's own reply is a quotation, shown as it came.
        assert_eq!(
            reason_text("550 5.1.1 no such mailbox", Lang::Nl),
            "550 5.1.1 no such mailbox"
        );
        assert_eq!(reason_text("msg:NoSuchKey", Lang::Nl), "msg:NoSuchKey");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn club_mails_escape_everything_and_use_the_club_look() {
        let brand = Brand {
            name: "<script>alert(1)</script> & Co".into(),
            primary_color: "#123456".into(),
            accent_color: "red; background:url(x)".into(),
            logo_url: Some("https://t.example/c/x/logo?v=ab\"onerror=\"x".into()),
        };
        let html = branded_html(
            &brand,
            "Welcome",
            "Hello <b>Anne</b>,\n\njavascript:alert(1)\nhttps://t.example/invite?token=a&b=c",
        );
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
        assert!(!html.contains("<script>") && !html.contains("<b>"));
        assert!(html.contains("background:#123456"));
        assert!(
            html.contains("solid #1f4e79"),
            "a non-colour falls back: {html}"
        );
        assert!(html.contains("v=ab&quot;onerror=&quot;x"));
        assert!(!html.contains("href=\"javascript"));
        assert!(html.contains("<a href=\"https://t.example/invite?token=a&amp;b=c\">"));
    }
}
