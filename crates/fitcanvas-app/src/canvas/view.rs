//! The canvas picture: the value map square and customer circle from [`fitcanvas_picture::layout::Board`],
//! each area's notes as sticky notes packed by [`fitcanvas_picture::packing`], in the shared
//! [`Palette`] colours. Notes are clicked to select, double-clicked to edit, dragged within an
//! area to reorder and dragged onto a customer note to link.

use fitcanvas_model::canvas::ItemId;
use fitcanvas_model::edit::Edit;
use std::collections::HashMap;

use egui::{
    Align2, FontId, Pos2, Rect, Role, Sense, Stroke, StrokeKind, Ui, UiBuilder, Vec2, WidgetInfo,
    pos2, vec2,
};

use fitcanvas_model::canvas::{Canvas, Item};
use fitcanvas_model::section::Section;
use fitcanvas_picture::layout::{self, Board, note_grid};
use fitcanvas_picture::link_routes;
use fitcanvas_picture::packing::{self, NoteMetrics, PackNote, Packing};
use fitcanvas_picture::palette::Palette;

use crate::canvas::note_entry::{entry_font, entry_ui, typed_text};
use crate::canvas::note_face::note_face;
use crate::shell::theme::color;
use crate::{Command, ViewState};

/// Largest and smallest note width, in points at scale 1 (a 600-point square).
const MAX_NOTE_W: f32 = 170.0;
const MIN_NOTE_W: f32 = 80.0;

/// Where each visible note was drawn this frame, for drops and link lines.
type NoteRects = HashMap<ItemId, (Section, usize, Rect)>;

/// How the canvas is drawn: the editor's way, or presented to a room (large type, areas
/// dimmed around the spotlit one, the fit's marks only once revealed).
#[derive(Debug, Clone, PartialEq)]
pub struct CanvasStyle {
    /// Lines from value-map notes to the customer notes they address.
    pub links: bool,
    /// Opacity of a link line not touching the selected note: faint in the editor, so the
    /// selection's links stand out; strong on a projector, which washes faint lines out.
    pub link_alpha: f32,
    /// The thinnest a link line is drawn, in points, whatever the picture's scale: thin
    /// lines vanish on a projector.
    pub min_link_width: f32,
    /// The check mark on addressed customer notes.
    pub checks: bool,
    /// "addresses nothing" on value-map notes that address nothing.
    pub link_counts: bool,
    /// Areas drawn faded, by [`Section::index`].
    pub dimmed: [bool; 6],
    /// Smallest and largest note text size in points; notes grow to make room for it.
    pub min_font: f32,
    pub max_font: f32,
    /// Largest note width at scale 1 (see [`MAX_NOTE_W`]).
    pub max_note_w: f32,
    /// Smallest note width at scale 1 before the area scrolls (see [`MIN_NOTE_W`]).
    pub min_note_w: f32,
    /// Radius of a vote dot.
    pub vote_dot: f32,
    /// Drawn for looking only (the audience window): no buttons, no text field.
    pub read_only: bool,
    /// The area to bring close: the whole picture is enlarged (up to `max_zoom` times) around
    /// it, so its notes get room for large type; the rest shows round it, cut by the edges.
    pub focus: Option<Section>,
    pub max_zoom: f32,
    /// Room kept free above and below the value map, beside the circle (see
    /// [`Board::with_room_by_map`]): a presented picture's title and timer go above, the
    /// room's join code below.
    pub room_above_map: f32,
    pub room_below_map: f32,
    /// A band this tall along the canvas's top that the picture shows under but notes keep
    /// out of: a presented spotlight's title and timer sit there.
    pub notes_below: f32,
}

impl CanvasStyle {
    pub fn editor(show_links: bool) -> CanvasStyle {
        CanvasStyle {
            links: show_links,
            link_alpha: 0.35,
            min_link_width: 0.0,
            checks: true,
            link_counts: true,
            dimmed: [false; 6],
            min_font: 12.0,
            max_font: 18.0,
            max_note_w: MAX_NOTE_W,
            min_note_w: MIN_NOTE_W,
            vote_dot: 3.5,
            read_only: false,
            focus: None,
            max_zoom: 1.0,
            room_above_map: 0.0,
            room_below_map: 0.0,
            notes_below: 0.0,
        }
    }
}

