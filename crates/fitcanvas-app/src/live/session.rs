//! Live co-editing in the window: the session this desktop is in while it shares the open
//! canvas (hosting it on its own hub, or through a sync server) or has joined one.
//!
//! The window never waits on the network: the connection ([`Client`]) runs on its own thread
//! and is drained once a frame, before the panels draw ([`before_frame`]). Peers' updates are
//! merged into the [`Replica`] and brought onto the canvas as typed edits through
//! [`crate::Document::apply_remote`], outside the undo history, so undo takes back only this
//! person's own edits. This person's edits go the other way as they are made: [`App::edit`]
//! and the undo/redo commands hand each one to [`Live::local`], which writes it into the
//! replica and sends the update. After the frame ([`after_frame`]) the presence (name, colour,
//! the note selected or typed in) is sent when it changed.
//!
//! The replica is kept beside the recovery file whenever that is written ([`keep`]), with
//! where the session connects, so a window restored after a crash carries on ([`resume`]) and
//! its offline edits merge on reconnecting.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use fitcanvas_live::client::{Client, Endpoint, Event, Status};
use fitcanvas_live::hub::{Hub, HubConfig};
use fitcanvas_live::presence::Presence;
use fitcanvas_live::text_merge::merge_text_at;
use fitcanvas_live::{Replica, kept};
use fitcanvas_model::canvas::Canvas;
use fitcanvas_model::edit::{Applied, Edit};
use fitcanvas_model::ids;

use crate::workshop::room_panel::JoinBadge;
use crate::{App, Document, Pending, Screen};

/// The room the hub serves the shared canvas in (the invite's path).
pub const HUB_ROOM: &str = "canvas";

/// Colours for people who have not picked one (one at random; kept in the settings once used).
const COLOURS: [[u8; 3]; 8] = [
    [0xd0, 0x3a, 0x3a],
    [0x2b, 0x6c, 0xd8],
    [0x2e, 0x9b, 0x4f],
    [0xc2, 0x6a, 0x00],
    [0x8a, 0x3f, 0xc4],
    [0x00, 0x8c, 0x95],
    [0xc2, 0x2f, 0x8a],
    [0x6b, 0x6b, 0x00],
];

/// Which live window is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveWindow {
    /// File → Share live…, before sharing.
    Share,
    /// File → Join live….
    Join,
    /// While live: the invite, its QR code, who is here.
    Session,
}

/// What the user can ask of live co-editing.
#[derive(Debug, Clone, PartialEq)]
pub enum LiveCommand {
    /// File → Share live…: the Share window, or the session's while live.
    ShowShare,
    /// File → Join live…: the Join window, or the session's while live.
    ShowJoin,
    CloseWindow,
    /// Shares the open canvas on the local network, hosted on this desktop.
    Share,
    /// Shares the open canvas through the sync server given in the form.
    ShareOnServer,
    /// Opens the shared canvas this invite names (asking first about unsaved changes).
    Join(String),
    /// Stops sharing, or leaves: the canvas stays open as an ordinary one.
    Stop,
    CopyInvite,
    /// Which of this machine's addresses the invite and QR code show.
    ChooseInvite(usize),
}

/// The Share and Join windows' fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LiveForm {
    /// The name and colour others see.
    pub name: String,
    pub colour: Option<[u8; 3]>,
    /// A y-websocket server to share through (`wss://host/room`), and its token; empty to
    /// host on this desktop.
    pub server: String,
    pub token: String,
    /// The invite to join.
    pub invite: String,
}

/// Where a session connects, kept beside the recovery file to carry on after a restart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
enum Role {
    /// This desktop hosts on its hub: restarted, it hosts again on the same port with the
    /// same secret, so the others' invites still work.
    Host {
        port: u16,
        token: String,
        loopback: bool,
    },
    /// Through a server, or another desktop's hub, at this invite.
    Connect { invite: String },
}

