//! Delivering alerts: to a shell command (`exec`: the alert as JSON on its standard input)
//! and to a URL (`webhook`: POSTed as JSON, with a timeout and retries). A delivery that
//! fails is returned as a failed [`Delivery`], never as an error: the run it belongs to goes
//! on.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;

use crate::log::{Alert, Delivery};
use crate::watch::Watch;

/// How deliveries are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryOptions {
    /// Longest a command may run, or a webhook request take (connecting, sending and
    /// reading the answer), before it counts as failed (default 10 s).
    pub timeout: Duration,
    /// Webhook attempts in all, the first included (default 3).
    pub attempts: u32,
    /// Pause before the second attempt, doubled before each further one (default 500 ms).
    pub backoff: Duration,
}

impl Default for DeliveryOptions {
    fn default() -> DeliveryOptions {
        DeliveryOptions {
            timeout: Duration::from_secs(10),
            attempts: 3,
            backoff: Duration::from_millis(500),
        }
    }
}

/// Delivers `alert` every way `watch` asks for (none, exec, webhook or both).
pub fn deliver(watch: &Watch, alert: &Alert, options: &DeliveryOptions) -> Vec<Delivery> {
    let body = serde_json::to_string(alert).expect("alerts serialise");
    let mut out = Vec::new();
    if let Some(command) = &watch.exec {
        let outcome = exec(command, &body, alert, options.timeout);
        out.push(record(alert, "exec", command, 1, outcome));
    }
    if let Some(url) = &watch.webhook {
        let (attempts, outcome) = webhook(url, &body, options);
        out.push(record(alert, "webhook", url, attempts, outcome));
    }
    out
}

fn record(
    alert: &Alert,
    via: &str,
    target: &str,
    attempts: u32,
    outcome: Result<(), String>,
) -> Delivery {
    Delivery {
        watch: alert.watch.clone(),
        id: alert.id.clone(),
        via: via.to_string(),
        target: target.to_string(),
        ok: outcome.is_ok(),
        attempts,
        error: outcome.err(),
        at: Utc::now(),
    }
}

/// Runs `command` with `sh -c`, the alert on its standard input and in the environment
/// (`NEWSIDX_WATCH`, `NEWSIDX_ID`); killed after `timeout`.
fn exec(command: &str, body: &str, alert: &Alert, timeout: Duration) -> Result<(), String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .env("NEWSIDX_WATCH", &alert.watch)
        .env("NEWSIDX_ID", &alert.id)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start sh: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that does not read its input is not an error.
        let _ = stdin.write_all(body.as_bytes());
        let _ = stdin.write_all(b"\n");
    }
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("the command ended with {status}")),
            Ok(None) if start.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "the command ran longer than {} s and was stopped",
                    timeout.as_secs_f64()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("waiting for the command: {e}")),
        }
    }
}

/// POSTs `body` to `url`, trying again after a pause on a failure; returns the attempts made
/// and the last outcome.
fn webhook(url: &str, body: &str, options: &DeliveryOptions) -> (u32, Result<(), String>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(true)
        .build()
        .into();
    let mut pause = options.backoff;
    let mut outcome = Err("no attempt made".to_string());
    let attempts = options.attempts.max(1);
    for attempt in 1..=attempts {
        outcome = agent
            .post(url)
            .header("Content-Type", "application/json")
            .header("User-Agent", concat!("newsidx/", env!("CARGO_PKG_VERSION")))
            .send(body)
            .map(|_| ())
            .map_err(|e| e.to_string());
        if outcome.is_ok() {
            return (attempt, outcome);
        }
        if attempt < attempts {
            std::thread::sleep(pause);
            pause *= 2;
        }
    }
    (attempts, outcome)
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Read};
    use std::net::TcpListener;
    use std::sync::mpsc;

    use super::*;

    fn alert() -> Alert {
        Alert {
            watch: "mali".into(),
            id: "42".into(),
            title: "Wagner in Mali".into(),
            date: None,
            source: Some("Reuters".into()),
            at: Utc::now(),
        }
    }

    fn quick() -> DeliveryOptions {
        DeliveryOptions {
            timeout: Duration::from_secs(5),
            attempts: 3,
            backoff: Duration::from_millis(10),
        }
    }

    /// A loopback HTTP server that answers each request with the next status of `statuses`
    /// and sends the bodies it received.
    fn server(statuses: Vec<u16>) -> (String, mpsc::Receiver<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            for status in statuses {
                let (stream, _) = listener.accept().unwrap();
                let mut reader = BufReader::new(stream);
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    let lower = line.to_ascii_lowercase();
                    if let Some(n) = lower.strip_prefix("content-length:") {
                        length = n.trim().parse().unwrap();
                    }
                    if line == "\r\n" {
                        break;
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                send.send(String::from_utf8(body).unwrap()).unwrap();
                let mut stream = reader.into_inner();
                write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
                .unwrap();
            }
        });
        (url, receive)
    }

    #[test]
    fn a_webhook_is_retried_until_it_answers_2xx() {
        let (url, bodies) = server(vec![500, 503, 200]);
        let mut watch = Watch::new("mali", "wagner");
        watch.webhook = Some(url);
        let delivered = deliver(&watch, &alert(), &quick());
        assert_eq!(delivered.len(), 1);
        assert!(delivered[0].ok, "{delivered:?}");
        assert_eq!(delivered[0].attempts, 3);
        let body: Alert = serde_json::from_str(&bodies.recv().unwrap()).unwrap();
        assert_eq!(body.id, "42");
        assert_eq!(bodies.iter().count(), 2);
    }

    #[test]
    fn a_webhook_that_keeps_failing_is_a_failed_delivery() {
        let (url, _bodies) = server(vec![500, 500]);
        let mut watch = Watch::new("mali", "wagner");
        watch.webhook = Some(url);
        let options = DeliveryOptions {
            attempts: 2,
            ..quick()
        };
        let delivered = deliver(&watch, &alert(), &options);
        assert!(!delivered[0].ok);
        assert_eq!(delivered[0].attempts, 2);
        assert!(delivered[0].error.as_deref().unwrap().contains("500"));
        // Nobody listening: refused at once, no error raised.
        let closed = TcpListener::bind("127.0.0.1:0").unwrap();
        watch.webhook = Some(format!("http://{}/", closed.local_addr().unwrap()));
        drop(closed);
        assert!(!deliver(&watch, &alert(), &options)[0].ok);
    }

    #[test]
    fn exec_gets_the_alert_on_stdin() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("got.json");
        let mut watch = Watch::new("mali", "wagner");
        watch.exec = Some(format!("cat > '{}'", out.display()));
        let delivered = deliver(&watch, &alert(), &quick());
        assert!(delivered[0].ok, "{delivered:?}");
        let got: Alert = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(got.title, "Wagner in Mali");
        watch.exec = Some("exit 3".into());
        let failed = deliver(&watch, &alert(), &quick());
        assert!(!failed[0].ok);
        assert!(failed[0].error.as_deref().unwrap().contains('3'));
        watch.exec = Some("sleep 5".into());
        let options = DeliveryOptions {
            timeout: Duration::from_millis(100),
            ..quick()
        };
        let slow = deliver(&watch, &alert(), &options);
        assert!(slow[0].error.as_deref().unwrap().contains("longer than"));
    }
}