pub fn show(
    ui: &mut Ui,
    canvas: &Canvas,
    view: &mut ViewState,
    palette: &Palette,
    show_links: bool,
    out: &mut Vec<Command>,
) {
    let mut style = CanvasStyle::editor(show_links);
    // A focused area fills the canvas, as a spotlit one does when presenting.
    style.focus = view.zoom.focus;
    style.max_zoom = crate::canvas::zoom::MAX_ZOOM;
    draw(ui, canvas, view, palette, &style, true, out);
}

/// Draws the canvas in `style` (the editor calls [`show`]).
pub fn show_with(
    ui: &mut Ui,
    canvas: &Canvas,
    view: &mut ViewState,
    palette: &Palette,
    style: &CanvasStyle,
    out: &mut Vec<Command>,
) {
    draw(ui, canvas, view, palette, style, false, out);
}

/// Draws the canvas; `zoomable`, the editor's, follows the view's zoom and pan and takes
/// Ctrl+wheel, the wheel and drags on empty canvas for them.
fn draw(
    ui: &mut Ui,
    canvas: &Canvas,
    view: &mut ViewState,
    palette: &Palette,
    style: &CanvasStyle,
    zoomable: bool,
    out: &mut Vec<Command>,
) {
    view.smallest_note_font = None;
    view.drawn_notes.clear();
    let full = ui.available_rect_before_wrap();
    view.canvas_rect = Some(full);
    // Clicking empty canvas clears the selection; dragging it pans a zoomed canvas.
    let background = ui.interact(
        full,
        ui.scope_id().with("canvas_bg"),
        Sense::click_and_drag(),
    );
    if background.clicked() {
        out.push(Command::Select(None));
    }
    if zoomable && style.focus.is_none() {
        follow_zoom_input(ui, view, full, &background);
    }
    let zoom = view.zoom;
    let zoomed = zoomable && style.focus.is_none() && zoom.is_zoomed();
    let base_scale = (Board::new(full.width(), full.height()).size() / 600.0).clamp(0.7, 2.0);
    let (board, origin, scale, visible) = if zoomed {
        // The whole picture laid out larger, every note on it (panning brings it into view).
        let board = Board::new(full.width() * zoom.factor, full.height() * zoom.factor);
        let origin = full.min.to_vec2() + zoom.pan;
        let on_screen = Rect::from_min_size(Pos2::ZERO + origin, full.size() * zoom.factor);
        (board, origin, base_scale * zoom.factor, on_screen)
    } else {
        let (board, origin) = zoomed_board(full, style);
        let scale = (board.size() / 600.0).clamp(0.7, 2.0);
        let below = style.notes_below.clamp(0.0, full.height() * 0.5);
        let notes_in = Rect::from_min_max(full.min + vec2(0.0, below), full.max);
        (board, origin, scale, notes_in)
    };
    let zoomed_style;
    let style = if zoomed {
        // Type and notes grow with the picture.
        let mut s = style.clone();
        s.min_font *= zoom.factor;
        s.max_font *= zoom.factor;
        zoomed_style = s;
        &zoomed_style
    } else {
        style
    };
    let to_rect = |r: layout::Rect| Rect::from_min_size(pos2(r.x, r.y) + origin, vec2(r.w, r.h));
    let painter = ui.painter_at(full);
    painter.rect_filled(full, 0.0, color(palette.background));
    let shape_stroke = Stroke::new(2.0 * scale, color(palette.shape_stroke));
    painter.rect(
        to_rect(board.square),
        4.0,
        color(palette.shape_fill),
        shape_stroke,
        StrokeKind::Inside,
    );
    let center = pos2(board.circle_center.0, board.circle_center.1) + origin;
    painter.circle(
        center,
        board.circle_radius,
        color(palette.shape_fill),
        shape_stroke,
    );
    for ((x1, y1), (x2, y2)) in &board.dividers {
        painter.line_segment(
            [pos2(*x1, *y1) + origin, pos2(*x2, *y2) + origin],
            Stroke::new(1.0 * scale, color(palette.divider)),
        );
    }
    let heading = FontId::proportional((15.0 * scale).max(13.0));
    let sq = to_rect(board.square);
    let heading_y = sq.top() - 3.0 * scale;
    painter.text(
        pos2(sq.center().x, heading_y),
        Align2::CENTER_BOTTOM,
        "Value map",
        heading.clone(),
        color(palette.area_label),
    );
    // The circle reaches the board's top: its heading sits in the free corner of its box.
    painter.text(
        center + vec2(board.circle_radius, -board.circle_radius),
        Align2::RIGHT_TOP,
        "Customer profile",
        heading,
        color(palette.area_label),
    );

    // Links go under the notes, so no line crosses a note's text: reserve their place in the
    // paint order now and fill it once every note's position is known.
    let links_slot = ui.painter().add(egui::Shape::Noop);
    let mut rects = NoteRects::new();
    let addressed = fitcanvas_model::fit::addressed_ids(canvas);
    for section in Section::ALL {
        let area = to_rect(board.area(section));
        let place = Placement {
            board: &board,
            origin,
            area,
            scale,
            visible,
            editor: zoomable,
        };
        let look = Look {
            canvas,
            palette,
            style,
            addressed: &addressed,
        };
        area_ui(ui, &look, view, section, &place, &mut rects, out);
    }
    // Faded areas: a veil of the shape's colour over the area's label and notes.
    for section in Section::ALL.into_iter().filter(|s| style.dimmed[s.index()]) {
        // Notes in the circle reach past the area's inscribed rectangle, towards the arc.
        let area = rects
            .values()
            .filter(|(s, _, _)| *s == section)
            .fold(to_rect(board.area(section)), |all, (_, _, r)| all.union(*r))
            .expand(2.0);
        ui.painter()
            .rect_filled(area, 4.0, color(palette.shape_fill).gamma_multiply(0.78));
    }

    if style.links {
        let lines = link_shapes(canvas, view, palette, style, &rects, scale);
        ui.painter().set(links_slot, egui::Shape::Vec(lines));
    }
    handle_drag(ui, canvas, view, palette, &rects, out);
    // For marks drawn over the notes by others (the comparison's outlines and badges).
    view.note_rects = rects
        .iter()
        .map(|(id, (_, _, r))| (id.clone(), *r))
        .collect();
}

