//! One drawing of a canvas, as a display list of shapes and already-wrapped text lines, that the
//! SVG, PNG and PDF exports all render: built once from the canvas, the shared
//! [`layout::Board`](crate::layout::Board) and a [`Palette`], so every format shows the same
//! picture the editor shows.

use crate::layout::{Board, NoteSpace, Rect, badge_mark, note_grid};
use crate::link_routes;
use crate::note_marks::{MarksWanted, place_marks};
use crate::packing::{Flow, NoteMetrics, NoteText, PackNote, Packing, pack};
use crate::palette::{Palette, Rgb};
use fitcanvas_model::canvas::{Canvas, Item, ItemId};
use fitcanvas_model::evidence::Status;
use fitcanvas_model::fit::{self, FitReport};
use fitcanvas_model::section::Section;

use super::text::{Measurer, SHAPING_SLACK, is_rtl};

/// Width of the drawing in its own units; formats scale it to pixels or paper.
pub const DRAWING_WIDTH: f32 = 1600.0;
/// Height of the band above the board that holds the title, customer segment and fit.
const HEADER: f32 = 96.0;
/// Height of the band below the board that holds the legend.
const FOOTER: f32 = 56.0;
const MARGIN: f32 = 48.0;
/// Text size of the "Draft: N unresolved conflicts" mark beside the title.
const DRAFT_SIZE: f32 = 22.0;

/// A line's colour and thickness.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub color: Rgb,
    pub width: f32,
}

/// Where a text line's `x` is: its left end, middle or right end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One line of text, already wrapped to fit where it is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub x: f32,
    /// The baseline.
    pub y: f32,
    pub text: String,
    /// Pixels per em.
    pub size: f32,
    pub color: Rgb,
    pub bold: bool,
    pub anchor: Anchor,
}

/// Something to draw, in drawing units (y down).
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        rect: Rect,
        radius: f32,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    Circle {
        center: (f32, f32),
        radius: f32,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    /// An open polyline (dividers, check marks).
    Path {
        points: Vec<(f32, f32)>,
        stroke: Stroke,
    },
    Text(TextLine),
    /// A link drawn as a line: from a value-map note to the customer note it addresses, with a
    /// dot where it meets that note. Drawn behind the notes.
    Link {
        from: ItemId,
        to: ItemId,
        points: Vec<(f32, f32)>,
        stroke: Stroke,
    },
}

/// How an export shows what each value-map note addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Links {
    /// Every customer note carries a marker (P2); a value-map note lists the markers of what
    /// it addresses ("→ P2 G1"). Nothing is drawn across the board.
    #[default]
    Markers,
    /// Lines routed between the notes, behind them, round the notes in their way.
    Lines,
    /// Lines and markers.
    Both,
}

impl Links {
    pub const ALL: [Links; 3] = [Links::Markers, Links::Lines, Links::Both];

    pub fn name(self) -> &'static str {
        match self {
            Links::Markers => "Markers",
            Links::Lines => "Lines",
            Links::Both => "Lines and markers",
        }
    }

    fn markers(self) -> bool {
        self != Links::Lines
    }

    fn lines(self) -> bool {
        self != Links::Markers
    }
}

/// Where one note went and the text drawn in it, so tests (and a future hit-test) can check it.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteBox {
    pub id: ItemId,
    pub section: Section,
    pub rect: Rect,
    /// The space its text must stay inside.
    pub text_area: Rect,
    pub lines: Vec<TextLine>,
    /// Whether the text was too long and its last line ends in "…".
    pub truncated: bool,
    /// The marker drawn in its row of marks: a customer note's own ("P2"), or the markers of
    /// what a value-map note addresses ("→ P2 G1").
    pub marker: Option<String>,
    /// The kind's tag drawn beside it ("OBS"), when the row had room for it.
    pub tag: Option<String>,
}

/// The whole picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub width: f32,
    pub height: f32,
    pub background: Rgb,
    pub shapes: Vec<Shape>,
    pub notes: Vec<NoteBox>,
}

impl Drawing {
    /// Draws `canvas` in a [`DRAWING_WIDTH`]-wide picture of the given width : height `aspect`,
    /// its links shown by markers.
    pub fn build(canvas: &Canvas, palette: &Palette, measurer: &Measurer, aspect: f32) -> Drawing {
        Drawing::build_with(canvas, palette, measurer, aspect, Links::Markers)
    }

