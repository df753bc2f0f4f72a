//! The six areas of a Value Proposition Canvas and the kinds of note each holds.

use std::fmt;

/// One of the six areas of the canvas, in the order the file format lists them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Jobs,
    Pains,
    Gains,
    Products,
    PainRelievers,
    GainCreators,
}

/// Which half of the canvas a section belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The circle: what the customer is trying to get done, what hurts, what they want.
    CustomerProfile,
    /// The square: what we offer and how it relieves pains and creates gains.
    ValueMap,
}

impl Section {
    /// All six sections in file order.
    pub const ALL: [Section; 6] = [
        Section::Jobs,
        Section::Pains,
        Section::Gains,
        Section::Products,
        Section::PainRelievers,
        Section::GainCreators,
    ];

    /// The three customer-profile sections, in the order the fit score reports them.
    pub const CUSTOMER: [Section; 3] = [Section::Jobs, Section::Pains, Section::Gains];

    /// The three value-map sections.
    pub const VALUE_MAP: [Section; 3] = [
        Section::Products,
        Section::PainRelievers,
        Section::GainCreators,
    ];

    /// Position in [`Section::ALL`]; handy for indexing per-section arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The array name in the file format (`pain_relievers`, …).
    pub fn key(self) -> &'static str {
        match self {
            Section::Jobs => "jobs",
            Section::Pains => "pains",
            Section::Gains => "gains",
            Section::Products => "products",
            Section::PainRelievers => "pain_relievers",
            Section::GainCreators => "gain_creators",
        }
    }

    /// The section whose array is named `key` in the file format.
    pub fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The name people use for the area on a canvas.
    pub fn title(self) -> &'static str {
        match self {
            Section::Jobs => "Customer jobs",
            Section::Pains => "Pains",
            Section::Gains => "Gains",
            Section::Products => "Products & services",
            Section::PainRelievers => "Pain relievers",
            Section::GainCreators => "Gain creators",
        }
    }

    /// A one-word name for a single note of this section ("job", "pain reliever").
    pub fn singular(self) -> &'static str {
        match self {
            Section::Jobs => "job",
            Section::Pains => "pain",
            Section::Gains => "gain",
            Section::Products => "product or service",
            Section::PainRelievers => "pain reliever",
            Section::GainCreators => "gain creator",
        }
    }

    /// Prefix for ids the editor generates for new notes in this section.
    pub fn id_prefix(self) -> &'static str {
        match self {
            Section::Jobs => "job",
            Section::Pains => "pain",
            Section::Gains => "gain",
            Section::Products => "product",
            Section::PainRelievers => "reliever",
            Section::GainCreators => "creator",
        }
    }

    pub fn side(self) -> Side {
        match self {
            Section::Jobs | Section::Pains | Section::Gains => Side::CustomerProfile,
            _ => Side::ValueMap,
        }
    }

    pub fn is_customer(self) -> bool {
        self.side() == Side::CustomerProfile
    }

    /// For a value-map section, the customer section its notes address
    /// (products → jobs, pain relievers → pains, gain creators → gains).
    pub fn addresses(self) -> Option<Section> {
        match self {
            Section::Products => Some(Section::Jobs),
            Section::PainRelievers => Some(Section::Pains),
            Section::GainCreators => Some(Section::Gains),
            _ => None,
        }
    }

    /// For a customer section, the value-map section whose notes address it.
    pub fn addressed_by(self) -> Option<Section> {
        Section::VALUE_MAP
            .into_iter()
            .find(|vm| vm.addresses() == Some(self))
    }

    /// The kinds a note of this section may have; empty for value-map sections.
    pub fn kinds(self) -> &'static [Kind] {
        match self {
            Section::Jobs => &[
                Kind::Functional,
                Kind::Social,
                Kind::Emotional,
                Kind::Supporting,
            ],
            Section::Pains => &[Kind::UndesiredOutcome, Kind::Obstacle, Kind::Risk],
            Section::Gains => &[
                Kind::Required,
                Kind::Expected,
                Kind::Desired,
                Kind::Unexpected,
            ],
            _ => &[],
        }
    }

    /// The kind a new note of this section gets, and the one a file means when it omits `kind`.
    pub fn default_kind(self) -> Option<Kind> {
        match self {
            Section::Jobs => Some(Kind::Functional),
            Section::Pains => Some(Kind::Obstacle),
            Section::Gains => Some(Kind::Expected),
            _ => None,
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// The kind of a customer note: what sort of job, pain or gain it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Functional,
    Social,
    Emotional,
    Supporting,
    UndesiredOutcome,
    Obstacle,
    Risk,
    Required,
    Expected,
    Desired,
    Unexpected,
}

impl Kind {
    /// The spelling in the file format.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Functional => "functional",
            Kind::Social => "social",
            Kind::Emotional => "emotional",
            Kind::Supporting => "supporting",
            Kind::UndesiredOutcome => "undesired_outcome",
            Kind::Obstacle => "obstacle",
            Kind::Risk => "risk",
            Kind::Required => "required",
            Kind::Expected => "expected",
            Kind::Desired => "desired",
            Kind::Unexpected => "unexpected",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Functional => "Functional",
            Kind::Social => "Social",
            Kind::Emotional => "Emotional",
            Kind::Supporting => "Supporting",
            Kind::UndesiredOutcome => "Undesired outcome",
            Kind::Obstacle => "Obstacle",
            Kind::Risk => "Risk",
            Kind::Required => "Required",
            Kind::Expected => "Expected",
            Kind::Desired => "Desired",
            Kind::Unexpected => "Unexpected",
        }
    }

    /// Three letters that stand for the kind on a drawn note, where the whole word would crowd
    /// it; exports explain them in their legend.
    pub fn short(self) -> &'static str {
        match self {
            Kind::Functional => "FUN",
            Kind::Social => "SOC",
            Kind::Emotional => "EMO",
            Kind::Supporting => "SUP",
            Kind::UndesiredOutcome => "OUT",
            Kind::Obstacle => "OBS",
            Kind::Risk => "RSK",
            Kind::Required => "REQ",
            Kind::Expected => "EXP",
            Kind::Desired => "DES",
            Kind::Unexpected => "UNX",
        }
    }

    /// The section whose notes may have this kind.
    pub fn section(self) -> Section {
        match self {
            Kind::Functional | Kind::Social | Kind::Emotional | Kind::Supporting => Section::Jobs,
            Kind::UndesiredOutcome | Kind::Obstacle | Kind::Risk => Section::Pains,
            Kind::Required | Kind::Expected | Kind::Desired | Kind::Unexpected => Section::Gains,
        }
    }

    /// The kind spelled `key` among those allowed in `section`.
    pub fn from_key(section: Section, key: &str) -> Option<Kind> {
        section.kinds().iter().copied().find(|k| k.key() == key)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_belongs_to_the_section_that_lists_it() {
        for section in Section::ALL {
            for kind in section.kinds() {
                assert_eq!(kind.section(), section);
                assert_eq!(Kind::from_key(section, kind.key()), Some(*kind));
            }
            if let Some(default) = section.default_kind() {
                assert!(section.kinds().contains(&default));
            }
        }
    }

    #[test]
    fn value_map_sections_address_their_customer_counterpart() {
        assert_eq!(Section::Products.addresses(), Some(Section::Jobs));
        assert_eq!(Section::PainRelievers.addresses(), Some(Section::Pains));
        assert_eq!(Section::GainCreators.addresses(), Some(Section::Gains));
        assert_eq!(Section::Pains.addressed_by(), Some(Section::PainRelievers));
        assert_eq!(Section::Jobs.addresses(), None);
        for s in Section::ALL {
            assert_eq!(Section::from_key(s.key()), Some(s));
            assert_eq!(Section::ALL[s.index()], s);
        }
    }
}