/// Where an area sits on screen: the board it belongs to, the board's screen offset, the
/// area's rectangle on screen and the picture's scale.
struct Placement<'a> {
    board: &'a Board,
    origin: Vec2,
    area: Rect,
    scale: f32,
    /// The part of the screen the canvas is drawn in: notes are laid out inside it.
    visible: Rect,
    /// Drawn by the editor, whose areas can be brought close.
    editor: bool,
}

/// Ctrl+wheel (or a pinch) zooms about the pointer; zoomed in, the wheel and a drag on empty
/// canvas pan.
fn follow_zoom_input(ui: &Ui, view: &mut ViewState, full: Rect, background: &egui::Response) {
    let (zoom_delta, scroll, pointer) =
        ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta, i.pointer.hover_pos()));
    let Some(pointer) = pointer.filter(|p| full.contains(*p)) else {
        return;
    };
    if (zoom_delta - 1.0).abs() > 1e-3 {
        view.zoom.zoom_at(zoom_delta, pointer, full);
    } else if view.zoom.is_zoomed() && scroll != Vec2::ZERO {
        view.zoom.pan_by(scroll, full.size());
    }
    if view.zoom.is_zoomed() && background.dragged() {
        view.zoom.pan_by(background.drag_delta(), full.size());
    }
}

/// The board laid out in `full`, enlarged around the focused area if there is one, and where
/// its origin goes on screen.
fn zoomed_board(full: Rect, style: &CanvasStyle) -> (Board, Vec2) {
    let board = Board::with_room_by_map(
        full.width(),
        full.height(),
        style.room_above_map,
        style.room_below_map,
    );
    let Some(section) = style.focus else {
        return (board, full.min.to_vec2());
    };
    // The area's whole part of its shape fills the screen: the circle's parts are filled
    // with notes right up to the curve, not only their inscribed rectangles.
    let part = board.part_bounds(section);
    let zoom = (0.96 * full.width() / part.w.max(1.0))
        .min(0.96 * full.height() / part.h.max(1.0))
        .clamp(1.0, style.max_zoom.max(1.0));
    // Board geometry scales with its size, so the enlarged board is the same picture.
    let board = Board::new(full.width() * zoom, full.height() * zoom);
    let (cx, cy) = board.part_bounds(section).center();
    let origin = full.center().to_vec2() - vec2(cx, cy);
    // No empty band beside an area near the picture's edge (see `spotlight`).
    let (r, (ccx, ccy)) = (board.circle_radius, board.circle_center);
    let content = Rect::from_min_max(
        pos2(board.square.x, board.square.y.min(ccy - r)),
        pos2(ccx + r, board.square.bottom().max(ccy + r)),
    );
    let origin = origin + crate::workshop::spotlight::fill_screen(content.translate(origin), full);
    (board, origin)
}

