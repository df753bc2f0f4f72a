//! Presentation (workshop) mode: the canvas full screen for a room, in a projector theme with
//! large type, walked through area by area (the rest dimmed), the fit revealed only when the
//! facilitator chooses, dot votes, an exercise timer and an optional audience window.
//!
//! Presenting has its own key map (digits spotlight, arrows and clicker keys step), applied only
//! while no text field has the keyboard, so notes can still be typed, edited and undone live.
//! The walk-through, timer and ranking logic is the pure [`fitcanvas_model::workshop`]; this module draws
//! it and turns keys and clicks into [`Action`]s, carried out in [`apply`].

use std::time::{Duration, Instant};

use egui::{Align, Align2, Layout, Rect, RichText, Stroke, Ui, UiBuilder, pos2, vec2};

use fitcanvas_model::fit;
use fitcanvas_model::workshop::{LastMinute, Step, Timer, Walkthrough};
use fitcanvas_picture::palette::Palette;

use crate::canvas::view::CanvasStyle;
use crate::shell::theme::color;
use crate::workshop::timer_view::{timer_face, timer_window};
use crate::{App, Command, Screen, ViewState};

pub use crate::workshop::timer_view::{guard_typing, status};

/// The smallest note text, in points, on a 1080-pixel-high screen; it scales with the height.
pub const MIN_NOTE_TEXT_AT_1080: f32 = 22.0;
/// The thinnest link line at the fit, in points on a 1080-pixel-high screen: a projector
/// washes out anything finer.
pub const MIN_LINK_WIDTH_AT_1080: f32 = 3.0;

/// The short key list shown along the bottom while presenting, from the action table.
pub fn hint() -> String {
    use crate::shell::actions::Action as A;
    let key = |action: A| {
        action
            .shortcuts()
            .first()
            .map(crate::shell::actions::shortcut_text)
            .unwrap_or_default()
    };
    let keys = |actions: &[A]| {
        actions
            .iter()
            .map(|a| key(*a))
            .collect::<Vec<_>>()
            .join("/")
    };
    [
        (keys(&[A::Present, A::Escape]), "leave"),
        (
            format!("{}–{}", key(A::Spotlight(1)), key(A::Spotlight(6))),
            "spotlight",
        ),
        (key(A::Spotlight(0)), "all"),
        (keys(&[A::StepForward, A::StepBack]), "step"),
        (key(A::RevealFit), "reveal fit"),
        (key(A::PresentNewNote), "new note"),
        (key(A::EditNote), "edit"),
        (keys(&[A::Vote, A::Unvote]), "vote"),
        (key(A::TimerStartPause), "timer"),
        (key(A::TopVoted), "top voted"),
        (key(A::DarkProjector), "dark/light"),
        (key(A::Undo), "undo"),
    ]
    .iter()
    .map(|(keys, what)| format!("{keys} {what}"))
    .collect::<Vec<_>>()
    .join(" · ")
}

/// What the facilitator can ask of presentation mode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action {
    /// Enter, or leave if presenting (F5, View → Present).
    Toggle,
    Leave,
    /// Spotlight one step, or show everything (`None`).
    Spotlight(Option<Step>),
    Forward,
    Back,
    ToggleReveal,
    ToggleDark,
    ToggleTopVoted,
    ToggleAudience,
    ShowTimer(bool),
    StartPause,
    ResetTimer,
    /// Sets the timer's length and remembers it in the settings.
    SetMinutes(f64),
    /// Sets the timer's length while the minutes are being dragged, without writing settings
    /// every frame.
    DragMinutes(f64),
    /// The one-minute tone on or off, remembered in the settings.
    SetTone(bool),
}

/// Presentation state: runtime only, never saved with the canvas.
#[derive(Debug, Clone)]
pub struct Presentation {
    pub active: bool,
    pub walkthrough: Walkthrough,
    /// Check marks, link lines and the fit score are shown.
    pub reveal: bool,
    /// The dark projector theme instead of the light one.
    pub dark: bool,
    pub top_voted: bool,
    /// The second native window for the projector.
    pub audience: bool,
    pub timer: Timer,
    /// When the timer's one-minute tone is due.
    pub(crate) last_minute: LastMinute,
    pub timer_window: bool,
    /// The timer's clock counts seconds from here.
    epoch: Instant,
    /// Where the timer's buttons were drawn last frame: a press there must not take the
    /// keyboard from a note being typed.
    pub(crate) timer_controls: Vec<Rect>,
    /// The room's join address and QR code, shown on the presented canvas while it is open.
    pub room: Option<std::sync::Arc<crate::workshop::room_panel::JoinBadge>>,
}

