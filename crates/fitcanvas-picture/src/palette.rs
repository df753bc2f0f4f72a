//! The canvas's colours, as plain RGB, shared by the editor window and the exports so both look
//! the same. Light is the default; dark is for dim rooms and late nights.

use fitcanvas_model::evidence::Status;
use fitcanvas_model::section::Section;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for SVG and CSS.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// The WCAG contrast ratio between this colour and `other`, from 1 (the same) to 21.
    pub fn contrast(self, other: Rgb) -> f32 {
        fn luminance(c: Rgb) -> f32 {
            let channel = |v: u8| {
                let v = f32::from(v) / 255.0;
                if v <= 0.039_28 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
        }
        let (x, y) = (luminance(self), luminance(other));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }
}

/// The dots of workshop votes on a note: a strong violet that stands apart from every note
/// fill and from the status badges.
pub const VOTE_DOT: Rgb = Rgb(0x5b, 0x16, 0x9e);

/// Every colour the canvas picture uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub background: Rgb,
    /// Fill of the value-map square and the customer circle.
    pub shape_fill: Rgb,
    pub shape_stroke: Rgb,
    pub divider: Rgb,
    pub area_label: Rgb,
    pub note_text: Rgb,
    pub note_stroke: Rgb,
    /// Sticky-note fill per section, indexed by [`Section::index`].
    pub note_fill: [Rgb; 6],
    pub link: Rgb,
    pub addressed_mark: Rgb,
    pub selection: Rgb,
    pub muted_text: Rgb,
    /// Status badges, with white marks on them: validated, invalidated, under test.
    pub status_validated: Rgb,
    pub status_invalidated: Rgb,
    pub status_testing: Rgb,
}

impl Palette {
    pub fn light() -> Palette {
        Palette {
            background: Rgb(0xf7, 0xf6, 0xf2),
            shape_fill: Rgb(0xff, 0xff, 0xff),
            shape_stroke: Rgb(0x3a, 0x3f, 0x4a),
            divider: Rgb(0x9a, 0xa0, 0xab),
            area_label: Rgb(0x2b, 0x30, 0x3a),
            note_text: Rgb(0x1d, 0x1f, 0x24),
            note_stroke: Rgb(0x8a, 0x80, 0x60),
            note_fill: [
                Rgb(0xd8, 0xe8, 0xff), // jobs: blue
                Rgb(0xff, 0xd9, 0xd6), // pains: red
                Rgb(0xd5, 0xf2, 0xd8), // gains: green
                Rgb(0xff, 0xf1, 0xb8), // products: yellow
                Rgb(0xff, 0xe2, 0xc4), // pain relievers: orange
                Rgb(0xe3, 0xf5, 0xc8), // gain creators: lime
            ],
            link: Rgb(0x4a, 0x6f, 0xd8),
            addressed_mark: Rgb(0x1f, 0x8a, 0x3b),
            selection: Rgb(0x1a, 0x5f, 0xd0),
            muted_text: Rgb(0x5c, 0x63, 0x70),
            status_validated: Rgb(0x14, 0x5e, 0x28),
            status_invalidated: Rgb(0x9e, 0x1c, 0x16),
            status_testing: Rgb(0x7a, 0x48, 0x00),
        }
    }

    pub fn dark() -> Palette {
        Palette {
            background: Rgb(0x1b, 0x1d, 0x22),
            shape_fill: Rgb(0x26, 0x29, 0x30),
            shape_stroke: Rgb(0xc8, 0xcc, 0xd4),
            divider: Rgb(0x6a, 0x70, 0x7c),
            area_label: Rgb(0xe6, 0xe8, 0xec),
            note_text: Rgb(0x14, 0x15, 0x18),
            note_stroke: Rgb(0x10, 0x10, 0x10),
            note_fill: [
                Rgb(0xa9, 0xc8, 0xf5),
                Rgb(0xf2, 0xb0, 0xaa),
                Rgb(0xa8, 0xdc, 0xb0),
                Rgb(0xf0, 0xd8, 0x80),
                Rgb(0xf2, 0xc2, 0x96),
                Rgb(0xc6, 0xe2, 0x9a),
            ],
            link: Rgb(0x8a, 0xaa, 0xff),
            addressed_mark: Rgb(0x5f, 0xd0, 0x7a),
            selection: Rgb(0x6f, 0xa8, 0xff),
            muted_text: Rgb(0xa0, 0xa6, 0xb0),
            // Badges sit on the light note fills in both themes, so they keep their strength.
            status_validated: Rgb(0x14, 0x5e, 0x28),
            status_invalidated: Rgb(0x9e, 0x1c, 0x16),
            status_testing: Rgb(0x7a, 0x48, 0x00),
        }
    }