/// What the canvas is drawn from and how: shared by an area, its notes and their faces.
pub(crate) struct Look<'a> {
    pub canvas: &'a Canvas,
    pub palette: &'a Palette,
    pub style: &'a CanvasStyle,
    /// The customer notes some value-map note addresses, worked out once a frame.
    pub addressed: &'a std::collections::HashSet<&'a str>,
}

/// One note where it is drawn: its area, place in it, rect and the part of the screen it may
/// show in.
pub(crate) struct NoteAt<'a> {
    pub section: Section,
    pub index: usize,
    pub item: &'a Item,
    pub rect: Rect,
    pub clip: Rect,
    /// The area's text size, and the lines of text the note has room for.
    pub font: f32,
    pub lines: usize,
}

fn area_ui(
    ui: &mut Ui,
    look: &Look<'_>,
    view: &mut ViewState,
    section: Section,
    place: &Placement<'_>,
    rects: &mut NoteRects,
    out: &mut Vec<Command>,
) {
    let Look {
        canvas,
        palette,
        style,
        ..
    } = *look;
    let (area, scale) = (place.area, place.scale);
    if !style.read_only {
        // Under the notes (drawn later, so they take their own clicks): the area's own menu,
        // and a click on its empty space clears the selection as the canvas's does.
        let space = ui.interact(
            area,
            ui.scope_id().with(("area", section.key())),
            Sense::click(),
        );
        // Named for screen readers (and tests): "Gain creators area".
        space.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::accesskit::Role::Group,
                true,
                format!("{} area", section.title()),
            )
        });
        if space.clicked() {
            out.push(Command::Select(None));
        }
        space.context_menu(|ui| crate::canvas::note_menu::area(ui, section, out));
    }
    let label_h = (18.0 * scale).max(17.0).max(style.min_font * 1.1).round();
    let label_size = (13.0 * scale).max(12.0).max(style.min_font * 0.9);
    let plus_size = label_h;
    let title_w = ui.fonts_mut(|f| {
        f.layout_no_wrap(
            section.title().to_owned(),
            FontId::proportional(label_size),
            egui::Color32::WHITE,
        )
        .size()
        .x
    });
    // The square's labels span their area; the circle's sit in their area's narrow end.
    let label_w = if section.is_customer() {
        (title_w + 8.0 + plus_size + 4.0).min(area.width())
    } else {
        area.width()
    };
    let board_label = place.board.label_rect(section, label_w, label_h);
    let label_rect = Rect::from_min_size(
        pos2(board_label.x, board_label.y) + place.origin,
        vec2(board_label.w, board_label.h),
    );
    let title_rect =
        Rect::from_min_max(label_rect.min, label_rect.max - vec2(plus_size + 4.0, 0.0));
    let items = canvas.items(section);
    let heading = ui.put(
        title_rect,
        egui::Label::new(
            egui::RichText::new(section.title())
                .size(label_size)
                .strong()
                .color(color(palette.area_label)),
        )
        .truncate()
        .selectable(false)
        .sense(Sense::click()),
    );
    if place.editor && heading.double_clicked() {
        // Brings the area close, or, when it is already, the whole canvas back.
        let focused = style.focus == Some(section);
        out.push(Command::Focus((!focused).then_some(section)));
    }
    let plus_rect = Rect::from_min_size(
        pos2(label_rect.right() - plus_size, label_rect.top()),
        Vec2::splat(plus_size),
    );
    let add_label = format!("Add {}", section.singular());
    let plus = if style.read_only {
        None
    } else {
        Some(
            ui.put(
                plus_rect,
                egui::Button::new(egui::RichText::new("+").size(13.0 * scale)),
            )
            .on_hover_text(&add_label),
        )
    };
    if let Some(plus) = &plus {
        plus.widget_info(|| WidgetInfo::labeled(Role::Button, true, &add_label));
    }
    if plus.is_some_and(|p| p.clicked()) {
        out.push(Command::StartEntry(section));
    }

    let (notes_from, notes_to) = place.board.note_span(section, label_w, label_h);
    let (notes_from, notes_to) = (notes_from + place.origin.y, notes_to + place.origin.y);
    // Where notes scroll when too many fit whole: the area's inscribed rectangle, clear of
    // the label.
    let space = Rect::from_min_max(
        pos2(area.left(), area.top().max(notes_from)),
        pos2(area.right(), area.bottom().min(notes_to)),
    );
    let drafting = view
        .entry
        .as_ref()
        .is_some_and(|e| e.section == section && e.editing.is_none());
    // Each note's text as it will read: an edited note by what is being typed, so it grows
    // as it fills.
    let typed = view.entry.as_ref().filter(|e| e.section == section);
    let mut texts: Vec<PackNote> = items
        .iter()
        .map(|item| {
            let text = match typed {
                Some(e) if e.editing.as_ref() == Some(item.id()) => e.text.as_str(),
                _ => item.text(),
            };
            PackNote {
                text: view.packing.measure(ui, text),
                footer: crate::canvas::note_face::has_footer(look, section, item),
                above: crate::workshop::voting::room_above(item.votes(), style.vote_dot),
            }
        })
        .collect();
    if drafting && let Some(e) = typed {
        let text = view.packing.measure(ui, &e.text);
        texts.push(PackNote {
            text,
            footer: section.is_customer(),
            above: 0.0,
        });
    }
    let metrics = crate::canvas::note_packing::metrics(ui, style, scale);
    // Notes follow the area's shape (the circle's parts widen towards the jobs' chord) with
    // their whole text when they can; otherwise they keep a readable size in the inscribed
    // rectangle, scrolling.
    let (origin, visible) = (place.origin, place.visible);
    let room = place.board.note_room(section, label_w, label_h);
    let note_space = layout::NoteSpace {
        board: place.board,
        section,
        top: room.top,
        keep_out: room.keep_out,
        within: layout::Rect::new(
            visible.left() - origin.x,
            visible.top() - origin.y,
            visible.width(),
            visible.bottom().min(room.bottom + origin.y) - visible.top(),
        ),
    };
    let pack_for = crate::canvas::note_packing::PackFor {
        board_size: place.board.size(),
        min_font: metrics.min_font,
        max_font: metrics.max_font,
    };
    let kept = view.packing.kept(section.index(), pack_for);
    let flowed = view.packing.pack(&note_space, &texts, &metrics, kept);
    let all_whole = flowed
        .as_ref()
        .filter(|p| p.whole_count() == p.notes.len())
        .map(Packing::size);
    view.packing.keep(section.index(), pack_for, all_whole);
    let grid = flowed
        .clone()
        .unwrap_or_else(|| scrolled(&texts, &metrics, space.width(), space.height()));
    view.columns[section.index()] = grid
        .notes
        .iter()
        .take_while(|r| (r.y - grid.notes[0].y).abs() < 0.5)
        .count()
        .max(1);
    let content_height = grid.notes.iter().map(|r| r.bottom()).fold(0.0, f32::max);

    let mut draw = |ui: &mut Ui, top_left: Pos2, clip: Rect| {
        for (index, item) in items.iter().enumerate() {
            let r = grid.notes[index];
            let rect = Rect::from_min_size(top_left + vec2(r.x, r.y), vec2(r.w, r.h));
            let note = NoteAt {
                section,
                index,
                item,
                rect,
                clip,
                font: grid.font,
                lines: grid.lines[index],
            };
            note_ui(ui, look, view, &note, rects, out);
        }
        if drafting && let Some(r) = grid.notes.last() {
            let rect = Rect::from_min_size(top_left + vec2(r.x, r.y), vec2(r.w, r.h));
            ui.painter().rect(
                rect,
                3.0,
                color(palette.note_fill(section)),
                Stroke::new(2.0, color(palette.selection)),
                StrokeKind::Inside,
            );
            if style.read_only {
                typed_text(ui, view, palette, rect);
            } else if let Some(entry) = view.entry.as_mut() {
                let fill = color(palette.note_fill(section));
                entry_ui(ui, entry, rect, fill, entry_font(grid.font), out);
            }
        }
    };

    if flowed.is_some() {
        let clip = ui.clip_rect();
        draw(ui, Pos2::ZERO + place.origin, clip);
    } else if content_height <= space.height() + 0.5 {
        draw(ui, space.min, space);
    } else {
        let mut child = ui.new_child(UiBuilder::new().max_rect(space).id_salt(section.key()));
        egui::ScrollArea::vertical()
            .id_salt(section.key())
            .max_height(space.height())
            .auto_shrink([false, false])
            .show(&mut child, |ui| {
                let (content, _) = ui.allocate_exact_size(
                    vec2(ui.available_width(), content_height),
                    Sense::hover(),
                );
                let clip = ui.clip_rect();
                draw(ui, content.min, clip);
            });
    }
}