    /// [`Drawing::build`] with the links shown as `links` says.
    pub fn build_with(
        canvas: &Canvas,
        palette: &Palette,
        measurer: &Measurer,
        aspect: f32,
        links: Links,
    ) -> Drawing {
        let width = DRAWING_WIDTH;
        let height = (width / aspect.clamp(0.5, 4.0)).round();
        let report = fit::score(canvas);
        let mut d = Drawing {
            width,
            height,
            background: palette.background,
            shapes: Vec::new(),
            notes: Vec::new(),
        };
        d.header(canvas, &report, palette, measurer);
        let board = offset(Board::new(width, height - HEADER - FOOTER), HEADER);
        d.shapes_of(&board, palette);
        // Lines go here, once the notes are placed: under the notes, over the board.
        let behind_notes = d.shapes.len();
        let addressed = fitcanvas_model::fit::addressed_ids(canvas);
        // Without markers no note names another, so none carries one.
        let markers = if links.markers() {
            markers(canvas)
        } else {
            std::collections::HashMap::new()
        };
        let scale = board.size() / 700.0;
        let from = DrawnFrom {
            canvas,
            addressed: &addressed,
            markers: &markers,
            palette,
            measurer,
        };
        let labels: Vec<Rect> = Section::ALL
            .into_iter()
            .map(|section| d.area(&from, section, &board, scale))
            .collect();
        if links.lines() {
            let lines = d.link_lines(canvas, &labels, &board, palette);
            d.shapes.splice(behind_notes..behind_notes, lines);
        }
        d.legend(links, palette, measurer);
        d
    }

    /// Every link as a line from the value-map note to the customer note, routed round the
    /// other notes and the area labels, and across the board's outlines rather than along
    /// them, inside the board and a little round it.
    fn link_lines(
        &self,
        canvas: &Canvas,
        labels: &[Rect],
        board: &Board,
        palette: &Palette,
    ) -> Vec<Shape> {
        let stroke = Stroke {
            color: palette.link,
            width: LINK_WIDTH,
        };
        let obstacles: Vec<Rect> = self
            .notes
            .iter()
            .map(|n| n.rect)
            .chain(labels.iter().copied())
            .collect();
        let (cx, cy) = board.circle_center;
        let r = board.circle_radius;
        let sq = board.square;
        let around = 4.0 * LINK_CELL;
        let bounds = Rect::new(
            sq.x - around,
            (cy - r).min(sq.y) - around,
            cx + r - sq.x + 2.0 * around,
            2.0 * r + 2.0 * around,
        );
        let mut router = link_routes::Router::new(bounds, obstacles.clone(), LINK_CELL);
        let circle: Vec<(f32, f32)> = (0..=96)
            .map(|i| {
                let a = i as f32 / 96.0 * std::f32::consts::TAU;
                (cx + r * a.cos(), cy + r * a.sin())
            })
            .collect();
        let corners = [
            (sq.x, sq.y),
            (sq.right(), sq.y),
            (sq.right(), sq.bottom()),
            (sq.x, sq.bottom()),
            (sq.x, sq.y),
        ];
        let ruled: Vec<link_routes::Segment> = board
            .dividers
            .iter()
            .copied()
            .chain(circle.windows(2).map(|w| (w[0], w[1])))
            .chain(corners.windows(2).map(|w| (w[0], w[1])))
            .collect();
        router.rule(&ruled);
        let mut lines = Vec::new();
        for (i, from) in self.notes.iter().enumerate() {
            if from.section.is_customer() {
                continue;
            }
            let Some(item) = canvas.item(from.id.as_str()) else {
                continue;
            };
            for to_id in item.addresses() {
                let Some(j) = self.notes.iter().position(|n| n.id == *to_id) else {
                    continue;
                };
                // A note too small for the grid still gets a line, the window's way.
                let points = router.route(i, j).unwrap_or_else(|| {
                    let others: Vec<Rect> = obstacles
                        .iter()
                        .enumerate()
                        .filter(|&(k, _)| k != i && k != j)
                        .map(|(_, r)| *r)
                        .collect();
                    link_routes::route(&from.rect, &self.notes[j].rect, &others, &bounds)
                });
                if points.len() < 2 {
                    continue;
                }
                lines.push(Shape::Link {
                    from: from.id.clone(),
                    to: to_id.clone(),
                    points,
                    stroke,
                });
            }
        }
        lines
    }

