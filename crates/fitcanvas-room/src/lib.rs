//! The room: workshop participants write notes and dot-vote from their own phones, through a
//! small web server on the local network. The state of the room ([`state`]) and the messages
//! ([`protocol`]) are pure and always built; the server ([`server`]) is behind the `server`
//! feature. What the room gives the canvas comes out as the core's typed edits, which the app
//! applies through its undo history like any other change.

pub mod addresses;
pub mod limits;
#[cfg(feature = "server")]
pub mod listen;
pub mod protocol;
#[cfg(feature = "server")]
pub mod server;
pub mod state;
#[cfg(feature = "server")]
pub mod token;
