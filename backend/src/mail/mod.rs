//! Outgoing email through lettre over SMTP. Safeguarding alerts will go through a transactional
//! outbox (a later change); for now this wires the settings and the transport.

use crate::config::MailSettings;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(settings: &MailSettings) -> anyhow::Result<Mailer> {
        let mut builder = if settings.smtp_tls {
            AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.smtp_host)?
        } else {
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.smtp_host)
        }
        .port(settings.smtp_port)
        .timeout(Some(std::time::Duration::from_secs(10)));
        if let (Some(user), Some(password)) = (&settings.smtp_username, &settings.smtp_password) {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                password.expose_secret().to_owned(),
            ));
        }
        Ok(Mailer {
            transport: builder.build(),
            from: settings.from.parse()?,
        })
    }

    /// Sends one plain-text message; the caller decides about retries. `id` (the outbox row's)
    /// becomes its Message-ID, the same on every try, so a message sent twice (an instance
    /// stopped between the server's "accepted" and marking it sent) is known as one.
    pub async fn send(
        &self,
        id: uuid::Uuid,
        to: &str,
        subject: &str,
        body: &str,
    ) -> anyhow::Result<()> {
        let message = Message::builder()
            .message_id(Some(format!("<{id}@chorus>")))
            .from(self.from.clone())
            .to(to.parse()?)
            .subject(subject)
            .body(body.to_owned())?;
        self.transport.send(message).await?;
        Ok(())
    }
}
