//! Invites: the one line a desktop hands out so that others can join. An invite is the
//! WebSocket URL of the room with the secret as its `token` query parameter
//! (`wss://sync.example.org/team-canvas?token=…`), so the same text works for a desktop that
//! hosts and for a y-websocket server that wants a token.

use crate::live::client::Endpoint;

/// Why a text is not an invite.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InviteError {
    #[error("an invite starts with ws:// or wss://")]
    Scheme,
    #[error("the invite names no host")]
    NoHost,
    #[error("the invite names no room (the part after the host)")]
    NoRoom,
}

impl Endpoint {
    /// The endpoint an invite names. The token, if any, is taken out of the URL.
    pub fn parse(invite: &str) -> Result<Endpoint, InviteError> {
        let invite = invite.trim();
        let rest = invite
            .strip_prefix("wss://")
            .or_else(|| invite.strip_prefix("ws://"))
            .ok_or(InviteError::Scheme)?;
        let (host, path) = rest.split_once('/').ok_or(InviteError::NoRoom)?;
        if host.is_empty() {
            return Err(InviteError::NoHost);
        }
        let (room, query) = path.split_once('?').unwrap_or((path, ""));
        if room.is_empty() {
            return Err(InviteError::NoRoom);
        }
        let mut token = None;
        let mut kept = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.strip_prefix("token=") {
                Some(value) => token = Some(percent_decode(value)),
                None => kept.push(pair),
            }
        }
        let scheme_len = invite.len() - rest.len();
        let mut url = format!("{}{host}/{room}", &invite[..scheme_len]);
        if !kept.is_empty() {
            url.push('?');
            url.push_str(&kept.join("&"));
        }
        Ok(Endpoint { url, token })
    }

    /// The invite for this endpoint: its URL with the token.
    pub fn invite(&self) -> String {
        self.request_url()
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invite_reads_back_as_it_was_written() {
        let endpoint = Endpoint {
            url: "wss://sync.example.org/team".into(),
            token: Some("s3cret/+ é".into()),
        };
        let invite = endpoint.invite();
        assert!(invite.starts_with("wss://sync.example.org/team?token="));
        assert_eq!(Endpoint::parse(&invite).unwrap(), endpoint);
        let plain = Endpoint::parse("ws://192.0.2.1:7878/room").unwrap();
        assert_eq!(plain.token, None);
        assert_eq!(plain.invite(), "ws://192.0.2.1:7878/room");
    }

    #[test]
    fn texts_that_are_not_invites_are_refused() {
        assert_eq!(Endpoint::parse("https://x/y"), Err(InviteError::Scheme));
        assert_eq!(Endpoint::parse("ws:///room"), Err(InviteError::NoHost));
        assert_eq!(Endpoint::parse("ws://host"), Err(InviteError::NoRoom));
        assert_eq!(Endpoint::parse("ws://host/"), Err(InviteError::NoRoom));
    }
}