    fn text(&mut self, line: TextLine) {
        self.shapes.push(Shape::Text(line));
    }

    /// Title and customer segment on the left, the fit score on the right.
    fn header(&mut self, canvas: &Canvas, report: &FitReport, palette: &Palette, m: &Measurer) {
        let (fit_text, breakdown) = match report.fit {
            Some(fit) => {
                let part = |s: Section| {
                    report
                        .coverage(s)
                        .map(|c| format!("{} {:.0}%", s.title(), c * 100.0))
                };
                let mut parts: Vec<String> =
                    Section::CUSTOMER.into_iter().filter_map(part).collect();
                if let Some(validated) = report.validated_fit {
                    parts.insert(0, format!("Validated fit {validated:.0}%"));
                }
                (format!("Fit {fit:.0}%"), parts.join("  ·  "))
            }
            None => ("Fit —".to_owned(), "no customer notes yet".to_owned()),
        };
        let right = self.width - MARGIN;
        let fit_w = m
            .width(&fit_text, 34.0, true)
            .max(m.width(&breakdown, 16.0, false));
        let room = (right - fit_w - 40.0 - MARGIN).max(40.0);
        let title = if canvas.title().trim().is_empty() {
            "Untitled canvas"
        } else {
            canvas.title()
        };
        // A merge not yet settled says so beside the title, on every picture and page.
        let draft = canvas.draft_mark().map(|mark| {
            let w = m.width(&mark, DRAFT_SIZE, true) / SHAPING_SLACK;
            (mark, w)
        });
        let draft_room = draft.as_ref().map_or(0.0, |(_, w)| w + 24.0);
        let title = one_line(m, title, 34.0, (room - draft_room).max(40.0), true);
        let title_w = m.width(&title, 34.0, true) / SHAPING_SLACK;
        self.text(TextLine {
            x: MARGIN,
            y: 48.0,
            text: title,
            size: 34.0,
            color: palette.area_label,
            bold: true,
            anchor: Anchor::Start,
        });
        if let Some((mark, _)) = draft {
            self.text(TextLine {
                x: MARGIN + title_w + 24.0,
                y: 48.0,
                text: mark,
                size: DRAFT_SIZE,
                color: palette.status_invalidated,
                bold: true,
                anchor: Anchor::Start,
            });
        }
        if !canvas.customer().trim().is_empty() {
            let segment = one_line(
                m,
                &format!("Customer: {}", canvas.customer()),
                18.0,
                room,
                false,
            );
            self.text(TextLine {
                x: MARGIN,
                y: 80.0,
                text: segment,
                size: 18.0,
                color: palette.muted_text,
                bold: false,
                anchor: Anchor::Start,
            });
        }
        self.text(TextLine {
            x: right,
            y: 48.0,
            text: fit_text,
            size: 34.0,
            color: palette.area_label,
            bold: true,
            anchor: Anchor::End,
        });
        self.text(TextLine {
            x: right,
            y: 80.0,
            text: breakdown,
            size: 16.0,
            color: palette.muted_text,
            bold: false,
            anchor: Anchor::End,
        });
    }

    /// The square, the circle and their dividers.
    fn shapes_of(&mut self, board: &Board, palette: &Palette) {
        let outline = Some(Stroke {
            color: palette.shape_stroke,
            width: 2.5,
        });
        self.shapes.push(Shape::Rect {
            rect: board.square,
            radius: 0.0,
            fill: Some(palette.shape_fill),
            stroke: outline,
        });
        self.shapes.push(Shape::Circle {
            center: board.circle_center,
            radius: board.circle_radius,
            fill: Some(palette.shape_fill),
            stroke: outline,
        });
        for &(from, to) in &board.dividers {
            self.shapes.push(Shape::Path {
                points: vec![from, to],
                stroke: Stroke {
                    color: palette.divider,
                    width: 1.5,
                },
            });
        }
    }