/// More notes than fit whole even at the smallest size: a grid at the smallest size, each
/// note three lines tall, which the area scrolls through.
fn scrolled(texts: &[PackNote], metrics: &NoteMetrics, width: f32, height: f32) -> Packing {
    const LINES: usize = 3;
    let font = metrics.min_font;
    let note_h = metrics.height(font, LINES, true);
    let min_w = metrics.min_note_w.min(width);
    let grid = note_grid(
        layout::Rect::new(0.0, 0.0, width, height),
        texts.len(),
        min_w,
        min_w,
        note_h / min_w.max(1.0),
    );
    let line_em = metrics.line_em(font, grid.note_w);
    let need: Vec<usize> = texts.iter().map(|t| t.text.lines(line_em)).collect();
    Packing {
        font,
        note_w: grid.note_w,
        flow: packing::Flow::Rows,
        lines: need.iter().map(|n| (*n).min(LINES)).collect(),
        whole: need.iter().map(|n| *n <= LINES).collect(),
        notes: grid.notes,
        gap: grid.gap,
    }
}

fn note_ui(
    ui: &mut Ui,
    look: &Look<'_>,
    view: &mut ViewState,
    note: &NoteAt<'_>,
    rects: &mut NoteRects,
    out: &mut Vec<Command>,
) {
    let (palette, style) = (look.palette, look.style);
    let NoteAt {
        section,
        index,
        item,
        rect,
        clip,
        ..
    } = *note;
    let id_str = item.id().as_str();
    // Only the part in view: a note half scrolled out of its area gets its links and marks
    // there, not over the area's label.
    let visible = rect.intersect(clip);
    if visible.is_positive() {
        rects.insert(item.id().clone(), (section, index, visible));
    }
    let editing = view
        .entry
        .as_ref()
        .is_some_and(|e| e.editing.as_deref() == Some(id_str));
    let selected = view.selected.as_deref() == Some(id_str)
        || view.also_selected.iter().any(|x| x.as_str() == id_str);
    if selected && view.scroll_to_selected {
        ui.scroll_to_rect(rect, None);
        view.scroll_to_selected = false;
    }
    if !ui.is_rect_visible(rect) {
        // Out of sight (scrolled away): not read.
        view.drawn_notes.insert(
            item.id().clone(),
            crate::DrawnNote {
                section,
                font: note.font,
                whole: false,
            },
        );
        return;
    }
    let painter = ui.painter();
    let fill = color(palette.note_fill(section));
    let stroke = if selected {
        Stroke::new(3.0, color(palette.selection))
    } else {
        Stroke::new(1.0, color(palette.note_stroke))
    };
    painter.rect(rect, 3.0, fill, stroke, StrokeKind::Inside);

    if editing {
        if style.read_only {
            typed_text(ui, view, palette, rect);
        } else if let Some(entry) = view.entry.as_mut() {
            entry_ui(ui, entry, rect, fill, entry_font(note.font), out);
        }
        return;
    }

    let font = note.font;
    view.smallest_note_font = Some(view.smallest_note_font.map_or(font, |f| f.min(font)));
    let in_view = clip.contains_rect(rect);
    let record = |view: &mut ViewState, whole: bool| {
        view.drawn_notes.insert(
            item.id().clone(),
            crate::DrawnNote {
                section,
                font,
                whole: whole && in_view,
            },
        );
    };
    if style.read_only {
        let whole = note_face(ui, look, note, font);
        record(view, whole);
        return;
    }
    let response = ui.interact(
        rect,
        ui.scope_id().with(("note", id_str)),
        Sense::CLICK | Sense::DRAG,
    );
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, item.text()));
    if response.clicked() {
        let adding = ui.input(|i| i.modifiers.command || i.modifiers.shift);
        out.push(if adding {
            Command::ToggleSelect(item.id().clone())
        } else {
            Command::Select(Some(item.id().clone()))
        });
    }
    if response.double_clicked() {
        out.push(Command::EditNote(item.id().clone()));
    }
    if response.drag_started() {
        view.drag = Some(item.id().clone());
        out.push(Command::Select(Some(item.id().clone())));
    }
    // The tooltip's words are put together only when it shows.
    let response = response.on_hover_ui(|ui| {
        ui.label(note_tooltip(section, item));
    });
    response.context_menu(|ui| crate::canvas::note_menu::note(ui, section, item, out));
    let whole = note_face(ui, look, note, font);
    record(view, whole);
    crate::workshop::voting::note_votes(ui, item, rect, style.vote_dot, selected, out);
}

