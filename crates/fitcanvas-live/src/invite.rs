//! Invites: the one line a desktop hands out so that others can join. An invite is the
//! WebSocket URL of the room with the secret as its `token` query parameter
//! (`wss://sync.example.org/team-canvas?token=…`), so the same text works for a desktop that
//! hosts and for a y-websocket server that wants a token.

use std::net::{IpAddr, Ipv4Addr};

use crate::client::Endpoint;

/// Why a text is not an invite.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InviteError {
    #[error("an invite starts with ws:// or wss://")]
    Scheme,
    #[error("the invite names no host")]
    NoHost,
    #[error("the invite names no room (the part after the host)")]
    NoRoom,
    #[error("a server outside the local network must be reached with wss:// (TLS), not ws://")]
    NotSecure,
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

    /// Refuses plain `ws://` to anything but this machine and the local network (private,
    /// link-local and loopback addresses, an address on one of this machine's own networks,
    /// `localhost`, `*.local`): the token and the canvas cross the internet only over TLS.
    pub fn check_secure(&self) -> Result<(), InviteError> {
        self.check_secure_on(&own_networks())
    }

    /// [`Endpoint::check_secure`] with the machine's networks given (address, netmask).
    pub fn check_secure_on(&self, networks: &[(Ipv4Addr, Ipv4Addr)]) -> Result<(), InviteError> {
        let Some(rest) = self.url.strip_prefix("ws://") else {
            return Ok(());
        };
        let authority = rest.split(['/', '?']).next().unwrap_or("");
        // "[::1]:80" or "host:80" or "host".
        let host = match authority.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(""),
            None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
        };
        let host = host.to_ascii_lowercase();
        let on_own_network = |ip: Ipv4Addr| {
            networks.iter().any(|(net, mask)| {
                u32::from(ip) & u32::from(*mask) == u32::from(*net) & u32::from(*mask)
            })
        };
        let local = match host.parse::<IpAddr>() {
            Ok(IpAddr::V4(ip)) => {
                ip.is_private() || ip.is_loopback() || ip.is_link_local() || on_own_network(ip)
            }
            Ok(IpAddr::V6(ip)) => {
                ip.is_loopback() || ip.is_unique_local() || ip.is_unicast_link_local()
            }
            Err(_) => host == "localhost" || host.ends_with(".local"),
        };
        if local {
            Ok(())
        } else {
            Err(InviteError::NotSecure)
        }
    }
}

/// This machine's IPv4 networks (address and netmask), loopback left out.
fn own_networks() -> Vec<(Ipv4Addr, Ipv4Addr)> {
    if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| match i.addr {
            if_addrs::IfAddr::V4(v4) if !v4.ip.is_loopback() => Some((v4.ip, v4.netmask)),
            _ => None,
        })
        .collect()
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

    #[test]
    fn plain_ws_is_only_for_the_local_network() {
        // This machine on 198.51.100.7/24.
        let networks = [(
            Ipv4Addr::new(198, 51, 100, 7),
            Ipv4Addr::new(255, 255, 255, 0),
        )];
        let secure = |url: &str| Endpoint::parse(url).unwrap().check_secure_on(&networks);
        for ok in [
            "wss://sync.example.org/team?token=x",
            "ws://192.168.1.20:7878/canvas?token=x",
            "ws://10.0.0.5/canvas",
            "ws://127.0.0.1:9/canvas",
            "ws://198.51.100.20:9/canvas",
            "ws://[::1]:9/canvas",
            "ws://[fe80::1]:9/canvas",
            "ws://localhost:1234/canvas",
            "ws://studio.local/canvas",
        ] {
            assert_eq!(secure(ok), Ok(()), "{ok}");
        }
        for bad in [
            "ws://sync.example.org/team",
            "ws://203.0.113.9:80/canvas",
            "ws://198.51.101.20:9/canvas",
        ] {
            assert_eq!(secure(bad), Err(InviteError::NotSecure), "{bad}");
        }
    }
}