    /// One area: its label, then its notes packed as the window packs them, each with its
    /// whole text at 8 pt or more on paper where the area has room; an export cannot scroll,
    /// so an area too full for that gets smaller notes rather than cut-off ones.
    /// Returns where its label went, which link lines keep clear of.
    fn area(&mut self, from: &DrawnFrom<'_>, section: Section, board: &Board, scale: f32) -> Rect {
        let DrawnFrom {
            canvas,
            addressed,
            markers,
            palette,
            measurer: m,
        } = *from;
        let area = board.area(section);
        let label_size = 16.0 * scale;
        let label_w = if section.is_customer() {
            (m.width(section.title(), label_size, true) / SHAPING_SLACK + 12.0).min(area.w)
        } else {
            area.w
        };
        let label_h = label_size * 1.5;
        let label_rect = board.label_rect(section, label_w, label_h);
        let label = one_line(m, section.title(), label_size, label_rect.w, true);
        self.text(TextLine {
            x: label_rect.x,
            y: label_rect.y + label_size * 1.1,
            text: label,
            size: label_size,
            color: palette.area_label,
            bold: true,
            anchor: Anchor::Start,
        });
        let (top, bottom) = board.note_span(section, label_w, label_h);
        let items = canvas.items(section);
        if items.is_empty() {
            self.text(TextLine {
                x: area.x,
                y: area.y.max(top) + label_size,
                text: one_line(m, "No notes yet", label_size * 0.85, area.w, false),
                size: label_size * 0.85,
                color: palette.muted_text,
                bold: false,
                anchor: Anchor::Start,
            });
            return label_rect;
        }
        let looks: Vec<NoteLook> = items
            .iter()
            .map(|item| NoteLook {
                addressed: addressed.contains(item.id().as_str()),
                // A customer note shows its own marker; a value-map note those it addresses.
                marker: if section.is_customer() {
                    markers.get(item.id()).cloned()
                } else {
                    let named: Vec<&str> = item
                        .addresses()
                        .iter()
                        .filter_map(|id| markers.get(id).map(String::as_str))
                        .collect();
                    (!named.is_empty()).then(|| format!("→ {}", named.join(" ")))
                },
            })
            .collect();
        let notes: Vec<PackNote> = items
            .iter()
            .zip(&looks)
            .map(|(item, look)| PackNote {
                text: NoteText::measure(capped_text(item.text()), |w| m.width(w, 1.0, false)),
                footer: section.is_customer()
                    || look.marker.is_some()
                    || palette.status_badge(item.status()).is_some()
                    || item.is_triangulated(),
                above: 0.0,
            })
            .collect();
        let metrics = NoteMetrics {
            min_font: MIN_NOTE_TEXT,
            max_font: MIN_NOTE_TEXT * 1.6,
            line_height: LINE_HEIGHT,
            pad: NOTE_PAD,
            footer: NOTE_FOOTER,
            min_note_w: 90.0 * scale,
            max_note_w: 300.0 * scale,
            slack: SHAPING_SLACK,
        };
        let room = board.note_room(section, label_w, label_h);
        let note_space = NoteSpace {
            board,
            section,
            top: room.top,
            keep_out: room.keep_out,
            within: Rect::new(0.0, 0.0, self.width, room.bottom.min(self.height)),
        };
        let packed = pack(&note_space, &notes, &metrics, None).unwrap_or_else(|| {
            // Too many to fit even one line each at 8 pt: a grid of small notes.
            let space = Rect::new(
                area.x,
                area.y.max(top),
                area.w,
                area.bottom().min(bottom) - area.y.max(top),
            );
            crowded(space, &notes, &metrics)
        });
        for (i, (item, look)) in items.iter().zip(&looks).enumerate() {
            let at = NoteAt {
                rect: packed.notes[i],
                font: packed.font,
                lines: packed.lines[i],
                footer: notes[i].footer,
            };
            self.note(section, item, &at, look, palette, m);
        }
        label_rect
    }

