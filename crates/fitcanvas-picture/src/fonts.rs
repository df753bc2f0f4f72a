//! The fonts Fitcanvas draws text with, bundled into the binary so exports (and later the editor)
//! look the same on every machine and never show boxes for Japanese, Arabic or emoji.
//!
//! The list is in fallback order: for each character, the first font that has a glyph for it
//! is used. Licences and sources are in `assets/fonts/README.md`.

/// One bundled font file.
#[derive(Debug, Clone, Copy)]
pub struct BundledFont {
    /// A short, stable name (the file name without extension), e.g. for egui's font registry.
    pub name: &'static str,
    /// The family name inside the font file, as SVG's `font-family` refers to it.
    pub family: &'static str,
    /// Whether this is the bold face of its family.
    pub bold: bool,
    /// The TrueType file.
    pub bytes: &'static [u8],
}

/// The regular Latin face: the primary font, and the one whose missing-glyph box counts as
/// "not covered".
pub const PRIMARY_FAMILY: &str = "Noto Sans";

/// Every bundled font, in fallback order.
pub const FONTS: &[BundledFont] = &[
    BundledFont {
        name: "NotoSans-Regular",
        family: "Noto Sans",
        bold: false,
        bytes: include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf"),
    },
    BundledFont {
        name: "NotoSans-Bold",
        family: "Noto Sans",
        bold: true,
        bytes: include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf"),
    },
    BundledFont {
        name: "NotoSansArabic-Regular",
        family: "Noto Sans Arabic",
        bold: false,
        bytes: include_bytes!("../../../assets/fonts/NotoSansArabic-Regular.ttf"),
    },
    BundledFont {
        name: "NotoSansHebrew-Regular",
        family: "Noto Sans Hebrew",
        bold: false,
        bytes: include_bytes!("../../../assets/fonts/NotoSansHebrew-Regular.ttf"),
    },
    BundledFont {
        name: "DroidSansFallbackFull",
        family: "Droid Sans Fallback",
        bold: false,
        bytes: include_bytes!("../../../assets/fonts/DroidSansFallbackFull.ttf"),
    },
    BundledFont {
        name: "Symbola-emoji",
        family: "Symbola",
        bold: false,
        bytes: include_bytes!("../../../assets/fonts/Symbola-emoji.ttf"),
    },
    // Last, so the symbols these two also carry (dotted circle, dashes) are still drawn
    // from the fonts above, as they always were.
    BundledFont {
        name: "NotoSansDevanagari-Regular",
        family: "Noto Sans Devanagari",
        bold: false,
        bytes: include_bytes!("../../../assets/fonts/NotoSansDevanagari-Regular.ttf"),
    },
    BundledFont {
        name: "NotoSansThai-Regular",
        family: "Noto Sans Thai",
        bold: false,
        bytes: include_bytes!("../../../assets/fonts/NotoSansThai-Regular.ttf"),
    },
];

/// The licence of some of the bundled fonts, whose notice must be shown to people (Help → About).
#[derive(Debug, Clone, Copy)]
pub struct FontLicence {
    /// The families it covers, as [`BundledFont::family`] names them.
    pub families: &'static [&'static str],
    /// The licence's name.
    pub name: &'static str,
    /// Its full text, as shipped in `assets/fonts/`.
    pub text: &'static str,
}

/// Every bundled font's licence.
pub const LICENCES: &[FontLicence] = &[
    FontLicence {
        families: &[
            "Noto Sans",
            "Noto Sans Arabic",
            "Noto Sans Hebrew",
            "Noto Sans Devanagari",
            "Noto Sans Thai",
        ],
        name: "SIL Open Font License 1.1",
        text: include_str!("../../../assets/fonts/LICENSE-Noto.txt"),
    },
    FontLicence {
        families: &["Droid Sans Fallback"],
        name: "Apache License 2.0",
        text: include_str!("../../../assets/fonts/LICENSE-DroidSansFallback.txt"),
    },
    FontLicence {
        families: &["Symbola"],
        name: "Free for any use",
        text: include_str!("../../../assets/fonts/LICENSE-Symbola.txt"),
    },
];

/// The regular (non-bold) fonts in fallback order: what to try for each character.
pub fn fallback_chain() -> impl Iterator<Item = &'static BundledFont> {
    FONTS.iter().filter(|f| !f.bold)
}

/// The CSS/SVG `font-family` list naming every bundled family in fallback order.
pub fn css_family_list() -> String {
    let mut families: Vec<&str> = Vec::new();
    for font in FONTS {
        if !families.contains(&font.family) {
            families.push(font.family);
        }
    }
    families
        .iter()
        .map(|f| format!("'{f}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_font_parses_and_is_named_as_listed() {
        for font in FONTS {
            let face = ttf_parser::Face::parse(font.bytes, 0).expect(font.name);
            let family = face
                .names()
                .into_iter()
                .filter(|n| n.name_id == ttf_parser::name_id::FAMILY && n.is_unicode())
                .find_map(|n| n.to_string());
            assert_eq!(family.as_deref(), Some(font.family), "{}", font.name);
            assert_eq!(face.is_bold(), font.bold, "{}", font.name);
        }
        assert_eq!(FONTS[0].family, PRIMARY_FAMILY);
    }

    #[test]
    fn every_bundled_font_has_exactly_one_licence_to_show() {
        for font in FONTS {
            let licences = LICENCES
                .iter()
                .filter(|l| l.families.contains(&font.family))
                .count();
            assert_eq!(licences, 1, "{}", font.family);
        }
        for licence in LICENCES {
            assert!(licence.text.len() > 200, "{}", licence.name);
        }
    }
}
