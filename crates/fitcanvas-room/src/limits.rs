//! The room's bounds, in one place: what one device, one connection and the whole room may
//! use. The server enforces them; docs/design/room.md lists them for people.

use std::time::Duration;

/// The largest WebSocket message (and frame) a page may send. A note of
/// [`MAX_NOTE_CHARS`] four-byte characters plus its envelope fits.
pub const MAX_MESSAGE_BYTES: usize = 4 * 1024;
/// A note longer than this is cut (in characters) before it reaches the inbox.
pub const MAX_NOTE_CHARS: usize = 280;
// A note of the longest four-byte characters, with its envelope, fits in one message.
const _: () = assert!(MAX_NOTE_CHARS * 4 + 200 < MAX_MESSAGE_BYTES);
/// A display name longer than this is cut.
pub const MAX_NAME_CHARS: usize = 40;
/// Devices that may join one room (a device keeps its place when it reconnects).
pub const MAX_DEVICES: usize = 300;
/// Open TCP connections at once, pages and sockets together; more are closed on accept.
pub const MAX_CONNECTIONS: usize = 600;
/// Submissions of one device waiting in the inbox at once.
pub const MAX_PENDING_PER_DEVICE: usize = 20;
/// Submissions in the inbox at once, all devices together.
pub const MAX_INBOX: usize = 2_000;
/// In live writing, the waiting notes every page lists (the newest).
pub const MAX_SHARED: usize = 50;
/// What a device is told about its own past submissions (the newest are kept).
pub const MAX_OUTCOMES_PER_DEVICE: usize = 30;
/// A request's headers must arrive within this: a slowloris connection is closed.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);
/// A plain HTTP connection (page, script, style) is closed after this, kept alive or not.
pub const HTTP_CONNECTION_TIME: Duration = Duration::from_secs(30);
/// A socket must say hello within this after it opens.
pub const HELLO_TIMEOUT: Duration = Duration::from_secs(10);
/// A socket that sends nothing for this long is closed (the page pings every 20 s).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(75);
/// How long a socket may keep quiet: before its hello, and between messages once in. The
/// server takes them from its config ([`SocketTimeouts::default`] is the two above), so a test
/// can watch both closes happen without waiting a minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SocketTimeouts {
    pub hello: Duration,
    pub idle: Duration,
}

impl Default for SocketTimeouts {
    fn default() -> SocketTimeouts {
        SocketTimeouts {
            hello: HELLO_TIMEOUT,
            idle: IDLE_TIMEOUT,
        }
    }
}

/// The longest a socket stays open; the page reconnects and keeps its votes.
pub const MAX_SOCKET_TIME: Duration = Duration::from_secs(8 * 3600);
/// A page that does not take what is sent to it within this is disconnected.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(5);
/// Messages per second one socket may send, on average, and in a burst.
pub const MESSAGES_PER_SECOND: f64 = 10.0;
pub const MESSAGE_BURST: f64 = 30.0;
/// Messages refused for rate in a row before the socket is closed.
pub const MAX_REFUSED_IN_A_ROW: u32 = 50;
/// Refusals (wrong token, unknown path) per second one address gets, on average and in a
/// burst; past that it gets 429 without its request being looked at.
pub const REFUSALS_PER_SECOND: f64 = 2.0;
pub const REFUSAL_BURST: f64 = 20.0;
/// Addresses remembered for refusal rate; past this the table starts again.
pub const MAX_REFUSING_ADDRESSES: usize = 4_096;
/// The most dots a vote round may give each participant.
pub const MAX_BUDGET: u32 = 50;

/// A token bucket: `rate` tokens a second up to `burst`. Time is passed in (seconds on any
/// monotonic clock), so it is exact under test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bucket {
    tokens: f64,
    rate: f64,
    burst: f64,
    at: f64,
}

impl Bucket {
    /// A full bucket at time `now`.
    pub fn new(rate: f64, burst: f64, now: f64) -> Bucket {
        Bucket {
            tokens: burst,
            rate,
            burst,
            at: now,
        }
    }

    /// Takes one token if there is one.
    pub fn take(&mut self, now: f64) -> bool {
        self.take_many(1.0, now)
    }

    /// Takes `n` tokens (bytes, say) if there are that many.
    pub fn take_many(&mut self, n: f64, now: f64) -> bool {
        let elapsed = (now - self.at).max(0.0);
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        self.at = now.max(self.at);
        if self.tokens >= n {
            self.tokens -= n;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_its_burst_then_its_rate() {
        let mut b = Bucket::new(2.0, 3.0, 0.0);
        assert!((0..3).all(|_| b.take(0.0)));
        assert!(!b.take(0.0));
        assert!(b.take(0.5), "half a second gives one token back");
        assert!(!b.take(0.5));
        assert!((0..3).all(|_| b.take(100.0)), "never more than the burst");
        assert!(!b.take(100.0));
        let mut bytes = Bucket::new(10.0, 100.0, 0.0);
        assert!(bytes.take_many(60.0, 0.0) && !bytes.take_many(60.0, 0.0));
        assert!(bytes.take_many(60.0, 2.0), "two seconds give 20 back");
    }
}