    /// A sticky note, drawn as the window draws it: its text from the top, and the row of
    /// marks under it (weight dots, marker, status badge and ring, addressed tick).
    fn note(
        &mut self,
        section: Section,
        item: &Item,
        at: &NoteAt,
        look: &NoteLook,
        palette: &Palette,
        m: &Measurer,
    ) {
        let NoteAt {
            rect,
            font,
            lines: room,
            footer,
        } = *at;
        let w = rect.w;
        self.shapes.push(Shape::Rect {
            rect,
            radius: (w * 0.05).min(8.0),
            fill: Some(palette.note_fill(section)),
            stroke: Some(Stroke {
                color: palette.note_stroke,
                width: (w * 0.006).clamp(0.3, 1.2),
            }),
        });
        let pad = font * NOTE_PAD;
        let footer_h = if footer { font * NOTE_FOOTER } else { 0.0 };
        let text_area = Rect::new(
            rect.x + pad,
            rect.y + pad,
            (rect.w - 2.0 * pad).max(0.0),
            (rect.h - 2.0 * pad - footer_h).max(0.0),
        );
        let (lines, truncated) = wrapped(m, item.text(), text_area, font, room, palette.note_text);
        for line in &lines {
            self.text(line.clone());
        }
        let tag = if footer {
            let row = Rect::new(
                text_area.x,
                rect.bottom() - pad - footer_h,
                text_area.w,
                footer_h,
            );
            self.marks(section, item, row, look, palette, m)
        } else {
            None
        };
        self.notes.push(NoteBox {
            id: item.id().clone(),
            section,
            rect,
            text_area,
            lines,
            truncated,
            marker: look.marker.clone(),
            tag,
        });
    }

    /// A note's row of marks, placed by [`place_marks`] so none overlap. Returns the kind's
    /// tag if it was drawn.
    fn marks(
        &mut self,
        section: Section,
        item: &Item,
        row: Rect,
        look: &NoteLook,
        palette: &Palette,
        m: &Measurer,
    ) -> Option<String> {
        let words_size = row.h * 0.85;
        let kind = item.kind_tag();
        let wanted = MarksWanted {
            weight: section.is_customer().then_some(item.weight()),
            badge: palette.status_badge(item.status()).is_some(),
            ring: item.is_triangulated(),
            addressed: section.is_customer() && look.addressed,
            words: look
                .marker
                .as_ref()
                .map(|t| m.width(t, words_size, true) / SHAPING_SLACK),
            tag: kind.map(|k| m.width(k, words_size, false) / SHAPING_SLACK),
        };
        let places = place_marks(row, &wanted);
        for (i, &center) in places.dots.iter().enumerate() {
            let filled = (i as u8) < item.weight();
            self.shapes.push(Shape::Circle {
                center,
                radius: places.dot_radius * 0.9,
                fill: filled.then_some(palette.note_text),
                stroke: Some(Stroke {
                    color: palette.note_text,
                    width: places.dot_radius * 0.25,
                }),
            });
        }
        if let (Some(marker), Some((r, size))) = (&look.marker, places.words) {
            // Bold: what a reader looks for first.
            self.text(TextLine {
                x: r.x,
                y: r.y + r.h * 0.8,
                text: one_line(m, marker, size, r.w / SHAPING_SLACK + 1.0, true),
                size,
                color: palette.note_text,
                bold: true,
                anchor: Anchor::Start,
            });
        }
        let drawn_tag = kind.zip(places.tag).map(|(k, _)| k.to_owned());
        if let (Some(kind), Some((r, size))) = (kind, places.tag) {
            self.text(TextLine {
                x: r.x,
                y: r.y + r.h * 0.8,
                text: kind.to_owned(),
                size,
                color: palette.muted_text,
                bold: false,
                anchor: Anchor::Start,
            });
        }
        if let Some((center, r)) = places.badge {
            if let Some(ring) = places.ring {
                self.shapes.push(Shape::Circle {
                    center,
                    radius: ring * 0.92,
                    fill: None,
                    stroke: Some(Stroke {
                        color: palette.note_text,
                        width: ring * 0.14,
                    }),
                });
            }
            if let Some(color) = palette.status_badge(item.status()) {
                self.status_badge(center, r, item.status(), color);
            }
        }
        if let Some(b) = places.addressed {
            // The mark sits on the note, not the board: in the dark theme the board's green
            // is too light for the pale note fills, so fall back to the note's text colour.
            let fill = palette.note_fill(section);
            let mark = if palette.addressed_mark.contrast(fill) >= 3.0 {
                palette.addressed_mark
            } else {
                palette.note_text
            };
            let (x, y, s) = (b.x, b.y, b.w);
            self.shapes.push(Shape::Path {
                points: vec![
                    (x + s * 0.08, y + s * 0.5),
                    (x + s * 0.4, y + s * 0.82),
                    (x + s * 0.95, y + s * 0.1),
                ],
                stroke: Stroke {
                    color: mark,
                    width: s * 0.22,
                },
            });
        }
        drawn_tag
    }

