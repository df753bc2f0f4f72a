//! One drawing of a canvas, as a display list of shapes and already-wrapped text lines, that the
//! SVG, PNG and PDF exports all render: built once from the canvas, the shared
//! [`layout::Board`](crate::layout::Board) and a [`Palette`], so every format shows the same
//! picture the editor shows.

use crate::canvas::{Canvas, Item, ItemId};
use crate::evidence::Status;
use crate::fit::{self, FitReport};
use crate::layout::{Board, NoteSpace, Rect, badge_mark, note_grid, notes_in_area};
use crate::palette::{Palette, Rgb};
use crate::section::Section;

use super::text::{Measurer, SHAPING_SLACK, is_rtl};

/// Width of the drawing in its own units; formats scale it to pixels or paper.
pub const DRAWING_WIDTH: f32 = 1600.0;
/// Height of the band above the board that holds the title, customer segment and fit.
const HEADER: f32 = 120.0;
/// Height of the band below the board that holds the legend.
const FOOTER: f32 = 40.0;
const MARGIN: f32 = 48.0;

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
    /// The marker line drawn along its bottom: a customer note's own ("P2"), or the markers of
    /// what a value-map note addresses ("→ P2 G1").
    pub marker: Option<String>,
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
    /// Draws `canvas` in a [`DRAWING_WIDTH`]-wide picture of the given width : height `aspect`.
    pub fn build(canvas: &Canvas, palette: &Palette, measurer: &Measurer, aspect: f32) -> Drawing {
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
        let addressed = fit_addressed(canvas);
        let markers = markers(canvas);
        let scale = board.size() / 700.0;
        let from = DrawnFrom {
            canvas,
            addressed: &addressed,
            markers: &markers,
            palette,
            measurer,
        };
        for section in Section::ALL {
            d.area(&from, section, &board, scale);
        }
        d.legend(palette, measurer);
        d
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
        let title = one_line(m, title, 34.0, room, true);
        self.text(TextLine {
            x: MARGIN,
            y: 58.0,
            text: title,
            size: 34.0,
            color: palette.area_label,
            bold: true,
            anchor: Anchor::Start,
        });
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
                y: 92.0,
                text: segment,
                size: 18.0,
                color: palette.muted_text,
                bold: false,
                anchor: Anchor::Start,
            });
        }
        self.text(TextLine {
            x: right,
            y: 58.0,
            text: fit_text,
            size: 34.0,
            color: palette.area_label,
            bold: true,
            anchor: Anchor::End,
        });
        self.text(TextLine {
            x: right,
            y: 92.0,
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

    /// One area: its label, then its notes in a grid that always fits (an export cannot scroll,
    /// so many notes get small rather than cut off).
    fn area(&mut self, from: &DrawnFrom<'_>, section: Section, board: &Board, scale: f32) {
        let DrawnFrom {
            canvas,
            addressed,
            markers,
            palette,
            measurer: m,
        } = *from;
        let area = board.area(section);
        let label_size = 16.0 * scale;
        let label = one_line(m, section.title(), label_size, area.w, true);
        self.text(TextLine {
            x: area.x,
            y: area.y + label_size,
            text: label,
            size: label_size,
            color: palette.area_label,
            bold: true,
            anchor: Anchor::Start,
        });
        let top = label_size * 1.7;
        let space = Rect::new(area.x, area.y + top, area.w, (area.h - top).max(1.0));
        let items = canvas.items(section);
        if items.is_empty() {
            self.text(TextLine {
                x: space.x,
                y: space.y + label_size,
                text: one_line(m, "No notes yet", label_size * 0.85, space.w, false),
                size: label_size * 0.85,
                color: palette.muted_text,
                bold: false,
                anchor: Anchor::Start,
            });
            return;
        }
        let (max_w, aspect) = (190.0 * scale, 0.64);
        // As in the window: notes follow the area's shape while they stay readable; past that
        // they shrink in the inscribed rectangle (an export cannot scroll, so many notes get
        // small rather than cut off).
        let note_space = NoteSpace {
            board,
            section,
            top: space.y,
            within: Rect::new(0.0, 0.0, self.width, self.height),
        };
        let (grid, dx) = match notes_in_area(&note_space, items.len(), max_w, 60.0 * scale, aspect)
        {
            Some(grid) => (grid, 0.0),
            None => {
                let grid = note_grid(space, items.len(), max_w, 1.0, aspect);
                // Centre the columns so a lone column does not hug the left edge.
                let cols = grid.columns.min(items.len()) as f32;
                let used = cols * grid.note_w + (cols - 1.0).max(0.0) * grid.gap;
                let dx = ((space.w - used) / 2.0).max(0.0);
                (grid, dx)
            }
        };
        for (item, rect) in items.iter().zip(grid.notes) {
            let rect = Rect::new(rect.x + dx, rect.y, rect.w, rect.h);
            let is_addressed = addressed.contains(item.id().as_str());
            // A customer note shows its own marker; a value-map note those it addresses.
            let marker = if section.is_customer() {
                markers.get(item.id()).cloned()
            } else {
                let named: Vec<&str> = item
                    .addresses()
                    .iter()
                    .filter_map(|id| markers.get(id).map(String::as_str))
                    .collect();
                (!named.is_empty()).then(|| format!("→ {}", named.join(" ")))
            };
            let look = NoteLook {
                addressed: is_addressed,
                marker,
            };
            self.note(section, item, rect, &look, palette, m);
        }
    }

    /// A sticky note: its box, weight dots and check mark for customer notes, and its text
    /// wrapped inside, shrunk and then cut with "…" if it would not fit.
    fn note(
        &mut self,
        section: Section,
        item: &Item,
        rect: Rect,
        look: &NoteLook,
        palette: &Palette,
        m: &Measurer,
    ) {
        let addressed = look.addressed;
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
        let inner = rect.shrink(w * 0.07);
        let mut text_area = inner;
        if section.is_customer() {
            // Capped by the width too, so in a tall narrow note the five dots, the badge with its
            // ring and the check mark still fit side by side.
            let d = (inner.h * 0.12).min(inner.w / 11.0);
            let cy = inner.y + d / 2.0;
            for i in 0..5u8 {
                let center = (inner.x + d / 2.0 + f32::from(i) * d * 1.35, cy);
                let filled = i < item.weight();
                self.shapes.push(Shape::Circle {
                    center,
                    radius: d * 0.42,
                    fill: filled.then_some(palette.note_text),
                    stroke: Some(Stroke {
                        color: palette.note_text,
                        width: d * 0.12,
                    }),
                });
            }
            if addressed {
                // The mark sits on the note, not the board: in the dark theme the board's green
                // is too light for the pale note fills, so fall back to the note's text colour.
                let fill = palette.note_fill(section);
                let mark = if palette.addressed_mark.contrast(fill) >= 3.0 {
                    palette.addressed_mark
                } else {
                    palette.note_text
                };
                let (x, y, s) = (inner.right() - d * 1.3, inner.y, d * 1.2);
                self.shapes.push(Shape::Path {
                    points: vec![
                        (x + s * 0.08, y + s * 0.5),
                        (x + s * 0.4, y + s * 0.82),
                        (x + s * 0.95, y + s * 0.1),
                    ],
                    stroke: Stroke {
                        color: mark,
                        width: d * 0.28,
                    },
                });
            }
            // Between the weight dots and the check mark.
            let center = (inner.right() - d * 2.3, inner.y + d / 2.0);
            self.evidence_marks(item, center, d * 0.55, palette);
            text_area = below(inner, d * 1.7);
        } else if palette.status_badge(item.status()).is_some() || item.is_triangulated() {
            // Value-map notes have no header row; one is made for the badge only when needed.
            // The same header size as a customer note's.
            let d = (inner.h * 0.12).min(inner.w / 11.0);
            let center = (inner.right() - d * 0.75, inner.y + d / 2.0);
            self.evidence_marks(item, center, d * 0.55, palette);
            text_area = below(inner, d * 1.4);
        }
        if let Some(marker) = &look.marker {
            // Along the note's bottom edge, bold: what a reader looks for first.
            let size = (inner.h * 0.13).clamp(7.0, 15.0);
            let line = one_line(m, marker, size, inner.w, true);
            self.text(TextLine {
                x: inner.x,
                y: inner.bottom() - size * 0.25,
                text: line,
                size,
                color: palette.note_text,
                bold: true,
                anchor: Anchor::Start,
            });
            text_area = Rect::new(
                text_area.x,
                text_area.y,
                text_area.w,
                (text_area.h - size * 1.4).max(0.0),
            );
        }
        let (lines, truncated) = fit_text(m, item.text(), text_area, palette.note_text);
        for line in &lines {
            self.text(line.clone());
        }
        self.notes.push(NoteBox {
            id: item.id().clone(),
            section,
            rect,
            text_area,
            lines,
            truncated,
            marker: look.marker.clone(),
        });
    }

    /// The status badge, and the ring round it that says the note is triangulated (backed by
    /// supporting evidence from two kinds of source), as the window draws them.
    fn evidence_marks(&mut self, item: &Item, center: (f32, f32), r: f32, palette: &Palette) {
        if item.is_triangulated() {
            self.shapes.push(Shape::Circle {
                center,
                radius: r * 1.4,
                fill: None,
                stroke: Some(Stroke {
                    color: palette.note_text,
                    width: r * 0.25,
                }),
            });
        }
        if let Some(color) = palette.status_badge(item.status()) {
            self.status_badge(center, r, item.status(), color);
        }
    }

    /// A note's status as a filled disc with a white mark: a tick for validated, a cross for
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

    /// What the weight dots, the check mark and the status badges mean.
    fn legend(&mut self, palette: &Palette, m: &Measurer) {
        let text = "Dots: weight 1–5.   Tick: addressed.   J1, P2, G3 mark customer notes; \
                    → P2 on a value-map note: what it addresses.   Badges: green tick \
                    validated, red cross invalidated, amber dots testing; a ring: triangulated.";
        let size = 14.0;
        let text = one_line(m, text, size, self.width - 2.0 * MARGIN, false);
        self.text(TextLine {
            x: MARGIN,
            y: self.height - FOOTER / 2.0 + size * 0.35,
            text,
            size,
            color: palette.muted_text,
            bold: false,
            anchor: Anchor::Start,
        });
    }
}

/// How one note is marked beyond its text: the addressed tick, and its marker line.
struct NoteLook {
    addressed: bool,
    marker: Option<String>,
}

/// What is left of `area` below a header row `header` high.
fn below(area: Rect, header: f32) -> Rect {
    Rect::new(area.x, area.y + header, area.w, (area.h - header).max(0.0))
}

/// The most characters of a note's text that are laid out.
const MAX_NOTE_CHARS: usize = 2000;
/// Line height as a multiple of the font size.
const LINE_HEIGHT: f32 = 1.25;
/// Ascent plus descent below the last baseline, as a multiple of the font size.
const LINE_EXTENT: f32 = 1.32;

/// Wraps `text` into `area`, starting at a size that suits the note and shrinking to 55% of it
/// before cutting the last line short with "…". Returns the lines and whether text was cut.
pub fn fit_text(m: &Measurer, text: &str, area: Rect, color: Rgb) -> (Vec<TextLine>, bool) {
    // No note shows more than a few hundred characters; wrapping a huge text in full would only
    // cost time (a file may hold megabytes in one note).
    let (text, capped) = match text.char_indices().nth(MAX_NOTE_CHARS) {
        Some((cut, _)) => (&text[..cut], true),
        None => (text, false),
    };
    let max_width = area.w * SHAPING_SLACK;
    let base = (area.w * 0.1).clamp(1.0, 16.0);
    let min_size = base * 0.55;
    let fits = |size: f32| ((area.h - LINE_EXTENT * size) / (LINE_HEIGHT * size)).floor() + 1.0;
    let mut size = base;
    let (mut lines, mut truncated);
    loop {
        lines = m.wrap(text, size, max_width, false);
        let room = fits(size).max(0.0) as usize;
        truncated = lines.len() > room || capped;
        if lines.len() <= room || size <= min_size {
            if truncated {
                lines.truncate(room);
                if let Some(last) = lines.last_mut() {
                    *last = m.ellipsize(last, size, max_width, false);
                }
            }
            break;
        }
        size = (size * 0.9).max(min_size);
    }
    let lines = lines
        .into_iter()
        .enumerate()
        .filter(|(_, line)| !line.is_empty())
        .map(|(i, text)| {
            let rtl = is_rtl(&text);
            TextLine {
                x: if rtl { area.x + max_width } else { area.x },
                y: area.y + size + i as f32 * LINE_HEIGHT * size,
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

/// The ids of customer notes some value-map note addresses.
/// What every area of the drawing is drawn from.
struct DrawnFrom<'a> {
    canvas: &'a Canvas,
    /// The ids of the customer notes the value map addresses.
    addressed: &'a std::collections::HashSet<String>,
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

fn fit_addressed(canvas: &Canvas) -> std::collections::HashSet<String> {
    Section::VALUE_MAP
        .into_iter()
        .flat_map(|s| canvas.items(s))
        .flat_map(|item| item.addresses().iter().map(|id| id.as_str().to_owned()))
        .collect()
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
        // Each badge sits inside its note, above the note's text.
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
                assert!(y < note.text_area.y, "the badge is above the text");
            }
        }
        c.set_status(job.as_str(), Status::Testing).unwrap();
        let d = Drawing::build(&c, &palette, &Measurer::new(), 1.6);
        assert_eq!(count(&d, palette.status_testing), 1);
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
