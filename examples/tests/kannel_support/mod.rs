//! What the Kannel interop tests share: Debian's Kannel 1.4.5 (`bearerbox` + `smsbox`,
//! installed by `.ci/install-peers.sh`) started as child processes on a configuration
//! written into a temporary directory, every port picked free by the OS; a small HTTP
//! listener that records the requests Kannel makes (delivery reports at `dlr-url`, MO
//! messages at an `sms-service`'s `get-url`); and Kannel's `sendsms` interface.
//!
//! The processes are killed when the [`Kannel`] value is dropped, also when a test
//! fails; a missing peer is a failure, never a skip. Every wait has a time limit, and a
//! failure message carries Kannel's logs.
//!
//! [`Setup`] holds what a test runs: our SMSC (SMPP or EMI, behind [`OurSmsc`]), Kannel
//! connected to it and the HTTP listener Kannel reports to.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::time::timeout;

/// How long one step may take.
pub(crate) const STEP: Duration = Duration::from_secs(10);

/// A Kannel program, looked up on `PATH` and then in the `sbin` directories Debian
/// installs it to (not on every user's `PATH`); a missing one fails the test.
fn kannel_program(name: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    dirs.extend(["/usr/sbin", "/usr/local/sbin", "/sbin"].map(PathBuf::from));
    dirs.iter()
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| {
            panic!(
                "peer missing: Kannel's {name} is neither on PATH nor in /usr/sbin \
                 (install Debian's kannel package: run .ci/install-peers.sh)"
            )
        })
}

/// A port that was free a moment ago (the OS picked it for a listener we closed).
pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a loopback port")
        .port()
}

/// A listener on a loopback port the OS picks.
pub(crate) async fn loopback_listener() -> TcpListener {
    TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port")
}

/// A fresh directory under the system's temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(prefix: &str) -> TempDir {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let unique = format!(
            "{prefix}-{}-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        );
        let dir = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The ports of one Kannel instance.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ports {
    /// bearerbox's HTTP administration.
    pub(crate) admin: u16,
    /// bearerbox's port for smsbox.
    pub(crate) smsbox: u16,
    /// smsbox's `sendsms` HTTP interface.
    pub(crate) sendsms: u16,
}

/// A running bearerbox + smsbox, killed on drop.
pub(crate) struct Kannel {
    dir: TempDir,
    bearerbox: Option<Child>,
    smsbox: Option<Child>,
    /// Where it listens.
    pub(crate) ports: Ports,
    /// The admin password and the `sendsms` user's password.
    secret: String,
}

impl Kannel {
    /// Writes the configuration (core, `smsc_group`, smsbox with a `sendsms` user, a
    /// default `sms-service` whose `get-url` is `mo_url` with Kannel's escapes), starts
    /// bearerbox, waits for its smsbox port, starts smsbox and waits for `sendsms`.
    ///
    /// The ports were free when picked but another program may take one before Kannel
    /// binds it: a start that fails is tried again on new ports, twice at most.
    pub(crate) async fn start(smsc_group: &str, mo_url: &str) -> Kannel {
        let bearerbox = kannel_program("bearerbox");
        let smsbox = kannel_program("smsbox");
        let mut failures = Vec::new();
        for _ in 0..3 {
            match Kannel::try_start(&bearerbox, &smsbox, smsc_group, mo_url).await {
                Ok(kannel) => return kannel,
                Err(failure) => failures.push(failure),
            }
        }
        panic!("Kannel did not start:\n{}", failures.join("\n"));
    }

