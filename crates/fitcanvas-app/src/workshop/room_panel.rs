//! The facilitator's side of the room: View → Room (R while presenting) starts the server and
//! opens this window, with the join addresses and QR code, writing per area, the inbox, vote
//! rounds and the people who joined. What the room gives the canvas goes through
//! [`App::edit`] as ordinary typed edits: an accepted note is one undo step, a revealed
//! round one batch. The QR code and address are also drawn on the presented canvas.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use egui::{Color32, Rect, RichText, Role, Sense, Ui, WidgetInfo, vec2};

use fitcanvas_model::canvas::ItemId;
use fitcanvas_model::section::Section;
use fitcanvas_model::workshop::{Timer, Walkthrough};
use fitcanvas_room::addresses::{Offered, RELIST_EVERY};
use fitcanvas_room::protocol::{Outcome, TimerView};
use fitcanvas_room::server::{RoomConfig, RoomEvent, RoomServer, Shown};
use fitcanvas_room::state::{DeviceKey, Merge, RoundRules, Writing};

use crate::{App, Command};

/// Submissions the inbox shows at once (Accept all takes every one).
const INBOX_SHOWN: usize = 20;

/// What the facilitator can ask of the room.
#[derive(Debug, Clone, PartialEq)]
pub enum RoomCommand {
    /// View → Room / R: opens the room (and this window), or shows and hides the window.
    Toggle,
    Open,
    Close,
    ShowWindow(bool),
    /// Which of the machine's addresses the QR code shows.
    ChooseAddress(usize),
    SetWriting(Option<Writing>),
    Accept(u64),
    AcceptAll,
    Merge(u64, ItemId),
    Reject(u64),
    StartRound(RoundRules),
    /// Ends the round and puts its dots on the canvas, as one undo step.
    EndRound,
    SetJoining(bool),
    RemoveDevice(DeviceKey),
    Rotate,
}

/// The join address as drawn: the URL and its QR code's modules.
#[derive(Debug, Clone, PartialEq)]
pub struct JoinBadge {
    pub url: String,
    width: usize,
    dark: Arc<[bool]>,
    /// People in the room and notes waiting, shown under the code.
    pub joined: usize,
    pub waiting: usize,
}

impl JoinBadge {
    pub(crate) fn new(url: &str) -> Option<JoinBadge> {
        let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M).ok()?;
        let dark = code
            .to_colors()
            .iter()
            .map(|c| *c == qrcode::Color::Dark)
            .collect::<Vec<bool>>()
            .into();
        Some(JoinBadge {
            url: url.to_owned(),
            width: code.width(),
            dark,
            joined: 0,
            waiting: 0,
        })
    }
}

/// The room as the app holds it: the running server (if open) and the window's own state.
#[derive(Default)]
pub struct Room {
    pub window: bool,
    /// The port asked for; empty for any free one.
    pub port: String,
    pub area: Option<Section>,
    pub private: bool,
    pub budget: u32,
    pub one_per_note: bool,
    /// `fitcanvas present --room`: print the address once the room listens.
    pub print_url: bool,
    /// Listen on loopback only (tests, and a laptop showing its own screen).
    pub loopback: bool,
    /// A fixed join token (snapshots only; a real room always gets a random one).
    pub token: Option<String>,
    pub status: String,
    /// Notes sent from phones since the room opened.
    pub notes_received: usize,
    /// The machine's addresses as last listed (again every few seconds, so a change of
    /// Wi-Fi is followed) and the one chosen for the QR code.
    offered: Offered,
    /// The join addresses, made again when the machine's addresses or the token change.
    urls: Vec<String>,
    server: Option<RoomServer>,
    published: Option<((u64, u64), Walkthrough, Timer)>,
    badge: Option<Arc<JoinBadge>>,
}

impl std::fmt::Debug for Room {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Room")
            .field("open", &self.server.is_some())
            .finish()
    }
}

impl Room {
    pub fn is_open(&self) -> bool {
        self.server.is_some()
    }

    /// Every address the room can be joined at.
    pub fn urls(&self) -> &[String] {
        &self.urls
    }

    /// The address the QR code shows.
    pub fn url(&self) -> Option<String> {
        let urls = self.urls();
        urls.get(self.offered.chosen_index())
            .or(urls.first())
            .cloned()
    }