/// What a note's tooltip says: its area, whole text, status, kind in full and triangulation.
fn note_tooltip(section: Section, item: &Item) -> String {
    let mut label = match item.status() {
        fitcanvas_model::evidence::Status::Assumption => {
            format!("{}: {}", section.singular(), item.text())
        }
        status => format!("{}: {} ({})", section.singular(), item.text(), status.key()),
    };
    if let Some(kind) = item.kind() {
        // The tag on the note is three letters; the tooltip says it in full.
        label.push_str(&format!(" · {} ({})", kind.label(), kind.short()));
    }
    if item.is_triangulated() {
        label.push_str(" · triangulated");
    }
    label
}

fn link_shapes(
    canvas: &Canvas,
    view: &mut ViewState,
    palette: &Palette,
    style: &CanvasStyle,
    rects: &NoteRects,
    scale: f32,
) -> Vec<egui::Shape> {
    let bounds = board_rect(view.canvas_rect.unwrap_or(Rect::EVERYTHING));
    // Routes depend only on where the notes are: worked out again when one moves.
    let key = routes_key(rects, bounds);
    if view.link_routes.0 != key {
        view.link_routes = (key, HashMap::new());
    }
    let mut shapes = Vec::new();
    for section in Section::VALUE_MAP {
        for item in canvas.items(section) {
            let Some((_, _, from)) = rects.get(item.id().as_str()) else {
                continue;
            };
            let highlighted = view.selected.as_deref() == Some(item.id().as_str());
            for to in item.addresses() {
                let Some((_, _, to_rect)) = rects.get(to.as_str()) else {
                    continue;
                };
                let emphasis = highlighted || view.selected.as_deref() == Some(to.as_str());
                let mut c = color(palette.link);
                if !emphasis {
                    c = c.gamma_multiply(style.link_alpha);
                }
                let (base, least) = if emphasis {
                    (2.5, style.min_link_width * 1.6)
                } else {
                    (1.2, style.min_link_width)
                };
                let width = (base * scale.min(1.5)).max(least);
                // Round the other notes where it can, so it never seems to end in one. Looked
                // up by the two ids as they are; copied into the map only when first routed.
                let routes = &mut view.link_routes.1;
                let known = routes
                    .get(item.id().as_str())
                    .and_then(|to_map| to_map.get(to.as_str()));
                let path = match known {
                    Some(path) => path,
                    None => {
                        let (a, b) = (board_rect(*from), board_rect(*to_rect));
                        // Only notes near the two can be in the way: a line bends round
                        // a note or two, not across the canvas.
                        let near = from.union(*to_rect).expand(80.0);
                        let obstacles: Vec<layout::Rect> = rects
                            .iter()
                            .filter(|(id, (_, _, r))| {
                                *id != item.id() && *id != to && near.intersects(*r)
                            })
                            .map(|(_, (_, _, r))| board_rect(*r))
                            .collect();
                        let path = link_routes::route(&a, &b, &obstacles, &bounds);
                        routes
                            .entry(item.id().clone())
                            .or_default()
                            .entry(to.clone())
                            .or_insert(path)
                    }
                };
                let points: Vec<Pos2> = path.iter().map(|(x, y)| pos2(*x, *y)).collect();
                let Some(&end) = points.last() else {
                    continue;
                };
                shapes.push(egui::Shape::line(points, Stroke::new(width, c)));
                shapes.push(egui::Shape::circle_filled(end, width * 1.5, c));
            }
        }
    }
    shapes
}