    /// A note's status as a filled disc with a white mark: a star for validated, a cross for
    /// invalidated, three dots for a test under way. Shape as well as colour, so it reads for
    /// colour-blind readers and on a washed-out projector.
    fn status_badge(&mut self, (cx, cy): (f32, f32), r: f32, status: Status, color: Rgb) {
        self.shapes.push(Shape::Circle {
            center: (cx, cy),
            radius: r,
            fill: Some(color),
            stroke: None,
        });
        let white = Rgb(255, 255, 255);
        let mark = badge_mark(status, (cx, cy), r);
        for points in mark.lines {
            self.shapes.push(Shape::Path {
                points,
                stroke: Stroke {
                    color: white,
                    width: mark.stroke_width,
                },
            });
        }
        for (center, radius) in mark.dots {
            self.shapes.push(Shape::Circle {
                center,
                radius,
                fill: Some(white),
                stroke: None,
            });
        }
    }

    /// What the weight dots, the check mark, the status badges and the kind tags mean.
    fn legend(&mut self, links: Links, palette: &Palette, m: &Measurer) {
        let read_links = match links {
            Links::Markers => "J1, P2, G3: customer notes; → P2: what a value-map note addresses.",
            Links::Lines => {
                "Line: from a value-map note to a customer note it addresses (the end with a dot)."
            }
            Links::Both => {
                "J1, P2, G3: customer notes; → P2, and a line: what a value-map note addresses."
            }
        };
        let first = format!(
            "Dots: weight.  Tick: addressed.  {read_links}  Star: validated, cross: \
             invalidated, three dots: testing, ring: triangulated."
        );
        let lines = [
            first.as_str(),
            "Kinds: FUN functional, SOC social, EMO emotional, SUP supporting job; OUT undesired \
             outcome, OBS obstacle, RSK risk; REQ required, EXP expected, DES desired, UNX \
             unexpected gain.",
        ];
        // As large as the notes' smallest text: a reader needs the key as much.
        let size = MIN_NOTE_TEXT;
        for (i, text) in lines.into_iter().enumerate() {
            let text = one_line(m, text, size, self.width - 2.0 * MARGIN, false);
            self.text(TextLine {
                x: MARGIN,
                y: self.height - FOOTER + size * (1.25 + 1.3 * i as f32),
                text,
                size,
                color: palette.muted_text,
                bold: false,
                anchor: Anchor::Start,
            });
        }
    }
}

/// A link line's thickness in drawing units: about 1.1 pt on A4, which reads on paper and
/// in greyscale without hiding the notes' edges where lines meet them.
const LINK_WIDTH: f32 = 2.2;
/// The grid link lines are routed on, in drawing units: fine enough to pass between areas
/// and between most columns of notes.
const LINK_CELL: f32 = 5.0;

/// The radius of the dot a link line ends in, at the customer note it addresses.
pub fn link_dot(stroke: &Stroke) -> f32 {
    stroke.width * 1.8
}

/// How one note is marked beyond its text: the addressed tick, and its marker line.
struct NoteLook {
    addressed: bool,
    marker: Option<String>,
}

/// Where one note goes and how much text it has room for.
#[derive(Debug, Clone, Copy)]
struct NoteAt {
    rect: Rect,
    font: f32,
    /// Lines of text the note has room for.
    lines: usize,
    /// Whether it has a row of marks under its text.
    footer: bool,
}

/// The smallest note text, in drawing units: 8 pt on the narrowest paper (US Letter, 792 pt
/// across the drawing's width).
pub const MIN_NOTE_TEXT: f32 = 8.0 * DRAWING_WIDTH / 792.0;
/// Room round a note's text, and the height of its row of marks, in ems.
const NOTE_PAD: f32 = 0.38;
const NOTE_FOOTER: f32 = 1.2;

/// A note's text as far as it is ever laid out.
fn capped_text(text: &str) -> &str {
    match text.char_indices().nth(MAX_NOTE_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    }
}

