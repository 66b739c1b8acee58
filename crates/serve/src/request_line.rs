//! A JSON 414 for URLs too long for the HTTP layer.
//!
//! hyper refuses a request line whose target is 65,534 bytes or longer, before any handler
//! runs, with a bare `414` and an empty body. The API's promise is a JSON error for every
//! refusal, so [`LineLimitListener`] hands hyper each connection's first request line only
//! once it has seen it whole: a line longer than [`MAX_REQUEST_LINE`] is replaced by
//! `GET` [`TOO_LONG_PATH`] with `Connection: close`, whose route answers the JSON 414, and
//! the rest of that line is dropped. The request's headers (and body) then follow as sent.
//!
//! Only the first request of a connection is looked at: finding where a later one starts
//! would mean parsing HTTP here. A client that sends a URL that long on a kept-alive
//! connection still gets hyper's own 414, without a body.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// The longest first request line passed on as sent (below hyper's own limit).
pub const MAX_REQUEST_LINE: usize = 60 * 1024;

/// Bytes read at a time while the first line is looked at (only then: afterwards hyper
/// reads into its own buffer).
const CHUNK: usize = 4096;

/// The path the router answers with the JSON 414 of a URL too long.
pub const TOO_LONG_PATH: &str = "/.newsidx/uri-too-long";

/// What a connection's reader is doing.
#[derive(Debug)]
enum State {
    /// Gathering the first request line (and whatever came with it).
    Line(Vec<u8>),
    /// Handing `bytes[at..]` to hyper, then dropping bytes up to the end of a line when
    /// `then_drop` is set, else passing everything on.
    Replay {
        bytes: Vec<u8>,
        at: usize,
        then_drop: bool,
    },
    /// Dropping the rest of a too-long line.
    Drop,
    /// Passing everything on.
    Pass,
}

/// A connection whose first request line is checked before hyper reads it.
#[derive(Debug)]
pub struct LineLimited<T> {
    inner: T,
    state: State,
}

impl<T> LineLimited<T> {
    /// Wraps a fresh connection.
    pub fn new(inner: T) -> LineLimited<T> {
        LineLimited {
            inner,
            state: State::Line(Vec::new()),
        }
    }
}

/// The request line that stands in for one too long, with a header that closes the
/// connection after the answer (the client's HTTP version was at the end of the line).
fn stand_in() -> Vec<u8> {
    format!("GET {TOO_LONG_PATH} HTTP/1.1\r\nConnection: close\r\n").into_bytes()
}

/// Reads from `inner` into `chunk`, returning the bytes read (0 at the end of the stream).
fn poll_chunk<T: AsyncRead + Unpin>(
    inner: &mut T,
    cx: &mut Context<'_>,
    chunk: &mut [u8],
) -> Poll<io::Result<usize>> {
    let mut buf = ReadBuf::new(chunk);
    ready!(Pin::new(inner).poll_read(cx, &mut buf))?;
    Poll::Ready(Ok(buf.filled().len()))
}

