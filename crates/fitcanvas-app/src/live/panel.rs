//! The live windows: File → Share live… (host on this network, or share through a sync
//! server), File → Join live… (an invite), and, while live, the session's window with the
//! invite, its QR code and who is here. They edit their own form and ask for everything else
//! with commands.

use egui::{Color32, RichText, Sense, Ui, vec2};

use crate::Command;
use crate::live::session::{Live, LiveCommand, LiveForm, LiveWindow};
use crate::workshop::room_panel::qr_code_labelled;

/// Draws the live window that is open, if any.
pub fn window(ctx: &egui::Context, live: &mut Live, out: &mut Vec<Command>) {
    let Some(which) = live.window else {
        return;
    };
    let title = match which {
        LiveWindow::Share => "Share live",
        LiveWindow::Join => "Join live",
        LiveWindow::Session => "Live",
    };
    let mut open = true;
    egui::Window::new(title)
        .open(&mut open)
        .default_width(380.0)
        .default_pos([60.0, 60.0])
        .show(ctx, |ui| {
            if !live.status.is_empty() {
                ui.label(RichText::new(&live.status).color(ui.visuals().warn_fg_color));
            }
            match which {
                LiveWindow::Share => share(ui, &mut live.form, out),
                LiveWindow::Join => join(ui, &mut live.form, out),
                LiveWindow::Session => session(ui, live, out),
            }
        });
    if !open {
        out.push(Command::Live(LiveCommand::CloseWindow));
    }
}

fn identity(ui: &mut Ui, form: &mut LiveForm) {
    ui.horizontal(|ui| {
        let label = ui.label("Your name");
        ui.add(egui::TextEdit::singleline(&mut form.name).desired_width(160.0))
            .labelled_by(label.id);
        let mut colour = form.colour.unwrap_or([0x88, 0x88, 0x88]);
        if ui
            .color_edit_button_srgb(&mut colour)
            .on_hover_text("Your colour: the outline others see on the note you are on")
            .changed()
        {
            form.colour = Some(colour);
        }
    });
}

fn share(ui: &mut Ui, form: &mut LiveForm, out: &mut Vec<Command>) {
    identity(ui, form);
    ui.separator();
    ui.strong("On this network");
    ui.label("This desktop hosts the canvas; others on the network join with the invite.");
    if ui.button("Share on this network").clicked() {
        out.push(Command::Live(LiveCommand::Share));
    }
    ui.separator();
    ui.strong("Through a sync server");
    ui.label("Any y-websocket server (y-sweet, Hocuspocus, @y/websocket-server).");
    ui.horizontal(|ui| {
        let label = ui.label("Server");
        ui.add(
            egui::TextEdit::singleline(&mut form.server)
                .hint_text("wss://host/room")
                .desired_width(240.0),
        )
        .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        let label = ui.label("Token");
        ui.add(
            egui::TextEdit::singleline(&mut form.token)
                .password(true)
                .desired_width(240.0),
        )
        .labelled_by(label.id);
    });
    let can = !form.server.trim().is_empty();
    if ui
        .add_enabled(can, egui::Button::new("Share through the server"))
        .clicked()
    {
        out.push(Command::Live(LiveCommand::ShareOnServer));
    }
}

fn join(ui: &mut Ui, form: &mut LiveForm, out: &mut Vec<Command>) {
    identity(ui, form);
    ui.separator();
    ui.label("Paste the invite you were given: the shared canvas opens in place of this one.");
    let label = ui.label("Invite");
    let field = ui
        .add(
            egui::TextEdit::singleline(&mut form.invite)
                .hint_text("ws://… or wss://…?token=…")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let can = !form.invite.trim().is_empty();
    if (ui.add_enabled(can, egui::Button::new("Join")).clicked() || entered) && can {
        out.push(Command::Live(LiveCommand::Join(form.invite.clone())));
    }
}

fn session(ui: &mut Ui, live: &mut Live, out: &mut Vec<Command>) {
    if let Some(state) = live.state_text() {
        ui.label(RichText::new(state).strong());
    }
    if let Some(invite) = live.invite() {
        ui.horizontal(|ui| {
            if let Some(badge) = live.badge() {
                let (rect, _) = ui.allocate_exact_size(vec2(140.0, 140.0), Sense::hover());
                let label = format!("QR code to join the live canvas: {}", badge.url);
                qr_code_labelled(ui, rect, badge, &label);
            }
            ui.vertical(|ui| {
                ui.label("Invite (it holds the secret: give it only to those who may edit):");
                ui.add(egui::Label::new(RichText::new(&invite).monospace()).wrap());
                if ui.button("Copy invite").clicked() {
                    out.push(Command::Live(LiveCommand::CopyInvite));
                }
            });
        });
        let invites = live.invites();
        if invites.len() > 1 {
            ui.label("This machine's addresses:");
            for (i, other) in invites.iter().enumerate() {
                if ui.radio(*other == invite, other).clicked() {
                    out.push(Command::Live(LiveCommand::ChooseInvite(i)));
                }
            }
        }
    }
    ui.separator();
    let peers = live.peers();
    ui.strong(format!("People ({})", peers.len() + 1));
    let mine = live.me().map(|p| (p.name.clone(), p.rgb()));
    if let Some((name, rgb)) = mine {
        person(ui, &format!("{name} (you)"), rgb);
    }
    for peer in peers {
        person(ui, &peer.name, peer.rgb());
    }
    ui.separator();
    let stop = if live.is_hosting() {
        "Stop sharing"
    } else {
        "Leave"
    };
    if ui
        .button(stop)
        .on_hover_text("The canvas stays open here; save it to keep it as a file")
        .clicked()
    {
        out.push(Command::Live(LiveCommand::Stop));
    }
}

fn person(ui: &mut Ui, name: &str, [r, g, b]: [u8; 3]) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
        ui.painter()
            .circle_filled(rect.center(), 6.0, Color32::from_rgb(r, g, b));
        ui.label(name);
    });
}