/// Notes too many for their area even at one line each: a grid of notes small enough to
/// fit, each with as many lines as its height holds at a size that suits it.
fn crowded(space: Rect, notes: &[PackNote], metrics: &NoteMetrics) -> Packing {
    let grid = note_grid(space, notes.len(), metrics.max_note_w, 1.0, 0.6);
    let font = (grid.note_w * 0.11).clamp(1.0, metrics.min_font);
    let chrome = font * (2.0 * metrics.pad + metrics.footer);
    let room = (((grid.note_h - chrome) / (font * metrics.line_height)).floor() as usize).max(1);
    let line_em = metrics.line_em(font, grid.note_w);
    let need: Vec<usize> = notes.iter().map(|n| n.text.lines(line_em)).collect();
    Packing {
        font,
        note_w: grid.note_w,
        flow: Flow::Rows,
        lines: vec![room; notes.len()],
        whole: need.iter().map(|n| *n <= room).collect(),
        notes: grid.notes,
        gap: grid.gap,
    }
}

/// The most characters of a note's text that are laid out.
const MAX_NOTE_CHARS: usize = 2000;
/// Line height as a multiple of the font size (the packing's lines are this tall, so the
/// descent of the last line stays inside).
const LINE_HEIGHT: f32 = 1.26;

/// `text` wrapped at `size` into `area`, at most `room` lines, the last cut with "…" if more
/// were needed. Returns the lines and whether text was cut.
pub fn wrapped(
    m: &Measurer,
    text: &str,
    area: Rect,
    size: f32,
    room: usize,
    color: Rgb,
) -> (Vec<TextLine>, bool) {
    // No note shows more than a few hundred characters; wrapping a huge text in full would only
    // cost time (a file may hold megabytes in one note).
    let capped = text.chars().nth(MAX_NOTE_CHARS).is_some();
    let max_width = area.w * SHAPING_SLACK;
    let mut lines = m.wrap(capped_text(text), size, max_width, false);
    let truncated = lines.len() > room || capped;
    if truncated {
        lines.truncate(room.max(1));
        if let Some(last) = lines.last_mut() {
            *last = m.ellipsize(last, size, max_width, false);
        }
    }
    let lines = lines
        .into_iter()
        .enumerate()
        .filter(|(_, line)| !line.is_empty())
        .map(|(i, text)| {
            let rtl = is_rtl(&text);
            TextLine {
                x: if rtl { area.x + max_width } else { area.x },
                y: area.y + size * 1.05 + i as f32 * LINE_HEIGHT * size,
                text,
                size,
                color,
                bold: false,
                anchor: if rtl { Anchor::End } else { Anchor::Start },
            }
        })
        .collect();
    (lines, truncated)
}

/// `text` on one line, cut with "…" if it is wider than `max_width`.
fn one_line(m: &Measurer, text: &str, size: f32, max_width: f32, bold: bool) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if m.width(&flat, size, bold) <= max_width * SHAPING_SLACK {
        flat
    } else {
        m.ellipsize(&flat, size, max_width * SHAPING_SLACK, bold)
    }
}

/// What every area of the drawing is drawn from.
struct DrawnFrom<'a> {
    canvas: &'a Canvas,
    /// The ids of the customer notes the value map addresses.
    addressed: &'a std::collections::HashSet<&'a str>,
    /// Each customer note's marker ("P2"), which the value-map notes that address it name.
    markers: &'a std::collections::HashMap<ItemId, String>,
    palette: &'a Palette,
    measurer: &'a Measurer,
}

/// A short marker for every customer note: its area's letter and its place there (J1, P2, G3).
/// Exports cannot show links as the window does on hover; each value-map note lists the markers
/// of the notes it addresses instead, so a reader matches them without lines crossing text.
pub fn markers(canvas: &Canvas) -> std::collections::HashMap<ItemId, String> {
    let mut out = std::collections::HashMap::new();
    for (section, letter) in [
        (Section::Jobs, 'J'),
        (Section::Pains, 'P'),
        (Section::Gains, 'G'),
    ] {
        for (i, item) in canvas.items(section).iter().enumerate() {
            out.insert(item.id().clone(), format!("{letter}{}", i + 1));
        }
    }
    out
}