    pub fn server(&self) -> Option<&RoomServer> {
        self.server.as_ref()
    }
}

/// Carries out one room command (called from [`App::apply`]).
pub fn apply(app: &mut App, command: RoomCommand) {
    use RoomCommand as R;
    match command {
        R::Toggle if app.room.is_open() => app.room.window = !app.room.window,
        R::Toggle | R::Open => {
            open(app);
            app.room.window = app.room.is_open() || !app.room.status.is_empty();
        }
        R::Close => {
            // Dropping it tells the server's thread to stop; the UI does not wait for it.
            drop(app.room.server.take());
            app.room.published = None;
            app.room.badge = None;
            app.room.urls.clear();
            app.room.offered = Offered::default();
            app.presentation.room = None;
            app.room.status = "The room is closed.".to_owned();
        }
        R::ShowWindow(on) => {
            app.room.window = on;
        }
        R::ChooseAddress(i) => {
            app.room.offered.choose(i);
            app.room.badge = None;
        }
        R::SetWriting(writing) => update(app, |r| r.set_writing(writing)),
        R::SetJoining(on) => update(app, |r| r.set_joining(on)),
        R::RemoveDevice(device) => update(app, |r| r.remove_device(&device)),
        R::Rotate => {
            if let Some(server) = &app.room.server
                && let Err(e) = server.rotate()
            {
                app.room.status = format!("Could not make a new address: {e}");
            }
            remake_urls(&mut app.room);
            app.room.badge = None;
        }
        R::StartRound(rules) => update(app, |r| r.start_round(rules)),
        R::Accept(id) => {
            let edit = read(app, |r, canvas| r.accept_edit(id, canvas));
            if let Some((edit, note)) = edit
                && app.edit(edit, None)
            {
                resolve(app, &[(id, Some(note))], Outcome::Accepted);
            }
        }
        R::AcceptAll => {
            let batch = read(app, |r, canvas| r.accept_all_edit(canvas));
            if let Some((edit, ids)) = batch
                && app.edit(edit, None)
            {
                let ids: Vec<_> = ids.into_iter().map(|(id, note)| (id, Some(note))).collect();
                resolve(app, &ids, Outcome::Accepted);
            }
        }
        R::Merge(id, into) => {
            let merged = match read(app, |r, canvas| r.merge_edit(id, &into, canvas)) {
                Some(Merge::Unchanged) => true,
                Some(Merge::Edit(edit)) => app.edit(*edit, None),
                None => false,
            };
            if merged {
                resolve(app, &[(id, Some(into))], Outcome::Merged);
            }
        }
        R::Reject(id) => resolve(app, &[(id, None)], Outcome::Rejected),
        R::EndRound => {
            let Some(server) = &app.room.server else {
                return;
            };
            let edit = server.update(|r| r.end_round(app.doc.canvas()));
            if let Some(edit) = edit
                && app.edit(edit, None)
            {
                app.presentation.top_voted = true;
            }
        }
    }
}

fn update(app: &mut App, f: impl FnOnce(&mut fitcanvas_room::state::RoomState)) {
    if let Some(server) = &app.room.server {
        server.update(f);
    }
}

fn read<R>(
    app: &App,
    f: impl FnOnce(&fitcanvas_room::state::RoomState, &fitcanvas_model::Canvas) -> Option<R>,
) -> Option<R> {
    let server = app.room.server.as_ref()?;
    server.read(|r| f(r, app.doc.canvas()))
}

/// Tells the room what the presentation shows now, if that changed since it was last told.
fn publish(app: &mut App) {
    let Some(server) = &app.room.server else {
        return;
    };
    let p = &app.presentation;
    let key = (app.doc.version(), p.walkthrough, p.timer);
    if app.room.published.as_ref() != Some(&key) {
        let t = crate::workshop::presentation::now(app);
        server.publish(Shown {
            canvas: app.doc.canvas().clone(),
            walkthrough: p.walkthrough,
            timer: Some(TimerView::new(&p.timer, t)),
        });
        app.room.published = Some(key);
    }
}

