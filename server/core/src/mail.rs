//! Outgoing mail: over SMTP when `TESSERA_SMTP_URL` is set (tests run a real SMTP server),
//! otherwise written as `.eml` files under the outbox directory (the demo default), with the
//! path logged. Messages are plain text, so nothing in them can be markup.

use crate::error::{internal, Result};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Clone)]
enum Transport {
    Smtp(Arc<AsyncSmtpTransport<Tokio1Executor>>),
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
}

impl Mailer {
    /// `smtp://host:port` (plain, for a local relay), `smtps://user:pass@host` or
    /// `smtp://user:pass@host?tls=required` (TLS) — lettre's URL forms.
    pub fn smtp(url: &str, from: &str) -> std::result::Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("TESSERA_SMTP_URL is not usable: {e}"))?
            .build();
        Ok(Mailer {
            transport: Transport::Smtp(Arc::new(transport)),
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

    pub async fn send(&self, mail: Mail) -> Result<()> {
        let to: Mailbox = mail.to.parse().map_err(|_| {
            tessera_common::AppError::field("email", "enter a valid e-mail address")
        })?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN)
            // lettre picks the transfer encoding (quoted-printable for long lines and accents).
            .body(mail.body)
            .map_err(internal)?;
        match &self.transport {
            Transport::Smtp(t) => {
                t.send(message).await.map_err(internal)?;
            }
            Transport::Outbox(dir) => {
                tokio::fs::create_dir_all(dir).await.map_err(internal)?;
                let path = dir.join(format!(
                    "{}-{:x}.eml",
                    crate::ids::new_id(),
                    crate::ids::new_id() & 0xffff
                ));
                tokio::fs::write(&path, message.formatted())
                    .await
                    .map_err(internal)?;
                tracing::info!(path = %path.display(), "mail written to the outbox");
            }
        }
        Ok(())
    }
}