/// A live session.
struct Session {
    replica: Replica,
    client: Client,
    /// The hub, when this desktop hosts.
    hub: Option<Hub>,
    role: Role,
    /// What to hand out: one invite per address others can reach.
    invites: Vec<String>,
    status: Status,
    /// Everyone else's presence, by Yjs client id.
    peers: BTreeMap<u64, Presence>,
    sent: Option<Presence>,
    /// The document the session belongs to: another one opened ends it.
    serial: u64,
    /// Sharing into a server's room: the canvas is written once the room is known to be empty
    /// (sharing into a room that holds another canvas would mix the two).
    sharing: bool,
}

/// Live co-editing as the app holds it: the session, if any, and the windows' own state.
#[derive(Default)]
pub struct Live {
    pub window: Option<LiveWindow>,
    pub form: LiveForm,
    /// The last problem (a refused invite, a connection closed), shown in the window.
    pub status: String,
    /// `fitcanvas share`: print one line `invite: URL` once others can join.
    pub print_invite: bool,
    /// Host on loopback only (tests).
    pub loopback: bool,
    chosen: usize,
    badge: Option<Arc<JoinBadge>>,
    session: Option<Session>,
    /// This person edited while not connected, and the connection has not been back since:
    /// the others may not have those edits yet.
    unsent: bool,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live")
            .field("live", &self.session.is_some())
            .finish_non_exhaustive()
    }
}

impl Live {
    /// Is this desktop in a live session (connected or not)?
    pub fn is_on(&self) -> bool {
        self.session.is_some()
    }

    /// Is it hosting on its own hub?
    pub fn is_hosting(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.hub.is_some())
    }

    pub fn connection(&self) -> Option<Status> {
        self.session.as_ref().map(|s| s.status)
    }

    /// Where the connection stands, as the title bar and status line say it: "live (2
    /// people)", "offline", "reconnecting", "connecting".
    pub fn state_text(&self) -> Option<String> {
        let session = self.session.as_ref()?;
        Some(match session.status {
            Status::Live => match session.peers.len() + 1 {
                1 => "live (1 person)".to_owned(),
                n => format!("live ({n} people)"),
            },
            other => other.label().to_owned(),
        })
    }

    /// Every invite to this session, one per address of this machine when it hosts.
    pub fn invites(&self) -> &[String] {
        self.session.as_ref().map_or(&[], |s| &s.invites)
    }

    /// The invite the window and QR code show.
    pub fn invite(&self) -> Option<String> {
        let invites = self.invites();
        invites.get(self.chosen).or(invites.first()).cloned()
    }

    /// The others' presence, in a steady order.
    pub fn peers(&self) -> Vec<&Presence> {
        self.session
            .as_ref()
            .map(|s| s.peers.values().collect())
            .unwrap_or_default()
    }

    /// This desktop's presence as last sent.
    pub fn me(&self) -> Option<&Presence> {
        self.session.as_ref()?.sent.as_ref()
    }

    pub(crate) fn badge(&self) -> Option<&JoinBadge> {
        self.badge.as_deref()
    }

    /// Were edits made here while not connected that may not have reached the others?
    pub fn has_unsent(&self) -> bool {
        self.unsent && self.session.is_some()
    }

    /// Gives a new evidence entry an id from this desktop's range while live.
    pub(crate) fn prepare(&self, edit: Edit, canvas: &Canvas) -> Edit {
        match &self.session {
            Some(session) => session.replica.prepare(edit, canvas),
            None => edit,
        }
    }

    /// Sends one of this person's edits, already applied to `canvas`, to the others.
    pub(crate) fn local(&mut self, edit: &Edit, applied: &Applied, canvas: &Canvas) {
        if let Some(session) = self.session.as_mut().filter(|s| !s.sharing) {
            let update = session.replica.local(edit, applied, canvas);
            self.unsent |= !update.is_empty() && session.status != Status::Live;
            session.client.send_update(update);
        }
    }

    /// Sends what changed after an undo or redo step (worked out against the whole canvas,
    /// which writes only what differs).
    pub(crate) fn local_all(&mut self, canvas: &Canvas) {
        if let Some(session) = self.session.as_mut().filter(|s| !s.sharing) {
            let update = session.replica.local_all(canvas);
            self.unsent |= !update.is_empty() && session.status != Status::Live;
            session.client.send_update(update);
        }
    }
}