impl Presentation {
    pub fn new(now: Instant, minutes: f64) -> Presentation {
        Presentation {
            active: false,
            walkthrough: Walkthrough::default(),
            reveal: false,
            dark: false,
            top_voted: false,
            audience: false,
            timer: Timer::new(minutes),
            last_minute: LastMinute::default(),
            timer_window: false,
            epoch: now,
            timer_controls: Vec::new(),
            room: None,
        }
    }

    pub fn palette(&self) -> Palette {
        if self.dark {
            Palette::projector_dark()
        } else {
            Palette::projector_light()
        }
    }

    /// How the presented canvas is drawn on a screen `height` points high.
    pub fn style(&self, height: f32) -> CanvasStyle {
        let min_font = (MIN_NOTE_TEXT_AT_1080 * height / 1080.0).max(14.0);
        let mut dimmed = [false; 6];
        for section in fitcanvas_model::section::Section::ALL {
            dimmed[section.index()] = self.walkthrough.dims(section);
        }
        CanvasStyle {
            links: self.reveal,
            // Every line at full strength: a faded line on a projector is no line at all.
            link_alpha: 1.0,
            min_link_width: (MIN_LINK_WIDTH_AT_1080 * height / 1080.0).max(MIN_LINK_WIDTH_AT_1080),
            checks: self.reveal,
            link_counts: false,
            dimmed,
            min_font,
            max_font: min_font * 1.8,
            max_note_w: 220.0,
            // Small enough that a full area (ten notes or more) still fits without scrolling.
            min_note_w: 48.0,
            vote_dot: (min_font * 0.32).max(5.0),
            read_only: false,
            focus: match self.walkthrough.current {
                Some(Step::Area(section)) => Some(section),
                _ => None,
            },
            max_zoom: 2.6,
            room_above_map: 0.0,
            room_below_map: 0.0,
            notes_below: 0.0,
        }
    }
}

/// Seconds on the timer's clock: the app's injected clock, so tests control it.
pub(crate) fn now(app: &App) -> f64 {
    (app.services.clock)()
        .saturating_duration_since(app.presentation.epoch)
        .as_secs_f64()
}

/// Carries out one action (called from [`App::apply`]).
pub fn apply(app: &mut App, ctx: &egui::Context, action: Action) {
    let p = &mut app.presentation;
    match action {
        Action::Toggle => set_active(app, ctx, !app.presentation.active),
        Action::Leave => set_active(app, ctx, false),
        Action::Spotlight(step) => {
            let was = p.walkthrough.current;
            p.walkthrough.current = step;
            follow_fit(p, was);
        }
        Action::Forward => {
            let was = p.walkthrough.current;
            p.walkthrough.forward();
            follow_fit(p, was);
        }
        Action::Back => {
            let was = p.walkthrough.current;
            p.walkthrough.back();
            follow_fit(p, was);
        }
        Action::ToggleReveal => p.reveal = !p.reveal,
        Action::ToggleDark => {
            p.dark = !p.dark;
            if p.active {
                set_egui_theme(ctx, p.dark);
            }
        }
        Action::ToggleTopVoted => p.top_voted = !p.top_voted,
        Action::ToggleAudience => p.audience = !p.audience,
        Action::ShowTimer(open) => p.timer_window = open,
        Action::StartPause => {
            let t = now(app);
            let timer = &mut app.presentation.timer;
            if timer.is_running() {
                timer.pause(t);
            } else {
                // Starting a timer whose time is up runs it again from the top.
                if timer.is_up(t) {
                    timer.reset();
                }
                timer.start(t);
            }
        }
        Action::ResetTimer => p.timer.reset(),
        Action::DragMinutes(minutes) => p.timer.set_minutes(minutes.clamp(0.5, 240.0)),
        Action::SetTone(on) => {
            app.settings.timer_tone = on;
            app.save_settings();
        }
        Action::SetMinutes(minutes) => {
            let minutes = minutes.clamp(0.5, 240.0);
            p.timer.set_minutes(minutes);
            app.settings.timer_minutes = minutes;
            app.save_settings();
        }
    }
}