/// Takes submissions out of the inbox, each with the note it became (if any).
fn resolve(app: &mut App, ids: &[(u64, Option<ItemId>)], outcome: Outcome) {
    // The canvas with the note on it goes out first: a page told "accepted" against the
    // canvas from before would read "taken off the canvas" until the next frame.
    publish(app);
    update(app, |r| {
        for (id, note) in ids {
            r.resolve(*id, outcome, note.as_ref());
        }
    });
}

fn open(app: &mut App) {
    if app.room.is_open() {
        return;
    }
    let port = match app.room.port.trim() {
        "" => 0,
        text => match text.parse::<u16>() {
            Ok(port) => port,
            Err(_) => {
                app.room.status = format!("“{text}” is not a port number (1–65535).");
                return;
            }
        },
    };
    let ctx = app.services.ctx.clone();
    let mut config = RoomConfig::new(Arc::new(move || ctx.request_repaint()));
    config.port = port;
    config.token = app.room.token.clone();
    if app.room.loopback {
        config.bind = IpAddr::V4(Ipv4Addr::LOCALHOST);
    }
    match RoomServer::start(config) {
        Ok(server) => {
            let now = crate::workshop::presentation::now(app);
            app.room.offered = Offered::default();
            app.room.offered.relist(server.addresses(), now);
            app.room.server = Some(server);
            remake_urls(&mut app.room);
            app.room.status.clear();
            app.room.published = None;
            if app.room.budget == 0 {
                app.room.budget = 3;
            }
            if app.room.print_url
                && let Some(url) = app.room.url()
            {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "room: {url}");
                let _ = out.flush();
                app.room.print_url = false;
            }
        }
        Err(e) => app.room.status = format!("Could not open the room: {e}"),
    }
}

/// The join addresses from the offered machine addresses and the room's port and token.
fn remake_urls(room: &mut Room) {
    room.urls = match &room.server {
        Some(server) => room.offered.urls(server.port(), &server.path()),
        None => Vec::new(),
    };
}

/// After the frame's commands: takes in what happened in the room and tells the room what the
/// presentation shows now, if that changed. Cheap when nothing changed.
pub(crate) fn after_frame(app: &mut App) {
    let Some(server) = &app.room.server else {
        return;
    };
    let now = crate::workshop::presentation::now(app);
    if app.room.offered.due(now) {
        if app.room.offered.relist(server.addresses(), now) {
            remake_urls(&mut app.room);
        }
        // Looked at again even when nothing else makes a frame.
        app.services
            .ctx
            .request_repaint_after(std::time::Duration::from_secs_f64(RELIST_EVERY));
    }
    let Some(server) = &app.room.server else {
        return;
    };
    // The window and the badge read the state itself; the events count what came in.
    for event in server.events() {
        if let RoomEvent::Submitted { .. } = event {
            app.room.notes_received += 1;
        }
    }
    let (joined, waiting) = server.read(|r| (r.connected(), r.inbox().len()));
    publish(app);
    let url = app.room.url();
    if app.room.badge.as_ref().map(|b| &b.url) != url.as_ref() {
        app.room.badge = url.as_deref().and_then(JoinBadge::new).map(Arc::new);
        app.services.ctx.request_repaint();
    }
    if let Some(badge) = &app.room.badge
        && (badge.joined, badge.waiting) != (joined, waiting)
    {
        app.room.badge = Some(Arc::new(JoinBadge {
            joined,
            waiting,
            ..JoinBadge::clone(badge)
        }));
        // This frame drew the old counts; the next one shows the new.
        app.services.ctx.request_repaint();
    }
    app.presentation.room = app.room.badge.clone();
}

/// Draws a QR code in `rect` (white quiet zone included), labelled for assistive technology.
pub fn qr_code(ui: &mut Ui, rect: Rect, badge: &JoinBadge) -> egui::Response {
    let label = format!("QR code to join the room: {}", badge.url);
    qr_code_labelled(ui, rect, badge, &label)
}