/// Carries out one live command (called from [`App::apply`]).
pub(crate) fn apply(app: &mut App, command: LiveCommand) {
    use LiveCommand as L;
    match command {
        L::ShowShare | L::ShowJoin if app.live.is_on() => {
            app.live.window = Some(LiveWindow::Session);
        }
        L::ShowShare => {
            fill_identity(app);
            app.live.status.clear();
            app.live.window = Some(LiveWindow::Share);
        }
        L::ShowJoin => {
            fill_identity(app);
            app.live.status.clear();
            app.live.window = Some(LiveWindow::Join);
        }
        L::CloseWindow => app.live.window = None,
        L::Share => share(app, false),
        L::ShareOnServer => share(app, true),
        L::Join(invite) => match parse_invite(&invite) {
            Ok(_) => {
                remember_identity(app);
                app.guard(Pending::JoinLive(invite.trim().to_owned()));
            }
            Err(e) => app.live.status = e,
        },
        L::Stop => {
            let hosting = app.live.is_hosting();
            end(app);
            app.live.window = None;
            app.status = if hosting {
                "Stopped sharing: the canvas is yours alone again".to_owned()
            } else {
                "Left the shared canvas: it stays open here as an ordinary canvas".to_owned()
            };
        }
        L::CopyInvite => {
            if let Some(invite) = app.live.invite() {
                app.services.ctx.copy_text(invite);
                app.status = "Invite copied".to_owned();
            }
        }
        L::ChooseInvite(i) => app.live.chosen = i,
    }
}

fn parse_invite(text: &str) -> Result<Endpoint, String> {
    let endpoint = Endpoint::parse(text).map_err(|e| format!("Not an invite: {e}."))?;
    endpoint
        .check_secure()
        .map_err(|e| format!("Not joined: {e}."))?;
    Ok(endpoint)
}