/// Reaching the last step, the fit, is the reveal, and stepping away from it hides the fit
/// again, so the room walks back into an area without the answers on it. `was` is the step
/// before this move. In between, the facilitator can still show or hide it with F.
fn follow_fit(p: &mut Presentation, was: Option<Step>) {
    let at_fit = p.walkthrough.current == Some(Step::Fit);
    if at_fit {
        p.reveal = true;
    } else if was == Some(Step::Fit) {
        p.reveal = false;
    }
}

/// Tooltips on or off, in every theme's style. Off while presenting: a tooltip pops up on the
/// projected screen, over the notes the room is reading, whenever the pointer rests.
fn show_tooltips(ctx: &egui::Context, on: bool) {
    let usual = egui::style::Interaction::default();
    ctx.all_styles_mut(|style| {
        let i = &mut style.interaction;
        // A delay that never passes: egui then neither shows one nor asks to be woken for it.
        i.tooltip_delay = if on {
            usual.tooltip_delay
        } else {
            f32::INFINITY
        };
        i.tooltip_grace_time = if on { usual.tooltip_grace_time } else { 0.0 };
    });
}

fn set_egui_theme(ctx: &egui::Context, dark: bool) {
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
}

fn set_active(app: &mut App, ctx: &egui::Context, on: bool) {
    if on && app.screen != Screen::Canvas {
        return;
    }
    if app.presentation.active == on {
        return;
    }
    if !on {
        // A note being typed when the presentation ends is kept, not lost with the field.
        app.commit_entry();
    }
    app.presentation.active = on;
    app.view.drag = None;
    show_tooltips(ctx, !on);
    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
    if on {
        set_egui_theme(ctx, app.presentation.dark);
    } else {
        // The editor's own theme goes back on at the start of the next frame.
        app.frame.applied_theme = None;
    }
}

/// The presented canvas filling the window, with the step's name, the timer, the fit score
/// when revealed, a key hint and the on-screen toggles.
pub fn show(ui: &mut Ui, cx: PresentContext<'_>) {
    let PresentContext {
        canvas,
        view,
        presentation,
        t,
        out,
    } = cx;
    let palette = presentation.palette();
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE.fill(color(palette.background)))
        .show(ui, |ui| {
            let full = ui.max_rect();
            let showing = Showing {
                canvas,
                presentation,
                t,
                audience: false,
            };
            let canvas_rect = presented(ui, full, &showing, view, out);
            let bottom = Rect::from_min_max(pos2(full.left(), canvas_rect.bottom()), full.max);
            controls(ui, presentation, bottom, &palette, out);
        });
}

/// What the presentation screen gets while it draws: the canvas to read, the view and the
/// presentation state it keeps between frames, the timer's clock, and where to send commands.
pub(crate) struct PresentContext<'a> {
    pub canvas: &'a fitcanvas_model::Canvas,
    pub view: &'a mut ViewState,
    pub presentation: &'a mut Presentation,
    pub t: f64,
    pub out: &'a mut Vec<Command>,
}

/// What a presented picture shows: the canvas, the presentation's state at time `t`, and
/// whether it is the audience's copy, drawn for looking only.
pub(crate) struct Showing<'a> {
    pub canvas: &'a fitcanvas_model::Canvas,
    pub presentation: &'a Presentation,
    pub t: f64,
    pub audience: bool,
}