    async fn try_start(
        bearerbox_program: &Path,
        smsbox_program: &Path,
        smsc_group: &str,
        mo_url: &str,
    ) -> Result<Kannel, String> {
        let dir = TempDir::new("isms-kannel");
        // Credentials of this instance only: a port that another Kannel holds answers
        // with a refusal instead of passing for ours.
        let secret = dir
            .0
            .file_name()
            .map(|n| n.to_string_lossy().replace('-', ""))
            .unwrap_or_default();
        let ports = Ports {
            admin: free_port(),
            smsbox: free_port(),
            sendsms: free_port(),
        };
        let d = dir.0.display();
        let config = format!(
            r#"group = core
admin-port = {admin}
admin-password = {secret}
smsbox-port = {smsbox}
log-file = "{d}/bearerbox.log"
log-level = 0
access-log = "{d}/access.log"
dlr-storage = internal
box-allow-ip = "127.0.0.1"

{smsc_group}

group = smsbox
bearerbox-host = 127.0.0.1
sendsms-port = {sendsms}
log-file = "{d}/smsbox.log"
log-level = 0
# UCS2 MO reaches get-url in UTF-8 instead of raw UTF-16BE octets.
mo-recode = true

group = sendsms-user
username = u
password = {secret}
max-messages = 10
concatenation = true

group = sms-service
keyword = default
get-url = "{mo_url}"
max-messages = 0
omit-empty = true
"#,
            admin = ports.admin,
            smsbox = ports.smsbox,
            sendsms = ports.sendsms,
        );
        let conf = dir.0.join("kannel.conf");
        std::fs::write(&conf, config).expect("the Kannel configuration written");
        let mut kannel = Kannel {
            dir,
            bearerbox: None,
            smsbox: None,
            ports,
            secret,
        };
        kannel.bearerbox = Some(kannel.spawn(bearerbox_program, "bearerbox", &conf));
        kannel
            .wait_for_port(ports.smsbox, "bearerbox's smsbox port")
            .await?;
        kannel.smsbox = Some(kannel.spawn(smsbox_program, "smsbox", &conf));
        kannel
            .wait_for_port(ports.sendsms, "smsbox's sendsms port")
            .await?;
        kannel.wait_for_sendsms_user().await?;
        Ok(kannel)
    }