/// The name and colour fields start from what was given last time.
fn fill_identity(app: &mut App) {
    let form = &mut app.live.form;
    if form.name.is_empty() {
        form.name = match app.settings.live_name.trim() {
            "" => std::env::var("USER")
                .ok()
                .filter(|u| !u.trim().is_empty())
                .unwrap_or_else(|| "Someone".to_owned()),
            name => name.to_owned(),
        };
    }
    if form.colour.is_none() {
        // The kept colour read as a presence's is (`#rrggbb`, anything else refused).
        let kept = format!(r#"{{"name":"","colour":"{}"}}"#, app.settings.live_colour);
        form.colour = Some(match Presence::parse(&kept) {
            Some(p) if p.colour == app.settings.live_colour => p.rgb(),
            _ => COLOURS[fastrand::usize(..COLOURS.len())],
        });
    }
}

fn remember_identity(app: &mut App) {
    fill_identity(app);
    let (name, colour) = (app.live.form.name.trim().to_owned(), colour_text(app));
    if app.settings.live_name != name || app.settings.live_colour != colour {
        app.settings.live_name = name;
        app.settings.live_colour = colour;
        app.save_settings();
    }
}

fn colour_text(app: &App) -> String {
    let [r, g, b] = app.live.form.colour.unwrap_or(COLOURS[0]);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// A new Yjs client id: 53 bits, never 0.
fn new_client_id() -> u64 {
    fastrand::u64(1..(1 << ids::CLIENT_ID_BITS))
}

fn share(app: &mut App, on_server: bool) {
    if app.live.is_on() || app.screen != Screen::Canvas {
        return;
    }
    remember_identity(app);
    app.commit_entry();
    let server = app.live.form.server.trim().to_owned();
    if !on_server {
        // A new hub holds nothing: the canvas goes in at once.
        let replica = Replica::share(app.doc.canvas(), new_client_id());
        let role = Role::Host {
            port: 0,
            token: String::new(),
            loopback: app.live.loopback,
        };
        start(app, replica, role, false);
    } else {
        let mut endpoint = match parse_invite(&server) {
            Ok(endpoint) => endpoint,
            Err(e) => {
                app.live.status = e.replace("an invite", "a server address");
                return;
            }
        };
        let token = app.live.form.token.trim();
        if !token.is_empty() {
            endpoint.token = Some(token.to_owned());
        }
        let role = Role::Connect {
            invite: endpoint.invite(),
        };
        start(app, Replica::empty(new_client_id()), role, true);
    }
}

/// Opens the shared canvas `invite` names in place of the open one (the unsaved-changes
/// question was asked before).
pub(crate) fn join(app: &mut App, invite: &str) {
    end(app);
    if let Err(e) = parse_invite(invite) {
        app.live.status = e;
        return;
    }
    app.replace_document(Document::new());
    app.screen = Screen::Canvas;
    let role = Role::Connect {
        invite: invite.to_owned(),
    };
    start(app, Replica::empty(new_client_id()), role, false);
}

/// Starts the session for `replica`, hosting first when the role says so. `sharing`: the
/// canvas goes into the server's room once it is known to be empty (the replica is empty till
/// then, and the canvas is left as it is).
fn start(app: &mut App, replica: Replica, role: Role, sharing: bool) {
    let (hub, endpoint, invites) = match &role {
        Role::Host {
            port,
            token,
            loopback,
        } => {
            let bind = if *loopback {
                IpAddr::V4(Ipv4Addr::LOCALHOST)
            } else {
                IpAddr::V4(Ipv4Addr::UNSPECIFIED)
            };
            let config = |port| HubConfig {
                bind,
                port,
                token: (!token.is_empty()).then(|| token.clone()),
            };
            // Hosting again after a restart: the same port if it is free, else any.
            let started = Hub::start(config(*port)).or_else(|_| Hub::start(config(0)));
            match started {
                Ok(hub) => {
                    let endpoint = hub.own_endpoint(HUB_ROOM);
                    let invites = hub.invites(HUB_ROOM);
                    (Some(hub), endpoint, invites)
                }
                Err(e) => {
                    app.live.status = format!("Could not share on this network: {e}");
                    return;
                }
            }
        }
        Role::Connect { invite } => match parse_invite(invite) {
            Ok(endpoint) => (None, endpoint, vec![invite.clone()]),
            Err(e) => {
                app.live.status = e;
                return;
            }
        },
    };
    let role = match (&role, &hub) {
        (Role::Host { loopback, .. }, Some(hub)) => Role::Host {
            port: hub.port(),
            token: hub.token().to_owned(),
            loopback: *loopback,
        },
        _ => role,
    };
    let ctx = app.services.ctx.clone();
    let wake = Arc::new(move || ctx.request_repaint());
    let client = match Client::connect(endpoint, replica.client(), &replica.state(), wake) {
        Ok(client) => client,
        Err(e) => {
            app.live.status = format!("Could not connect: {e}");
            return;
        }
    };
    app.doc.set_id_suffix(&replica.id_suffix());
    // Typing after this is a step of its own: the steps before were made alone.
    app.doc.break_merging();
    app.live.status.clear();
    app.live.chosen = 0;
    app.live.badge = None;
    app.live.window = Some(LiveWindow::Session);
    app.live.session = Some(Session {
        replica,
        client,
        hub,
        role,
        invites,
        status: Status::Connecting,
        peers: BTreeMap::new(),
        sent: None,
        serial: app.doc.version().0,
        sharing,
    });
    if !sharing {
        // A restored session's canvas may lag its kept document by an edit.
        catch_up(app);
    }
}

/// Ends the session, if any: the canvas stays as it is. The connection and the hub wind down
/// on a thread of their own, so the window does not wait for the network to say goodbye.
fn end(app: &mut App) {
    if let Some(session) = app.live.session.take() {
        let _ = std::thread::Builder::new()
            .name("fitcanvas-live-end".into())
            .spawn(move || drop(session));
    }
    app.live.badge = None;
    app.live.unsent = false;
    app.doc.use_own_id_suffix();
}

/// Before the panels draw: takes in what the connection reported, so the frame shows peers'
/// edits and presence as of now. Never waits.
pub(crate) fn before_frame(app: &mut App) {
    let Some(session) = &mut app.live.session else {
        return;
    };
    let events = session.client.poll();
    if events.is_empty() {
        return;
    }
    let mut merged = false;
    for event in events {
        match event {
            Event::Status(status) => {
                session.status = status;
                if status == Status::Live {
                    // Syncing on connecting sends what the others lack.
                    app.live.status.clear();
                    app.live.unsent = false;
                } else {
                    // Presence from before the connection dropped is stale.
                    session.peers.clear();
                }
            }
            Event::Update(update) => match session.replica.apply_update(&update) {
                Ok(()) => merged = true,
                Err(e) => app.live.status = format!("An update was refused: {e}"),
            },
            Event::Presence(states) => {
                session.peers = states
                    .iter()
                    .filter_map(|(id, json)| Some((*id, Presence::parse(json)?)))
                    .collect();
            }
            Event::Refused(reason) => {
                app.live.status = format!("Not connected: {reason}");
            }
        }
    }
    if session.sharing {
        if session.status == Status::Live {
            share_into_the_room(app);
        }
    } else if merged {
        catch_up(app);
    }
    app.services.ctx.request_repaint();
}

/// Connected to the server's room this desktop shares into: the canvas goes in if the room is
/// empty; a room that holds a canvas already is left as it is, and the session ends.
fn share_into_the_room(app: &mut App) {
    let Some(session) = &mut app.live.session else {
        return;
    };
    let there = session.replica.canvas();
    if there.is_empty() && there.title().is_empty() {
        session.sharing = false;
        let update = session.replica.local_all(app.doc.canvas());
        session.client.send_update(update);
        return;
    }
    let (notes, title) = (there.len(), there.title().to_owned());
    end(app);
    app.live.window = Some(LiveWindow::Share);
    let notes = match notes {
        1 => "1 note".to_owned(),
        n => format!("{n} notes"),
    };
    let what = match title.as_str() {
        "" => format!("a canvas of {notes}"),
        title => format!("“{title}” ({notes})"),
    };
    app.live.status = format!(
        "Not shared: that room already holds {what}. Join it with File → Join live…, or share into another room."
    );
}

/// Brings the canvas up to the shared document, outside the undo history. A note being typed
/// in (in place or in the inspector) whose text a peer changed meanwhile has what is typed
/// brought forward onto the peer's text, so keeping it does not undo the peer's letters.
fn catch_up(app: &mut App) {
    let Some(session) = &app.live.session else {
        return;
    };
    let edits = session.replica.catch_up(app.doc.canvas());
    if edits.is_empty() {
        return;
    }
    let text_of = |app: &App, id: &fitcanvas_model::canvas::ItemId| {
        app.doc.canvas().item(id).map(|i| i.text().to_owned())
    };
    let entry = app.view.entry.as_ref().and_then(|e| e.editing.clone());
    let entry_base = entry.as_ref().and_then(|id| text_of(app, id));
    let inspector = app.view.inspector_text.as_ref().map(|(id, _)| id.clone());
    let inspector_base = inspector.as_ref().and_then(|id| text_of(app, id));
    for edit in edits {
        match app.doc.apply_remote(edit) {
            Ok(applied) => app.follow(&applied),
            Err(e) => app.status = format!("A peer's edit did not apply: {e}"),
        }
    }
    let ctx = app.services.ctx.clone();
    if let (Some(id), Some(base)) = (entry, entry_base)
        && let Some(now) = text_of(app, &id)
        && let Some(typing) = app.view.entry.as_mut()
        && now != base
    {
        typing.text = merge_typed(&ctx, &base, &typing.text, &now, true);
    }
    // The inspector's field is the one typed in only when no note is being typed in place.
    let inspector_typed = app.view.entry.is_none();
    if let (Some(id), Some(base)) = (inspector, inspector_base)
        && let Some(now) = text_of(app, &id)
        && let Some((_, typing)) = app.view.inspector_text.as_mut()
        && now != base
    {
        *typing = merge_typed(&ctx, &base, typing, &now, inspector_typed);
    }
}

/// What is typed brought forward onto a peer's `theirs`, and, when `focused` (this is the
/// field the keys go to), its text cursor moved with its letter, so the next key lands where
/// the person was typing.
fn merge_typed(
    ctx: &egui::Context,
    base: &str,
    typed: &str,
    theirs: &str,
    focused: bool,
) -> String {
    let field = ctx
        .memory(|m| m.focused())
        .filter(|_| focused)
        .and_then(|id| egui::TextEdit::load_state(ctx, id).map(|state| (id, state)));
    let cursor = field
        .as_ref()
        .and_then(|(_, state)| state.cursor.char_range())
        .map_or(typed.chars().count(), |range| range.primary.index.into());
    let (merged, at) = merge_text_at(base, typed, theirs, cursor);
    if let Some((id, mut state)) = field {
        let at = egui::text::CCursor::new(at);
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::one(at)));
        state.store(ctx, id);
    }
    merged
}