/// Draws the presented picture in `full`: header (step, fit score, timer), canvas and the
/// top-voted list when it is on. The audience window draws this same picture, so the room
/// sees there exactly what a presenting screen shows. Returns the canvas's rect.
pub(crate) fn presented(
    ui: &mut Ui,
    full: Rect,
    showing: &Showing<'_>,
    view: &mut ViewState,
    out: &mut Vec<Command>,
) -> Rect {
    let Showing {
        canvas,
        presentation: p,
        t,
        audience,
    } = *showing;
    let palette = p.palette();
    let h = full.height();
    let top_h = (h * 0.08).clamp(40.0, 110.0);
    let bottom_h = if audience { 0.0 } else { 36.0 };
    let mut style = p.style(h);
    style.read_only = audience;
    // The whole board takes the screen's full height: the title, fit score and timer go above
    // the value map, which has room to spare, so the circle is as large as the screen allows.
    // The jobs' part of the circle is as tall as the circle: spotlit, it too takes the full
    // height, the header's band over the top of the picture and its notes below it. Any
    // other spotlit area fills the screen below a header of its own.
    let whole_board = style.focus.is_none();
    let header_over_picture = style.focus == Some(fitcanvas_model::section::Section::Jobs);
    let mut canvas_rect = Rect::from_min_max(
        pos2(
            full.left(),
            full.top()
                + if whole_board || header_over_picture {
                    0.0
                } else {
                    top_h
                },
        ),
        pos2(full.right(), full.bottom() - bottom_h),
    );
    // With the room open, the join code goes under the whole board's value map, which has
    // room to spare; beside a spotlit area it takes a strip on the right and the canvas makes
    // way.
    let badge_under_map = whole_board && p.room.is_some();
    let badge_strip = p.room.as_ref().filter(|_| !badge_under_map).map(|_| {
        let strip = crate::workshop::room_panel::badge_width(canvas_rect);
        let at = canvas_rect.right() - strip;
        canvas_rect.max.x = at;
        // Below the header, whose timer sits at the right end, even where the picture
        // runs up under the header.
        Rect::from_min_max(
            pos2(at, canvas_rect.top().max(full.top() + top_h)),
            pos2(full.right(), canvas_rect.bottom()),
        )
    });
    ui.painter()
        .rect_filled(full, 0.0, color(palette.background));
    let text = color(palette.area_label);
    let pad = (h * 0.012).max(6.0);
    let mut badge_band = None;
    let header = if whole_board {
        style.room_above_map = top_h;
        if badge_under_map {
            style.room_below_map = crate::workshop::room_panel::badge_band_height(h) + pad;
        }
        // Above the value map: from the screen's left edge to the circle's box.
        let board = fitcanvas_picture::layout::Board::with_room_by_map(
            canvas_rect.width(),
            canvas_rect.height(),
            style.room_above_map,
            style.room_below_map,
        );
        let circle_left = board.circle_center.0 - board.circle_radius;
        if badge_under_map {
            let square = board.square;
            let circle_bottom = board.circle_center.1 + board.circle_radius;
            badge_band = Some(Rect::from_min_max(
                canvas_rect.min + vec2(square.x, square.bottom() + pad),
                canvas_rect.min + vec2(square.right(), circle_bottom),
            ));
        }
        // From the value map's left edge, so on a wide screen the words stay by the picture.
        Rect::from_min_max(
            pos2(
                canvas_rect.left() + board.square.x.max(pad * 2.0),
                full.top() + pad,
            ),
            pos2(canvas_rect.left() + circle_left - pad, full.top() + top_h),
        )
    } else {
        if header_over_picture {
            style.notes_below = top_h;
        }
        Rect::from_min_max(
            full.min + vec2(pad * 2.0, pad),
            pos2(full.right() - pad * 2.0, full.top() + top_h),
        )
    };
    ui.scope_builder(UiBuilder::new().max_rect(canvas_rect), |ui| {
        // Brought close, the picture runs past its rect: keep it out of the header.
        ui.set_clip_rect(canvas_rect.intersect(ui.clip_rect()));
        crate::canvas::view::show_with(ui, canvas, view, &palette, &style, out);
    });
    if header_over_picture {
        // The header's band covers the picture's top, where no note goes (`notes_below`): the
        // step and timer read on a plain ground, as beside any other spotlit area.
        ui.painter().rect_filled(
            Rect::from_min_max(full.min, pos2(full.right(), full.top() + top_h)),
            0.0,
            color(palette.background),
        );
    }

    let caption_size = (h * 0.036).max(16.0);
    ui.scope_builder(
        UiBuilder::new()
            .max_rect(Rect::from_min_size(
                header.min,
                vec2(header.width() * 0.42, top_h - pad),
            ))
            .layout(Layout::left_to_right(Align::Center)),
        |ui| {
            ui.add(
                egui::Label::new(
                    RichText::new(p.walkthrough.caption())
                        .size(caption_size)
                        .strong()
                        .color(text),
                )
                .truncate(),
            );
        },
    );
    if p.reveal {
        let score = match fit::score(canvas).fit {
            Some(f) => format!("Fit {f:.0}%"),
            None => "Fit —".to_owned(),
        };
        ui.put(
            Rect::from_center_size(
                pos2(header.center().x, full.top() + top_h / 2.0),
                vec2(header.width() * 0.2, top_h - pad),
            ),
            egui::Label::new(
                RichText::new(score)
                    .size(caption_size * 1.2)
                    .strong()
                    .color(color(palette.addressed_mark)),
            ),
        );
    }
    timer_face(ui, p, full, header, pad, t, &palette);
    if let (Some(badge), Some(strip)) = (&p.room, badge_strip) {
        crate::workshop::room_panel::badge(ui, strip, badge, &palette);
    }
    if let (Some(badge), Some(band)) = (&p.room, badge_band) {
        crate::workshop::room_panel::badge_row(ui, band, badge, &palette);
    }
    if p.top_voted {
        top_voted_overlay(ui, canvas, canvas_rect, &palette, audience, out);
    }
    canvas_rect
}