/// A QR code as [`qr_code`] draws it, with its own label.
pub fn qr_code_labelled(ui: &mut Ui, rect: Rect, badge: &JoinBadge, label: &str) -> egui::Response {
    let response = ui.allocate_rect(rect, Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(Role::Image, true, label));
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, Color32::WHITE);
    let quiet = 2.0;
    let module = rect.width().min(rect.height()) / (badge.width as f32 + 2.0 * quiet);
    let origin = rect.min + vec2(quiet * module, quiet * module);
    // Each row's runs of dark modules as one rectangle: a third of the shapes of one per module.
    for (y, row) in badge.dark.chunks(badge.width.max(1)).enumerate() {
        let mut x = 0;
        while x < row.len() {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < row.len() && row[x] {
                x += 1;
            }
            let min = origin + vec2(start as f32 * module, y as f32 * module);
            // A hair taller and wider, so neighbouring rows leave no seams.
            let size = vec2((x - start) as f32 * module + 0.3, module + 0.3);
            painter.rect_filled(Rect::from_min_size(min, size), 0.0, Color32::BLACK);
        }
    }
    response
}

/// The width of the strip the join badge takes beside a presented canvas in `canvas_rect`.
pub fn badge_width(canvas_rect: Rect) -> f32 {
    (canvas_rect.height() * 0.3).clamp(120.0, 360.0) + 24.0
}

/// How tall the join badge's band under a presented value map is on a screen `screen_h`
/// high: the QR code's side, large enough to scan from the room.
pub fn badge_band_height(screen_h: f32) -> f32 {
    (screen_h * 0.2).clamp(110.0, 300.0)
}

/// The join badge beside a presented canvas, in `strip`: "Join on your phone", the QR code
/// and the address under it.
pub fn badge(
    ui: &mut Ui,
    strip: Rect,
    badge: &JoinBadge,
    palette: &fitcanvas_picture::palette::Palette,
) {
    let side = strip.width() - 24.0;
    let size = (side * 0.075).max(12.0);
    let inner = strip.shrink2(vec2(12.0, 8.0));
    ui.scope_builder(egui::UiBuilder::new().max_rect(inner), |ui| {
        let text = crate::shell::theme::color(palette.area_label);
        ui.label(
            RichText::new("Join on your phone")
                .size(size * 1.3)
                .strong()
                .color(text),
        );
        let (rect, _) = ui.allocate_exact_size(vec2(side, side), Sense::hover());
        qr_code(ui, rect, badge);
        badge_words(ui, badge, size, palette);
    });
}

/// The join badge in a `band` under the presented value map: the QR code on the left, the
/// words beside it.
pub fn badge_row(
    ui: &mut Ui,
    band: Rect,
    badge: &JoinBadge,
    palette: &fitcanvas_picture::palette::Palette,
) {
    let side = band.height();
    let qr = Rect::from_min_size(band.min, vec2(side, side));
    qr_code(ui, qr, badge);
    let size = (side * 0.1).max(12.0);
    let words = Rect::from_min_max(egui::pos2(qr.right() + side * 0.1, band.top()), band.max);
    ui.scope_builder(egui::UiBuilder::new().max_rect(words), |ui| {
        ui.label(
            RichText::new("Join on your phone")
                .size(size * 1.3)
                .strong()
                .color(crate::shell::theme::color(palette.area_label)),
        );
        badge_words(ui, badge, size, palette);
    });
}

/// The address to type instead of scanning, and who has joined.
fn badge_words(
    ui: &mut Ui,
    badge: &JoinBadge,
    size: f32,
    palette: &fitcanvas_picture::palette::Palette,
) {
    let text = crate::shell::theme::color(palette.area_label);
    ui.add(egui::Label::new(RichText::new(&badge.url).size(size).color(text)).wrap());
    let people = match badge.joined {
        1 => "1 person joined".to_owned(),
        n => format!("{n} people joined"),
    };
    let waiting = match badge.waiting {
        0 => String::new(),
        n => format!(" · {n} notes waiting"),
    };
    ui.label(RichText::new(people + &waiting).size(size).color(text));
}

/// What the room window gets while it draws.
pub(crate) struct RoomContext<'a> {
    pub room: &'a mut Room,
    pub canvas: &'a fitcanvas_model::Canvas,
    pub out: &'a mut Vec<Command>,
}