impl<T: AsyncRead + Unpin> AsyncRead for LineLimited<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        out: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        loop {
            match &mut this.state {
                State::Pass => return Pin::new(&mut this.inner).poll_read(cx, out),
                State::Replay {
                    bytes,
                    at,
                    then_drop,
                } => {
                    if *at == bytes.len() {
                        this.state = if *then_drop { State::Drop } else { State::Pass };
                        continue;
                    }
                    let n = (bytes.len() - *at).min(out.remaining());
                    out.put_slice(&bytes[*at..*at + n]);
                    *at += n;
                    return Poll::Ready(Ok(()));
                }
                State::Line(line) => {
                    let mut chunk = [0u8; CHUNK];
                    let n = ready!(poll_chunk(&mut this.inner, cx, &mut chunk))?;
                    let searched = line.len();
                    line.extend_from_slice(&chunk[..n]);
                    let end = line[searched..]
                        .iter()
                        .position(|&b| b == b'\n')
                        .map(|i| searched + i);
                    this.state = match end {
                        Some(end) if end <= MAX_REQUEST_LINE => State::Replay {
                            bytes: std::mem::take(line),
                            at: 0,
                            then_drop: false,
                        },
                        // Too long, and what follows it already here: the stand-in, then that.
                        Some(end) => {
                            let mut bytes = stand_in();
                            bytes.extend_from_slice(&line[end + 1..]);
                            State::Replay {
                                bytes,
                                at: 0,
                                then_drop: false,
                            }
                        }
                        None if line.len() > MAX_REQUEST_LINE => State::Replay {
                            bytes: stand_in(),
                            at: 0,
                            then_drop: true,
                        },
                        // The stream ended inside the line: hyper sees what came.
                        None if n == 0 => State::Replay {
                            bytes: std::mem::take(line),
                            at: 0,
                            then_drop: false,
                        },
                        None => continue,
                    };
                }
                State::Drop => {
                    let mut chunk = [0u8; CHUNK];
                    let n = ready!(poll_chunk(&mut this.inner, cx, &mut chunk))?;
                    if n == 0 {
                        this.state = State::Pass;
                        continue;
                    }
                    if let Some(end) = chunk[..n].iter().position(|&b| b == b'\n') {
                        this.state = State::Replay {
                            bytes: chunk[end + 1..n].to_vec(),
                            at: 0,
                            then_drop: false,
                        };
                    }
                }
            }
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for LineLimited<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// A TCP listener whose connections are [`LineLimited`].
#[derive(Debug)]
pub struct LineLimitListener(pub tokio::net::TcpListener);

impl axum::serve::Listener for LineLimitListener {
    type Io = LineLimited<tokio::net::TcpStream>;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, addr) = axum::serve::Listener::accept(&mut self.0).await;
        (LineLimited::new(stream), addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// What hyper would read of `sent`, written in pieces of `piece` bytes.
    async fn read_through(sent: Vec<u8>, piece: usize) -> Vec<u8> {
        let (mut client, server) = tokio::io::duplex(4 * 1024);
        let writer = tokio::spawn(async move {
            for part in sent.chunks(piece) {
                client.write_all(part).await.unwrap();
            }
        });
        let mut limited = LineLimited::new(server);
        let mut got = Vec::new();
        let mut buf = [0u8; 1000];
        loop {
            let n = limited.read(&mut buf).await.unwrap();
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
        }
        writer.await.unwrap();
        got
    }

    #[tokio::test]
    async fn a_short_request_passes_as_sent() {
        let sent =
            b"GET /api/search?q=Mali HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\n\r\n".to_vec();
        for piece in [1, 7, 4096] {
            assert_eq!(read_through(sent.clone(), piece).await, sent);
        }
    }

    #[tokio::test]
    async fn a_line_at_the_limit_passes_as_sent() {
        let target = format!("/?q={}", "a".repeat(MAX_REQUEST_LINE - 20));
        let sent = format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").into_bytes();
        assert!(sent.iter().position(|&b| b == b'\n').unwrap() <= MAX_REQUEST_LINE);
        assert_eq!(read_through(sent.clone(), 3000).await, sent);
    }

    #[tokio::test]
    async fn a_too_long_line_becomes_the_stand_in_and_the_headers_follow() {
        let sent = format!(
            "GET /api/search?q={} HTTP/1.1\r\nHost: x\r\n\r\n",
            "(".repeat(200_000)
        )
        .into_bytes();
        let mut want = stand_in();
        want.extend_from_slice(b"Host: x\r\n\r\n");
        for piece in [999, 8192, 70_000] {
            assert_eq!(
                String::from_utf8(read_through(sent.clone(), piece).await).unwrap(),
                String::from_utf8(want.clone()).unwrap(),
                "piece {piece}"
            );
        }
    }

    #[tokio::test]
    async fn a_stream_that_ends_early_ends() {
        assert_eq!(read_through(b"GET /".to_vec(), 2).await, b"GET /");
        assert!(read_through(Vec::new(), 1).await.is_empty());
        let cut = "x".repeat(MAX_REQUEST_LINE + 10).into_bytes();
        assert_eq!(read_through(cut, 5000).await, stand_in());
    }
}