/// The bottom line: the key hint, and buttons for what the keys do.
fn controls(
    ui: &mut Ui,
    presentation: &mut Presentation,
    bar: Rect,
    palette: &Palette,
    out: &mut Vec<Command>,
) {
    let p = &*presentation;
    let mut act = |a: Action| out.push(Command::Workshop(a));
    let mut timer_rects = Vec::new();
    ui.scope_builder(
        UiBuilder::new()
            .max_rect(bar.shrink2(vec2(12.0, 4.0)))
            .layout(Layout::right_to_left(Align::Center)),
        |ui| {
            if ui.button("Leave presentation").clicked() {
                act(Action::Leave);
            }
            if ui.selectable_label(p.audience, "Audience window").clicked() {
                act(Action::ToggleAudience);
            }
            if ui.selectable_label(p.top_voted, "Top voted list").clicked() {
                act(Action::ToggleTopVoted);
            }
            if ui.selectable_label(p.reveal, "Reveal fit").clicked() {
                act(Action::ToggleReveal);
            }
            ui.separator();
            let set = ui.button("Set timer…");
            timer_rects.push(set.rect);
            if set.clicked() {
                act(Action::ShowTimer(true));
            }
            let reset = ui.button("Reset timer");
            timer_rects.push(reset.rect);
            if reset.clicked() {
                act(Action::ResetTimer);
            }
            let label = if p.timer.is_running() {
                "Pause timer"
            } else {
                "Start timer"
            };
            let start = ui.button(label);
            timer_rects.push(start.rect);
            if start.clicked() {
                act(Action::StartPause);
            }
            ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                ui.add(
                    egui::Label::new(
                        RichText::new(hint())
                            .size(14.0)
                            .color(color(palette.muted_text)),
                    )
                    .truncate(),
                );
            });
        },
    );
    presentation.timer_controls.extend(timer_rects);
}

/// The notes ranked by votes, over the picture's bottom right. In the audience's copy the
/// entries are plain text: nothing there is for clicking.
fn top_voted_overlay(
    ui: &mut Ui,
    canvas: &fitcanvas_model::Canvas,
    canvas_rect: Rect,
    palette: &Palette,
    audience: bool,
    out: &mut Vec<Command>,
) {
    let size = (canvas_rect.height() * 0.024).max(14.0);
    // Bottom right: under the circle, where the picture has the least on it.
    egui::Area::new(ui.scope_id().with("top_voted"))
        .pivot(Align2::RIGHT_BOTTOM)
        // Where the audience's picture is embedded in a window (tests, single-window
        // backends), above that window rather than under it.
        .order(if audience {
            egui::Order::Foreground
        } else {
            egui::Order::Middle
        })
        .fixed_pos(canvas_rect.right_bottom() - vec2(12.0, 8.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .fill(color(palette.shape_fill))
                .stroke(Stroke::new(2.0, color(palette.shape_stroke)))
                .inner_margin(size * 0.8)
                .show(ui, |ui| {
                    ui.set_max_width(size * 24.0);
                    let ranked = fitcanvas_model::workshop::top_voted(canvas);
                    crate::workshop::voting::top_voted_list(
                        ui, canvas, &ranked, size, !audience, out,
                    );
                });
        });
}

/// Windows that live beside both modes: the timer settings and the audience window. Also
/// schedules the next repaint a running timer needs (and no more).
pub fn windows(ctx: &egui::Context, cx: PresentContext<'_>, on_canvas: bool, tone: bool) {
    let PresentContext {
        canvas,
        view,
        presentation,
        t,
        out,
    } = cx;
    if let Some(secs) = presentation.timer.next_tick_in(t) {
        ctx.request_repaint_after(Duration::from_secs_f64(secs));
    }
    if presentation.timer_window {
        timer_window(ctx, presentation, t, tone, out);
    }
    if presentation.audience && on_canvas {
        let showing = Showing {
            canvas,
            presentation,
            t,
            audience: true,
        };
        crate::workshop::audience::show(ctx, &showing, view, out);
    }
}