/// The room window, while it is open: the join address and the room's controls on the left,
/// the inbox on the right.
pub fn window(ctx: &egui::Context, cx: RoomContext<'_>) {
    let RoomContext { room, canvas, out } = cx;
    if !room.window {
        return;
    }
    let mut open = true;
    let wide = room.server.is_some();
    egui::Window::new("Room")
        .open(&mut open)
        .default_width(if wide { 720.0 } else { 340.0 })
        .default_height(if wide { 560.0 } else { 120.0 })
        .default_pos([24.0, 40.0])
        .show(ctx, |ui| {
            if !room.status.is_empty() {
                ui.label(RichText::new(&room.status).color(ui.visuals().warn_fg_color));
            }
            let Some(server) = &room.server else {
                closed(ui, room, out);
                return;
            };
            let snapshot = Snapshot::of(server, &room.urls);
            ui.columns(2, |cols| {
                egui::ScrollArea::vertical()
                    .id_salt("room_controls")
                    .auto_shrink([false, false])
                    .show(&mut cols[0], |ui| controls(ui, room, &snapshot, out));
                egui::ScrollArea::vertical()
                    .id_salt("room_inbox")
                    .auto_shrink([false, false])
                    .show(&mut cols[1], |ui| inbox(ui, &snapshot, canvas, out));
            });
        });
    if !open {
        out.push(Command::Room(RoomCommand::ShowWindow(false)));
    }
}

/// The room's state as the window shows it this frame, read under one short lock.
struct Snapshot {
    urls: Vec<String>,
    joined: usize,
    joining: bool,
    writing: Option<Writing>,
    round: Option<fitcanvas_room::state::RoundProgress>,
    waiting: usize,
    inbox: Vec<(u64, Section, String, String)>,
    people: Vec<(DeviceKey, String, bool)>,
}

impl Snapshot {
    fn of(server: &RoomServer, urls: &[String]) -> Snapshot {
        let urls = urls.to_vec();
        server.read(|r| Snapshot {
            waiting: r.inbox().len(),
            urls,
            joined: r.connected(),
            joining: r.joining(),
            writing: r.writing(),
            round: r.round(),
            inbox: r
                .inbox()
                .iter()
                .take(INBOX_SHOWN + 1)
                .map(|s| (s.id, s.section, s.text.clone(), r.label_of(&s.device)))
                .collect(),
            people: r
                .devices()
                .into_iter()
                .map(|(k, d)| (k, d.label(), d.connections > 0))
                .collect(),
        })
    }
}

fn closed(ui: &mut Ui, room: &mut Room, out: &mut Vec<Command>) {
    ui.label("Participants join from their phones on this network: no account, no app.");
    ui.horizontal(|ui| {
        let label = ui.label("Port (empty: any free port)");
        ui.add(egui::TextEdit::singleline(&mut room.port).desired_width(70.0))
            .labelled_by(label.id);
    });
    if ui.button("Open the room").clicked() {
        out.push(Command::Room(RoomCommand::Open));
    }
}