/// After the frame's commands: ends the session if another canvas was opened, sends this
/// desktop's presence when it changed, prints the invite for `fitcanvas share` once others
/// can join, and keeps the QR code in step with the invite.
pub(crate) fn after_frame(app: &mut App) {
    let Some(session) = &app.live.session else {
        return;
    };
    if session.serial != app.doc.version().0 {
        end(app);
        if app.live.window == Some(LiveWindow::Session) {
            app.live.window = None;
        }
        app.status = "Another canvas was opened: live sharing ended".to_owned();
        return;
    }
    let note = app
        .view
        .entry
        .as_ref()
        .and_then(|e| e.editing.clone())
        .or_else(|| app.selected_note().cloned());
    let name = match app.live.form.name.trim() {
        "" => "Someone",
        name => name,
    };
    let me = Presence {
        name: name.to_owned(),
        colour: colour_text(app),
        note,
    };
    let live = &mut app.live;
    let Some(session) = &mut live.session else {
        return;
    };
    if session.sent.as_ref() != Some(&me) {
        session.client.set_presence(me.to_json());
        session.sent = Some(me);
    }
    if live.print_invite && session.status == Status::Live {
        let chosen = session.invites.get(live.chosen).or(session.invites.first());
        if let Some(invite) = chosen {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "invite: {invite}");
            let _ = out.flush();
            live.print_invite = false;
        }
    }
    let invite = live.invite();
    if live.badge.as_ref().map(|b| &b.url) != invite.as_ref() {
        live.badge = invite.as_deref().and_then(JoinBadge::new).map(Arc::new);
        app.services.ctx.request_repaint();
    }
}