/// The board moved down by `dy`, to make room for the header.
fn offset(mut board: Board, dy: f32) -> Board {
    let shift = |r: Rect| Rect::new(r.x, r.y + dy, r.w, r.h);
    board.square = shift(board.square);
    board.circle_center.1 += dy;
    for area in &mut board.areas {
        *area = shift(*area);
    }
    for (from, to) in &mut board.dividers {
        from.1 += dy;
        to.1 += dy;
    }
    board
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_marks_stand_out_on_every_customer_note_in_both_themes() {
        let mut canvas = Canvas::new();
        for section in Section::CUSTOMER {
            let target = canvas.add_item(section, "addressed");
            if let Some(vm) = section.addressed_by() {
                let from = canvas.add_item(vm, "helps");
                canvas.link(from.as_str(), target.as_str()).unwrap();
            }
        }
        for palette in [Palette::light(), Palette::dark()] {
            let d = Drawing::build(&canvas, &palette, &Measurer::new(), 1.6);
            let marks: Vec<Rgb> = d
                .shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Path { points, stroke } if points.len() == 3 => Some(stroke.color),
                    _ => None,
                })
                .collect();
            assert_eq!(marks.len(), 3);
            for (mark, section) in marks.into_iter().zip(Section::CUSTOMER) {
                assert!(mark.contrast(palette.note_fill(section)) >= 3.0);
            }
        }
    }

    #[test]
    fn notes_with_a_status_carry_a_badge_inside_the_note_and_assumptions_none() {
        let mut c = Canvas::new();
        let pain = c.add_item(Section::Pains, "Invoices get lost");
        let reliever = c.add_item(Section::PainRelievers, "Inbox capture");
        let job = c.add_item(Section::Jobs, "Pay suppliers");
        c.set_status(pain.as_str(), Status::Validated).unwrap();
        c.set_status(reliever.as_str(), Status::Invalidated)
            .unwrap();
        let palette = Palette::light();
        let count = |d: &Drawing, color: Rgb| {
            d.shapes
                .iter()
                .filter(|s| matches!(s, Shape::Circle { fill: Some(f), .. } if *f == color))
                .count()
        };
        let d = Drawing::build(&c, &palette, &Measurer::new(), 1.6);
        assert_eq!(count(&d, palette.status_validated), 1);
        assert_eq!(count(&d, palette.status_invalidated), 1);
        assert_eq!(count(&d, palette.status_testing), 0);
        // Each badge sits inside its note, in the row of marks under the note's text.
        for note in &d.notes {
            let badge = d.shapes.iter().find_map(|s| match s {
                Shape::Circle {
                    center,
                    fill: Some(f),
                    ..
                } if [palette.status_validated, palette.status_invalidated].contains(f)
                    && note
                        .rect
                        .contains_rect(&Rect::new(center.0, center.1, 0.0, 0.0)) =>
                {
                    Some(*center)
                }
                _ => None,
            });
            if note.id == job {
                assert_eq!(badge, None, "an assumption has no badge");
            } else {
                let (_, y) = badge.expect("a badge on the note");
                assert!(y > note.text_area.bottom(), "the badge is under the text");
            }
        }
        c.set_status(job.as_str(), Status::Testing).unwrap();
        let d = Drawing::build(&c, &palette, &Measurer::new(), 1.6);
        assert_eq!(count(&d, palette.status_testing), 1);
    }

    #[test]
    fn customer_notes_show_their_kind_and_the_legend_explains_it() {
        let mut c = Canvas::new();
        let pain = c.add_item(Section::Pains, "Invoices get lost");
        c.set_kind(pain.as_str(), fitcanvas_model::section::Kind::Risk)
            .unwrap();
        c.add_item(Section::Products, "An app");
        let d = Drawing::build(&c, &Palette::light(), &Measurer::new(), 1.6);
        let note = d.notes.iter().find(|n| n.id == pain).unwrap();
        assert_eq!(note.tag.as_deref(), Some("RSK"));
        let drawn = d.shapes.iter().any(|s| {
            matches!(s, Shape::Text(t) if t.text == "RSK"
                && note.rect.contains_rect(&Rect::new(t.x, t.y, 0.0, 0.0)))
        });
        assert!(drawn, "the tag is drawn on the note");
        let product = d
            .notes
            .iter()
            .find(|n| n.section == Section::Products)
            .unwrap();
        assert_eq!(product.tag, None, "value-map notes have no kind");
        let legend = d
            .shapes
            .iter()
            .any(|s| matches!(s, Shape::Text(t) if t.text.contains("RSK risk")));
        assert!(legend);
    }

    #[test]
    fn an_empty_canvas_still_draws_a_titled_board() {
        let d = Drawing::build(&Canvas::new(), &Palette::light(), &Measurer::new(), 1.6);
        assert!(d.notes.is_empty());
        let texts: Vec<&str> = d
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect();
        assert!(texts.contains(&"Untitled canvas"));
        assert!(texts.contains(&"Fit —"));
    }
}