fn controls(ui: &mut Ui, room: &mut Room, snap: &Snapshot, out: &mut Vec<Command>) {
    let mut act = |c: RoomCommand| out.push(Command::Room(c));
    ui.horizontal(|ui| {
        if let Some(badge) = &room.badge {
            let (rect, _) = ui.allocate_exact_size(vec2(132.0, 132.0), Sense::hover());
            qr_code(ui, rect, badge);
        }
        ui.vertical(|ui| {
            ui.label(RichText::new(format!("{} joined", snap.joined)).strong());
            ui.label(format!("{} notes received", room.notes_received));
            let mut open_to_join = snap.joining;
            if ui.checkbox(&mut open_to_join, "Joining open").changed() {
                act(RoomCommand::SetJoining(open_to_join));
            }
            if ui
                .button("New join address")
                .on_hover_text("The old address stops working for new phones")
                .clicked()
            {
                act(RoomCommand::Rotate);
            }
            if ui.button("Close the room").clicked() {
                act(RoomCommand::Close);
            }
        });
    });
    ui.label("Join at:")
        .on_hover_text("Follows this computer's network: looked at again every few seconds");
    for (i, url) in snap.urls.iter().enumerate() {
        let chosen = i == room.offered.chosen_index();
        if ui.radio(chosen, url).clicked() {
            act(RoomCommand::ChooseAddress(i));
        }
    }

    ui.separator();
    ui.strong("Writing");
    match snap.writing {
        Some(w) => {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "Open for {} ({})",
                    w.section.title(),
                    if w.private { "private" } else { "live" }
                ));
                if ui.button("Close writing").clicked() {
                    act(RoomCommand::SetWriting(None));
                }
            });
        }
        None => {
            ui.label("Closed");
        }
    }
    let area = room.area.unwrap_or(Section::Jobs);
    ui.horizontal(|ui| {
        egui::ComboBox::from_label("Area")
            .selected_text(area.title())
            .show_ui(ui, |ui| {
                for s in Section::ALL {
                    ui.selectable_value(&mut room.area, Some(s), s.title());
                }
            });
        ui.checkbox(&mut room.private, "Private")
            .on_hover_text("Notes stay hidden from the room until you accept them");
    });
    if ui
        .button(format!("Open writing for {}", area.title()))
        .clicked()
    {
        act(RoomCommand::SetWriting(Some(Writing {
            section: area,
            private: room.private,
        })));
    }

    ui.separator();
    ui.strong("Dot voting");
    match snap.round {
        Some(p) => {
            ui.label(format!(
                "Round {}: {} dots each{}. {} people have placed {} dots (hidden until the end).",
                p.number,
                p.rules.budget,
                if p.rules.one_per_note {
                    ", one per note"
                } else {
                    ""
                },
                p.voters,
                p.dots
            ));
            if ui.button("End round and reveal").clicked() {
                act(RoomCommand::EndRound);
            }
        }
        None => {
            ui.horizontal(|ui| {
                let label = ui.label("Dots each");
                ui.add(egui::DragValue::new(&mut room.budget).range(1..=50))
                    .labelled_by(label.id);
                ui.checkbox(&mut room.one_per_note, "One per note");
            });
            if ui.button("Start vote round").clicked() {
                act(RoomCommand::StartRound(RoundRules {
                    budget: room.budget.max(1),
                    one_per_note: room.one_per_note,
                }));
            }
        }
    }

    ui.separator();
    ui.collapsing(format!("People ({})", snap.people.len()), |ui| {
        for (key, label, connected) in &snap.people {
            ui.horizontal(|ui| {
                ui.label(if *connected { "●" } else { "○" });
                ui.label(label);
                if ui
                    .small_button("Remove")
                    .on_hover_text(format!("Remove {label}: their waiting notes and dots go"))
                    .clicked()
                {
                    act(RoomCommand::RemoveDevice(key.clone()));
                }
            });
        }
    });
}

fn inbox(ui: &mut Ui, snap: &Snapshot, canvas: &fitcanvas_model::Canvas, out: &mut Vec<Command>) {
    let mut act = |c: RoomCommand| out.push(Command::Room(c));
    ui.horizontal(|ui| {
        ui.strong(format!("Inbox ({})", snap.waiting));
        if snap.waiting > 0 && ui.button("Accept all").clicked() {
            act(RoomCommand::AcceptAll);
        }
    });
    if snap.inbox.is_empty() {
        ui.label(RichText::new("Notes sent from phones wait here for you.").weak());
    }
    // The first ones only: a frame never draws a room's whole backlog.
    for (id, section, text, who) in snap.inbox.iter().take(INBOX_SHOWN) {
        ui.group(|ui| {
            ui.label(RichText::new(text).strong());
            ui.label(RichText::new(format!("{} · {who}", section.title())).small());
            ui.horizontal(|ui| {
                if ui.button("Accept").clicked() {
                    act(RoomCommand::Accept(*id));
                }
                ui.menu_button("Merge into…", |ui| {
                    for item in canvas.items(*section) {
                        if ui.button(item.text()).clicked() {
                            act(RoomCommand::Merge(*id, item.id().clone()));
                        }
                    }
                    if canvas.items(*section).is_empty() {
                        ui.label("No notes in this area yet");
                    }
                });
                if ui.button("Reject").clicked() {
                    act(RoomCommand::Reject(*id));
                }
            });
        });
    }
    if snap.waiting > INBOX_SHOWN {
        ui.label(format!("… and {} more", snap.waiting - INBOX_SHOWN));
    }
}