/// What the room sees, for the editor's status bar while the audience window (or the room)
/// shows the presentation: the facilitator's laptop has only the editor in front of it.
pub fn room_sees(ui: &mut Ui, p: &Presentation) {
    if !(p.audience || p.room.is_some()) {
        return;
    }
    ui.separator();
    let mut seen = vec![p.walkthrough.caption()];
    if p.reveal {
        seen.push("fit shown".to_owned());
    }
    if p.top_voted {
        seen.push("top voted".to_owned());
    }
    ui.label(RichText::new(format!("Room sees: {}", seen.join(" · "))).strong())
        .on_hover_text("What the audience window and the phones show now");
}

/// The workshop entries of the View menu.
pub fn view_menu(
    ui: &mut Ui,
    situation: &crate::shell::actions::Situation,
    p: &Presentation,
    out: &mut Vec<Command>,
) {
    use crate::shell::actions::Action as A;
    let on_canvas = situation.on_canvas;
    let mut act = |a: Action| out.push(Command::Workshop(a));
    if crate::shell::menu_bar::action_item(ui, situation, A::Present)
        .on_hover_text("Full screen for a projector: large type, spotlight, timer")
        .clicked()
    {
        act(Action::Toggle);
    }
    if ui
        .add_enabled(
            on_canvas,
            egui::Button::selectable(p.audience, "Audience window"),
        )
        .on_hover_text("A second window with only the presented canvas: drag it to the projector")
        .clicked()
    {
        act(Action::ToggleAudience);
    }
    if ui.button("Timer…").clicked() {
        act(Action::ShowTimer(true));
    }
    for (action, on, hover, what) in [
        (
            A::RevealFit,
            p.reveal,
            "Show check marks, link lines and the fit score when presenting",
            Action::ToggleReveal,
        ),
        (
            A::TopVoted,
            p.top_voted,
            "Notes ranked by dot votes, over the presented canvas",
            Action::ToggleTopVoted,
        ),
        (
            A::DarkProjector,
            p.dark,
            "The dark projector theme",
            Action::ToggleDark,
        ),
    ] {
        let keys = action.keys_text();
        if ui
            .add(egui::Button::selectable(on, action.label()).shortcut_text(keys))
            .on_hover_text(hover)
            .clicked()
        {
            act(what);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fitcanvas_model::section::Section;

    #[test]
    fn presented_style_follows_the_walkthrough_reveal_and_screen_height() {
        let mut p = Presentation::new(Instant::now(), 5.0);
        let style = p.style(1080.0);
        assert_eq!(style.min_font, MIN_NOTE_TEXT_AT_1080);
        assert!(!style.checks && !style.links && !style.link_counts);
        assert_eq!(style.dimmed, [false; 6]);
        assert_eq!(style.focus, None);
        // Type scales with the screen, never below a floor.
        assert_eq!(p.style(2160.0).min_font, 44.0);
        assert_eq!(p.style(300.0).min_font, 14.0);

        p.walkthrough.current = Step::for_number_key(2);
        let style = p.style(1080.0);
        assert_eq!(style.focus, Some(Section::Pains));
        for s in Section::ALL {
            assert_eq!(style.dimmed[s.index()], s != Section::Pains, "{s:?}");
        }
        p.reveal = true;
        p.walkthrough.current = Some(Step::Fit);
        let style = p.style(1080.0);
        assert!(style.checks && style.links);
        assert_eq!(style.focus, None, "the fit shows the whole canvas");
        assert_eq!(style.dimmed, [false; 6]);
    }

    #[test]
    fn reaching_the_fit_step_reveals_the_fit() {
        let mut p = Presentation::new(Instant::now(), 5.0);
        p.walkthrough.current = Step::for_number_key(6);
        follow_fit(&mut p, None);
        assert!(!p.reveal);
        let was = p.walkthrough.current;
        p.walkthrough.forward();
        follow_fit(&mut p, was);
        assert!(p.reveal);
        // Stepping back from the fit hides it again.
        p.walkthrough.back();
        follow_fit(&mut p, Some(Step::Fit));
        assert!(!p.reveal);
        // Revealed by hand on an area, it stays until the facilitator hides it.
        p.reveal = true;
        let was = p.walkthrough.current;
        p.walkthrough.back();
        follow_fit(&mut p, was);
        assert!(p.reveal);
    }
}