    fn spawn(&self, program: &Path, name: &str, conf: &Path) -> Child {
        let out = std::fs::File::create(self.dir.0.join(format!("{name}.stdout")))
            .expect("a stdout file");
        let err = std::fs::File::create(self.dir.0.join(format!("{name}.stderr")))
            .expect("a stderr file");
        Command::new(program)
            .arg(conf)
            .current_dir(&self.dir.0)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("peer failed: {} cannot be started: {e}", program.display()))
    }

    /// Polls until something listens on `port`; fails (with the logs) if a Kannel
    /// process exits or the time is up.
    async fn wait_for_port(&mut self, port: u16, what: &str) -> Result<(), String> {
        let deadline = Instant::now() + STEP;
        loop {
            let exited = [
                ("bearerbox", &mut self.bearerbox),
                ("smsbox", &mut self.smsbox),
            ]
            .into_iter()
            .find_map(|(name, child)| {
                let status = child.as_mut()?.try_wait().ok()??;
                Some((name, status))
            });
            if let Some((name, status)) = exited {
                return Err(format!(
                    "{name} exited ({status}) before {what} opened\n{}",
                    self.logs()
                ));
            }
            if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "{what} ({port}) did not open within {STEP:?}\n{}",
                    self.logs()
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// smsbox opens its `sendsms` port before it has read the `sendsms-user` groups; a
    /// request in between is refused with "Authorization failed" (seen under load).
    /// Asks with the user's credentials and no message until the refusal is another.
    async fn wait_for_sendsms_user(&self) -> Result<(), String> {
        let deadline = Instant::now() + STEP;
        loop {
            let (status, body) = self.sendsms(&[]).await;
            if !body.contains("Authorization failed") {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "smsbox still refuses the sendsms user after {STEP:?}: {status} {body:?}\n{}",
                    self.logs()
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The tails of Kannel's log files and outputs, for failure messages (without the
    /// hex dumps of HTTP traffic that debug level adds).
    pub(crate) fn logs(&self) -> String {
        let mut all = String::new();
        for (name, keep) in [
            ("bearerbox.log", 120),
            ("smsbox.log", 60),
            ("access.log", 20),
            // What went wrong before a log file was opened (a bad configuration).
            ("bearerbox.stderr", 10),
            ("smsbox.stderr", 10),
        ] {
            let text = std::fs::read_to_string(self.dir.0.join(name)).unwrap_or_default();
            let lines: Vec<&str> = text
                .lines()
                .filter(|l| !l.contains("DEBUG:   ") && !l.contains("Octet string"))
                .collect();
            let tail = lines
                .get(lines.len().saturating_sub(keep)..)
                .unwrap_or_default();
            let _ = writeln!(all, "----- {name} (last {} lines) -----", tail.len());
            for line in tail {
                let _ = writeln!(all, "{line}");
            }
        }
        all
    }

    /// bearerbox's `status.txt` (admin interface).
    async fn status(&self) -> Option<String> {
        let request = format!(
            "GET /status.txt?password={} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n",
            self.secret
        );
        let answer = timeout(STEP, async {
            let mut stream = TcpStream::connect(("127.0.0.1", self.ports.admin)).await?;
            stream.write_all(request.as_bytes()).await?;
            let mut answer = Vec::new();
            stream.read_to_end(&mut answer).await?;
            Ok::<_, std::io::Error>(answer)
        })
        .await;
        match answer {
            Ok(Ok(answer)) => Some(String::from_utf8_lossy(&answer).into_owned()),
            _ => None,
        }
    }

    /// Waits until bearerbox reports the SMSC connection `smsc_id` online: only then does
    /// it route a `sendsms` message to it at once (before, the message is queued and
    /// resent a minute later).
    pub(crate) async fn wait_online(&self, smsc_id: &str) {
        let deadline = Instant::now() + STEP;
        let mut last = None;
        while Instant::now() < deadline {
            last = self.status().await;
            let online = last.as_deref().is_some_and(|status| {
                status
                    .lines()
                    .any(|l| l.trim_start().starts_with(smsc_id) && l.contains("(online"))
            });
            if online {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "bearerbox did not report {smsc_id} online within {STEP:?}; status: {last:?}\n{}",
            self.logs()
        );
    }

    /// `GET /cgi-bin/sendsms` with `params` (the user's credentials added): the HTTP status code and
    /// body.
    pub(crate) async fn sendsms(&self, params: &[(&str, &str)]) -> (u16, String) {
        let params: Vec<(&str, &[u8])> = params.iter().map(|(k, v)| (*k, v.as_bytes())).collect();
        self.sendsms_bytes(&params).await
    }

    /// [`Kannel::sendsms`] with values as octets (binary text for `coding=1`).
    pub(crate) async fn sendsms_bytes(&self, params: &[(&str, &[u8])]) -> (u16, String) {
        let mut query = format!("username=u&password={}", self.secret);
        for (k, v) in params {
            let _ = write!(query, "&{k}={}", percent_encode(v));
        }
        let request = format!(
            "GET /cgi-bin/sendsms?{query} HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        );
        let answer = timeout(STEP, async {
            let mut stream = TcpStream::connect(("127.0.0.1", self.ports.sendsms)).await?;
            stream.write_all(request.as_bytes()).await?;
            let mut answer = Vec::new();
            stream.read_to_end(&mut answer).await?;
            Ok::<_, std::io::Error>(answer)
        })
        .await;
        let answer = match answer {
            Ok(Ok(answer)) => String::from_utf8_lossy(&answer).into_owned(),
            Ok(Err(e)) => panic!("sendsms failed: {e}\n{}", self.logs()),
            Err(_) => panic!("sendsms did not answer within {STEP:?}\n{}", self.logs()),
        };
        let status = answer
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = answer
            .split_once("\r\n\r\n")
            .map_or("", |(_, body)| body)
            .to_owned();
        (status, body)
    }
}

impl Drop for Kannel {
    fn drop(&mut self) {
        // smsbox first: it is bearerbox's client.
        for child in [self.smsbox.take(), self.bearerbox.take()]
            .into_iter()
            .flatten()
        {
            let mut child = child;
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Percent-encoding of a query value (RFC 3986 unreserved characters kept).
fn percent_encode(value: &[u8]) -> String {
    let mut out = String::with_capacity(value.len());
    for &b in value {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Decodes a query component (`+` is a space; a bad escape is kept as it is).
fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|h| char::from(*h).to_digit(16));
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                if let (Some(hi), Some(lo)) = (hex(i + 1), hex(i + 2)) {
                    out.push((hi * 16 + lo) as u8);
                    i += 2;
                } else {
                    out.push(b);
                }
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Our SMSC (the SMPP or the EMI server of `isms-examples`) as a Kannel test watches it.
pub(crate) trait OurSmsc {
    /// What the server reports.
    type Event: std::fmt::Debug;
    /// The server's next event; `None` once it has stopped.
    async fn next_event(&mut self) -> Option<Self::Event>;
    /// Why `event` fails the test at once (our SMSC could not use what Kannel sent), if
    /// it does.
    fn failure(event: &Self::Event) -> Option<String>;
    /// Stops the server and waits until its connections have closed.
    async fn shutdown(self);
}

/// Our SMSC, Kannel connected to it, and the HTTP listener Kannel reports to.
pub(crate) struct Setup<S> {
    pub(crate) http: HttpSink,
    pub(crate) server: S,
    pub(crate) kannel: Kannel,
    /// Server events passed over while waiting for others.
    seen: Vec<String>,
}

impl<S: OurSmsc> Setup<S> {
    /// Starts an [`HttpSink`], then Kannel with `smsc_group` (its connection to
    /// `server`) and a default `sms-service` whose `get-url` is the sink's `/mo` with the sender (`from`), the
    /// recipient (`to`), the text, the SMSC id, the coding and the charset.
    pub(crate) async fn start_kannel(server: S, smsc_group: &str) -> Setup<S> {
        let http = HttpSink::start().await;
        let mo_url = format!(
            "http://{}/mo?from=%p&to=%P&text=%a&smsc=%i&coding=%c&charset=%C",
            http.addr
        );
        let kannel = Kannel::start(smsc_group, &mo_url).await;
        Setup {
            http,
            server,
            kannel,
            seen: Vec::new(),
        }
    }

    /// The next server event that `pick` accepts; fails with Kannel's logs after
    /// [`STEP`], or at once on an event [`OurSmsc::failure`] names.
    pub(crate) async fn expect_event(
        &mut self,
        what: &str,
        mut pick: impl FnMut(&S::Event) -> bool,
    ) -> S::Event {
        let deadline = tokio::time::Instant::now() + STEP;
        loop {
            match tokio::time::timeout_at(deadline, self.server.next_event()).await {
                Ok(Some(event)) => {
                    if let Some(failure) = S::failure(&event) {
                        panic!("{what}: {failure}\n{}", self.kannel.logs());
                    }
                    if pick(&event) {
                        return event;
                    }
                    self.seen.push(format!("{event:?}"));
                }
                Ok(None) => panic!(
                    "{what}: our SMSC stopped; events: {:#?}\n{}",
                    self.seen,
                    self.kannel.logs()
                ),
                Err(_) => panic!(
                    "{what}: not seen within {STEP:?}; other events: {:#?}\n{}",
                    self.seen,
                    self.kannel.logs()
                ),
            }
        }
    }

    /// Gives a message to smsbox's `sendsms` and checks that it was accepted.
    pub(crate) async fn sendsms(&self, params: &[(&str, &str)]) {
        let params: Vec<(&str, &[u8])> = params.iter().map(|(k, v)| (*k, v.as_bytes())).collect();
        self.sendsms_bytes(&params).await;
    }

    /// [`Setup::sendsms`] with values as octets (binary text for `coding=1`).
    pub(crate) async fn sendsms_bytes(&self, params: &[(&str, &[u8])]) {
        let (status, body) = self.kannel.sendsms_bytes(params).await;
        assert!(
            (200..300).contains(&status) && body.contains("Accepted"),
            "sendsms answered {status} {body:?}\n{}",
            self.kannel.logs()
        );
    }

    /// A request Kannel made on `path` that `pick` accepts ([`HttpSink::expect`]).
    pub(crate) async fn expect_hit(
        &mut self,
        path: &str,
        what: &str,
        pick: impl FnMut(&HttpHit) -> bool,
    ) -> HttpHit {
        self.http.expect(&self.kannel, path, what, pick).await
    }

    /// Stops Kannel, then our SMSC.
    pub(crate) async fn stop(self) {
        drop(self.kannel);
        self.server.shutdown().await;
    }
}

/// One HTTP request Kannel made.
#[derive(Debug, Clone)]
pub(crate) struct HttpHit {
    /// The path.
    pub(crate) path: String,
    /// The query, decoded, in order.
    pub(crate) query: Vec<(String, String)>,
}

impl HttpHit {
    /// The first value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A tiny HTTP listener: answers every request `200 OK` with an empty body and records
/// its path and query.
pub(crate) struct HttpSink {
    /// Where it listens.
    pub(crate) addr: SocketAddr,
    hits: mpsc::UnboundedReceiver<HttpHit>,
    /// Every hit so far, for failure messages.
    pub(crate) seen: Vec<HttpHit>,
    /// Hits passed over by [`HttpSink::expect`], still to be taken.
    waiting: Vec<HttpHit>,
}

impl HttpSink {
    /// Listens on a loopback port the OS picks.
    pub(crate) async fn start() -> HttpSink {
        let listener = loopback_listener().await;
        let addr = listener.local_addr().expect("the listener's address");
        let (tx, hits) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let tx = tx.clone();
                tokio::spawn(async move {
                    if let Some(hit) = serve_http(stream).await {
                        let _ = tx.send(hit);
                    }
                });
            }
        });
        HttpSink {
            addr,
            hits,
            seen: Vec::new(),
            waiting: Vec::new(),
        }
    }

    /// Takes a request on `path` that `pick` accepts, one passed over earlier or the
    /// next to come (each request is taken once); fails with the hits seen and Kannel's
    /// logs after [`STEP`].
    pub(crate) async fn expect(
        &mut self,
        kannel: &Kannel,
        path: &str,
        what: &str,
        mut pick: impl FnMut(&HttpHit) -> bool,
    ) -> HttpHit {
        if let Some(at) = self
            .waiting
            .iter()
            .position(|hit| hit.path == path && pick(hit))
        {
            return self.waiting.remove(at);
        }
        let deadline = tokio::time::Instant::now() + STEP;
        loop {
            match tokio::time::timeout_at(deadline, self.hits.recv()).await {
                Ok(Some(hit)) => {
                    self.seen.push(hit.clone());
                    if hit.path == path && pick(&hit) {
                        return hit;
                    }
                    self.waiting.push(hit);
                }
                Ok(None) | Err(_) => panic!(
                    "{what}: no matching request on {path} within {STEP:?}; requests seen: {:#?}\n{}",
                    self.seen,
                    kannel.logs()
                ),
            }
        }
    }
}

/// Reads one request (head only: Kannel's GETs have no body), answers it, returns it.
async fn serve_http(mut stream: TcpStream) -> Option<HttpHit> {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    let read = timeout(STEP, async {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = stream.read(&mut buf).await.ok()?;
            if n == 0 {
                return None;
            }
            head.extend_from_slice(buf.get(..n)?);
        }
        Some(())
    })
    .await;
    if !matches!(read, Ok(Some(()))) {
        return None;
    }
    let _ = stream
        .write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        )
        .await;
    let _ = stream.shutdown().await;
    let head = String::from_utf8_lossy(&head);
    let target = head.lines().next()?.split_whitespace().nth(1)?.to_owned();
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    Some(HttpHit {
        path: path.to_owned(),
        query,
    })
}