/// What the link routes were worked out for: every note's place and the canvas's.
fn routes_key(rects: &NoteRects, bounds: layout::Rect) -> u64 {
    use std::hash::{Hash, Hasher};
    let hash = |value: &dyn Fn(&mut std::collections::hash_map::DefaultHasher)| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        value(&mut h);
        h.finish()
    };
    // Each place (its area, its position there, its rectangle) hashed on its own and the
    // hashes summed, so the map's order does not matter and nothing is sorted or copied.
    let places = rects
        .values()
        .map(|(section, index, r)| {
            let q = |v: f32| (v * 2.0).round() as i32;
            let place = (
                section.index(),
                *index,
                [q(r.left()), q(r.top()), q(r.width()), q(r.height())],
            );
            hash(&|h| place.hash(h))
        })
        .fold(0u64, u64::wrapping_add);
    let canvas = [bounds.x, bounds.y, bounds.w, bounds.h].map(f32::to_bits);
    places ^ hash(&|h| canvas.hash(h))
}

/// A screen rectangle as plain geometry.
fn board_rect(r: Rect) -> layout::Rect {
    layout::Rect::new(r.left(), r.top(), r.width(), r.height())
}

/// While a note is dragged: a line to the pointer; on release over a note of the same area the
/// note moves there, over a customer note it serves the two are linked (or unlinked if they
/// already were).
fn handle_drag(
    ui: &Ui,
    canvas: &Canvas,
    view: &mut ViewState,
    palette: &Palette,
    rects: &NoteRects,
    out: &mut Vec<Command>,
) {
    let Some(dragged) = view.drag.clone() else {
        return;
    };
    let pointer = ui.input(|i| i.pointer.latest_pos());
    let released = ui.input(|i| !i.pointer.any_down());
    // The pointer can leave (or the window lose it) in the frame the button is released.
    let Some(pos) = pointer.or(view.drag_pos) else {
        if released {
            view.drag = None;
        }
        return;
    };
    view.drag_pos = Some(pos);
    let target = rects
        .iter()
        .find(|(id, (_, _, r))| **id != dragged && r.contains(pos))
        .map(|(id, (s, i, r))| (id.clone(), *s, *i, *r));
    if let Some((_, _, from)) = rects.get(&dragged)
        && !from.contains(pos)
    {
        ui.painter().line_segment(
            [from.center(), pos],
            Stroke::new(2.0, color(palette.selection)),
        );
    }
    if let Some((_, _, _, r)) = &target {
        ui.painter().rect_stroke(
            *r,
            3.0,
            Stroke::new(2.0, color(palette.selection)),
            StrokeKind::Outside,
        );
    }
    if !released {
        return;
    }
    view.drag = None;
    view.drag_pos = None;
    let Some((target_id, target_section, target_index, _)) = target else {
        return;
    };
    let Some(from_section) = canvas.section_of(&dragged) else {
        return;
    };
    if from_section == target_section {
        out.push(Command::edit(Edit::MoveNote {
            id: dragged,
            to: target_index,
        }));
    } else if from_section.addresses() == Some(target_section) {
        let linked = canvas
            .item(&dragged)
            .is_some_and(|i| i.addresses().contains(&target_id));
        out.push(Command::edit(if linked {
            Edit::Unlink {
                from: dragged,
                to: target_id,
            }
        } else {
            Edit::Link {
                from: dragged,
                to: target_id,
                at: None,
            }
        }));
    } else if target_section.addresses() == Some(from_section) {
        out.push(Command::edit(Edit::Link {
            from: target_id,
            to: dragged,
            at: None,
        }));
    }
}