/// Writes the session's document and where it connects beside the recovery file
/// `canvas_file` (on every recovery write).
pub(crate) fn keep(app: &App, canvas_file: &Path) -> Result<(), String> {
    // Nothing is shared before the room is known to be empty: the recovery file keeps the
    // canvas, and restoring it starts no session that could take it toward an empty document.
    let Some(session) = app.live.session.as_ref().filter(|s| !s.sharing) else {
        return Ok(());
    };
    let [state, role] = crate::files::recovery::live_files(canvas_file);
    let json = serde_json::to_vec(&session.role).map_err(|e| e.to_string())?;
    fitcanvas_model::format::write_atomically(&role, &json).map_err(|e| e.to_string())?;
    kept::save(&state, &session.replica).map_err(|e| e.to_string())
}

/// A session kept by a window that is gone, read back before its files are removed.
pub(crate) struct KeptSession {
    replica: Replica,
    role: Role,
}

pub(crate) fn read_kept(files: &[PathBuf; 2]) -> Result<KeptSession, String> {
    let replica = kept::load(&files[0]).map_err(|e| e.to_string())?;
    let role = std::fs::read(&files[1]).map_err(|e| e.to_string())?;
    let role = serde_json::from_slice(&role).map_err(|e| e.to_string())?;
    Ok(KeptSession { replica, role })
}

/// Carries on a session restored with its window's unsaved work: the same client id and
/// document, so what was edited offline before the crash merges on reconnecting.
pub(crate) fn resume(app: &mut App, kept: KeptSession) {
    fill_identity(app);
    start(app, kept.replica, kept.role, false);
    if app.live.is_on() {
        let file = app.services.recovery.canvas_file();
        if let Err(e) = keep(app, &file) {
            app.status = format!("Could not keep the live state: {e}");
        }
    }
}
