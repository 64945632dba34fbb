//! A real SMTP server on loopback (aiosmtpd, writing each message to a maildir).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct MailSink {
    pub port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl MailSink {
    pub fn start() -> MailSink {
        let mut sink = MailSink {
            port: free_port(),
            dir: tempfile::tempdir().expect("temp dir"),
            child: None,
        };
        sink.resume();
        sink
    }

    fn maildir(&self) -> PathBuf {
        self.dir.path().join("maildir")
    }

    /// Starts (again) on the same port and maildir.
    pub fn resume(&mut self) {
        let child = Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{}", self.port),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(self.maildir())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts (pip install aiosmtpd)");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not start listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Every message received so far, as raw text.
    pub fn messages(&self) -> Vec<String> {
        let new = self.maildir().join("new");
        let Ok(entries) = std::fs::read_dir(new) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok())
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect()
    }

    /// Waits until at least `n` messages have arrived (or `timeout` passes) and returns them.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<String> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= n || Instant::now() > deadline {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A received message's text body, decoded (long lines arrive quoted-printable).
pub fn body(message: &str) -> String {
    mailparse::parse_mail(message.as_bytes())
        .and_then(|parsed| parsed.get_body())
        .expect("a readable email")
}
