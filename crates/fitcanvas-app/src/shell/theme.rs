//! Light and dark themes: the shared [`Palette`] as egui colours, and egui's own visuals.

use egui::Color32;
use serde::{Deserialize, Serialize};

use fitcanvas_picture::palette::{Palette, Rgb};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn palette(self) -> Palette {
        match self {
            ThemeChoice::Light => Palette::light(),
            ThemeChoice::Dark => Palette::dark(),
        }
    }

    pub fn apply(self, ctx: &egui::Context) {
        ctx.set_theme(match self {
            ThemeChoice::Light => egui::Theme::Light,
            ThemeChoice::Dark => egui::Theme::Dark,
        });
    }
}

pub fn color(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// Draws the window's text with the fonts the exports use (Noto Sans first, then the bundled
/// fallbacks for other scripts and emoji), keeping egui's own fonts last for its icons, so
/// notes in any language show letters, not boxes.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    let mut chain = Vec::new();
    for font in fitcanvas_picture::fonts::fallback_chain() {
        fonts.font_data.insert(
            font.name.to_owned(),
            std::sync::Arc::new(egui::FontData::from_static(font.bytes)),
        );
        chain.push(font.name.to_owned());
    }
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let list = fonts.families.entry(family.clone()).or_default();
        let at = usize::from(family == egui::FontFamily::Monospace);
        for (i, name) in chain.iter().enumerate() {
            list.insert((at + i).min(list.len()), name.clone());
        }
    }
    ctx.set_fonts(fonts);
}