    /// For a projector at the back of a room: pure white and near-black, darker outlines and
    /// stronger note colours, since projectors wash out pale fills and thin grey lines.
    pub fn projector_light() -> Palette {
        Palette {
            background: Rgb(0xff, 0xff, 0xff),
            shape_fill: Rgb(0xff, 0xff, 0xff),
            shape_stroke: Rgb(0x0b, 0x0c, 0x10),
            divider: Rgb(0x30, 0x34, 0x3c),
            area_label: Rgb(0x00, 0x00, 0x00),
            note_text: Rgb(0x00, 0x00, 0x00),
            note_stroke: Rgb(0x20, 0x20, 0x20),
            note_fill: [
                Rgb(0xb4, 0xd3, 0xff), // jobs: blue
                Rgb(0xff, 0xb9, 0xb2), // pains: red
                Rgb(0xad, 0xe8, 0xb6), // gains: green
                Rgb(0xff, 0xe3, 0x70), // products: yellow
                Rgb(0xff, 0xc6, 0x8c), // pain relievers: orange
                Rgb(0xcf, 0xee, 0x98), // gain creators: lime
            ],
            link: Rgb(0x1d, 0x4e, 0xd8),
            addressed_mark: Rgb(0x0b, 0x6e, 0x24),
            selection: Rgb(0x00, 0x47, 0xc8),
            muted_text: Rgb(0x30, 0x34, 0x3c),
            status_validated: Rgb(0x14, 0x5e, 0x28),
            status_invalidated: Rgb(0x9e, 0x1c, 0x16),
            status_testing: Rgb(0x7a, 0x48, 0x00),
        }
    }

    /// The projector theme for a dark room: black ground, white lines, the same strong notes.
    pub fn projector_dark() -> Palette {
        Palette {
            background: Rgb(0x00, 0x00, 0x00),
            shape_fill: Rgb(0x10, 0x11, 0x14),
            shape_stroke: Rgb(0xff, 0xff, 0xff),
            divider: Rgb(0xb0, 0xb4, 0xbc),
            area_label: Rgb(0xff, 0xff, 0xff),
            link: Rgb(0x9c, 0xb8, 0xff),
            addressed_mark: Rgb(0x6c, 0xe0, 0x88),
            selection: Rgb(0x7c, 0xb4, 0xff),
            muted_text: Rgb(0xc8, 0xcc, 0xd4),
            ..Palette::projector_light()
        }
    }

    pub fn note_fill(&self, section: Section) -> Rgb {
        self.note_fill[section.index()]
    }

    /// The badge colour for a note's status; `None` for an assumption, which carries no badge
    /// so that a fresh canvas stays uncluttered.
    pub fn status_badge(&self, status: Status) -> Option<Rgb> {
        match status {
            Status::Assumption => None,
            Status::Testing => Some(self.status_testing),
            Status::Validated => Some(self.status_validated),
            Status::Invalidated => Some(self.status_invalidated),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contrast(a: Rgb, b: Rgb) -> f32 {
        a.contrast(b)
    }

    #[test]
    fn note_text_is_readable_on_every_note_in_both_themes() {
        for palette in [
            Palette::light(),
            Palette::dark(),
            Palette::projector_light(),
            Palette::projector_dark(),
        ] {
            for fill in palette.note_fill {
                assert!(contrast(palette.note_text, fill) >= 7.0, "{fill:?}");
            }
            assert!(contrast(palette.area_label, palette.shape_fill) >= 7.0);
            for status in [Status::Testing, Status::Validated, Status::Invalidated] {
                let badge = palette.status_badge(status).unwrap();
                // White marks on the badge, and the badge against every note it sits on.
                assert!(contrast(badge, Rgb(255, 255, 255)) >= 4.5, "{status:?}");
                for fill in palette.note_fill {
                    assert!(contrast(badge, fill) >= 3.0, "{status:?} on {fill:?}");
                }
            }
            assert_eq!(palette.status_badge(Status::Assumption), None);
            for fill in palette.note_fill {
                assert!(contrast(VOTE_DOT, fill) >= 4.5, "vote dots on {fill:?}");
            }
            assert_eq!(Rgb(1, 2, 255).hex(), "#0102ff");
        }
    }

    #[test]
    fn projector_themes_have_more_contrast_than_the_editor_themes() {
        let (light, projector) = (Palette::light(), Palette::projector_light());
        assert!(
            contrast(projector.area_label, projector.shape_fill)
                > contrast(light.area_label, light.shape_fill)
        );
        assert!(
            contrast(projector.shape_stroke, projector.background)
                > contrast(light.shape_stroke, light.background)
        );
        for (p, l) in projector.note_fill.iter().zip(light.note_fill) {
            assert!(contrast(projector.note_text, *p) >= 12.0, "{p:?}");
            // Stronger fills: further from the white ground than the editor's pale ones.
            assert!(contrast(*p, projector.background) > contrast(l, light.background));
        }
        let dark = Palette::projector_dark();
        assert!(contrast(dark.area_label, dark.shape_fill) >= 15.0);
    }
}
