//! The join addresses the room offers, kept in step with the machine's network: when the
//! laptop moves to another Wi-Fi its addresses change, and a QR code still showing the old one
//! would send every phone nowhere. The machine's addresses are listed again every
//! [`RELIST_EVERY`] seconds (listing is a system call, so not every frame); the address the
//! facilitator chose is kept by value while the machine still has it. Pure: the listing and
//! the clock are passed in, so tests drive a network change directly.

use std::net::IpAddr;

/// Seconds between two listings of the machine's addresses while the room is open.
pub const RELIST_EVERY: f64 = 5.0;

/// The machine's addresses as last listed, and which one the QR code shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Offered {
    ips: Vec<IpAddr>,
    /// The address the facilitator picked; `None` (or one the machine lost) shows the first.
    chosen: Option<IpAddr>,
    listed_at: Option<f64>,
}

impl Offered {
    /// Is a new listing due at `now`? Always before the first one.
    pub fn due(&self, now: f64) -> bool {
        self.listed_at
            .is_none_or(|at| now - at >= RELIST_EVERY || now < at)
    }

    /// Takes a fresh listing of the machine's addresses, made at `now`. Returns whether the
    /// offered addresses changed (so the join addresses and the QR code must be made again).
    pub fn relist(&mut self, mut ips: Vec<IpAddr>, now: f64) -> bool {
        ips.sort();
        ips.dedup();
        self.listed_at = Some(now);
        if ips == self.ips {
            return false;
        }
        self.ips = ips;
        true
    }

    /// Shows the `index`-th address in the QR code.
    pub fn choose(&mut self, index: usize) {
        if let Some(ip) = self.ips.get(index) {
            self.chosen = Some(*ip);
        }
    }

    /// Where the chosen address is in the list: the first when none was chosen or the
    /// machine no longer has it.
    pub fn chosen_index(&self) -> usize {
        self.chosen
            .and_then(|c| self.ips.iter().position(|ip| *ip == c))
            .unwrap_or(0)
    }

    pub fn ips(&self) -> &[IpAddr] {
        &self.ips
    }

    /// The join address on every offered address, for the room on `port` at `path`
    /// (`/<token>`: a rotated token gives new addresses on the same machine addresses).
    pub fn urls(&self, port: u16, path: &str) -> Vec<String> {
        self.ips
            .iter()
            .map(|ip| format!("http://{ip}:{port}{path}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse()
            .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
    }

    #[test]
    fn a_network_change_is_seen_at_the_next_listing_and_the_choice_follows() {
        let mut offered = Offered::default();
        assert!(offered.due(0.0), "listed as soon as the room opens");
        let home = vec![ip("192.168.1.20"), ip("10.8.0.2")];
        assert!(offered.relist(home.clone(), 0.0));
        assert_eq!(offered.ips(), [ip("10.8.0.2"), ip("192.168.1.20")]);
        offered.choose(1);
        assert_eq!(offered.chosen_index(), 1);
        assert!(!offered.due(RELIST_EVERY - 0.1), "not every frame");
        assert!(offered.due(RELIST_EVERY));
        assert!(!offered.relist(home, RELIST_EVERY), "nothing changed");

        // The laptop joins another Wi-Fi: the VPN address stays, the home one goes.
        let venue = vec![ip("10.8.0.2"), ip("172.16.4.7")];
        assert!(offered.relist(venue, 2.0 * RELIST_EVERY));
        assert_eq!(
            offered.urls(8080, "/abc"),
            ["http://10.8.0.2:8080/abc", "http://172.16.4.7:8080/abc"]
        );
        // The chosen address is gone: the first is shown, until it comes back.
        assert_eq!(offered.chosen_index(), 0);
        let back = vec![ip("10.8.0.2"), ip("192.168.1.20"), ip("172.16.4.7")];
        assert!(offered.relist(back, 3.0 * RELIST_EVERY));
        assert_eq!(offered.ips()[offered.chosen_index()], ip("192.168.1.20"));
    }

    #[test]
    fn a_new_token_gives_new_addresses_on_the_same_network() {
        let mut offered = Offered::default();
        offered.relist(vec![ip("192.168.1.20")], 0.0);
        assert_eq!(offered.urls(9000, "/old"), ["http://192.168.1.20:9000/old"]);
        assert_eq!(offered.urls(9000, "/new"), ["http://192.168.1.20:9000/new"]);
    }

    #[test]
    fn a_clock_that_went_back_lists_again() {
        let mut offered = Offered::default();
        offered.relist(vec![ip("192.168.1.20")], 100.0);
        assert!(offered.due(50.0));
    }
}
