//! The side panel's tabs — the selected note (inspector and fit), the interview log and the
//! test cards — and the view state those views keep between frames: which interview or card
//! is open and the forms being filled in. None of it is part of the canvas.

use egui::Ui;

use fitcanvas_model::canvas::ItemId;
use fitcanvas_model::evidence::{EvidenceId, IsoDate, Source, Stance};

use crate::Command;

/// Which view fills the side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SideTab {
    /// The inspector for the selected note, with its evidence, and the fit panel.
    #[default]
    Note,
    Interviews,
    Tests,
}

impl SideTab {
    pub const ALL: [SideTab; 3] = [SideTab::Note, SideTab::Interviews, SideTab::Tests];

    pub fn label(self) -> &'static str {
        match self {
            SideTab::Note => "Note",
            SideTab::Interviews => "Interviews",
            SideTab::Tests => "Tests",
        }
    }
}

/// A piece of evidence being written, before it is added to a note. The date stays text until
/// it is added, so a half-typed or wrong date can be shown with a message instead of lost.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceDraft {
    pub source: Source,
    pub date: String,
    pub who: String,
    pub quote: String,
    pub stance: Stance,
    /// The cited interview's id.
    pub interview: Option<ItemId>,
    /// Why the last attempt to add it was refused.
    pub error: Option<String>,
}

impl EvidenceDraft {
    pub fn new(source: Source, date: Option<&IsoDate>) -> EvidenceDraft {
        EvidenceDraft {
            source,
            date: date.map(|d| d.as_str().to_owned()).unwrap_or_default(),
            who: String::new(),
            quote: String::new(),
            stance: Stance::Supports,
            interview: None,
            error: None,
        }
    }
}

/// The interview view's "Add evidence to a note" form: the draft, the interview it belongs to
/// and the note picked (none picked means the selected note).
#[derive(Debug, Clone, PartialEq)]
pub struct InterviewEvidence {
    pub interview: ItemId,
    pub note: Option<ItemId>,
    pub draft: EvidenceDraft,
    /// What the last addition did, so the facilitator sees it landed without leaving.
    pub added: Option<String>,
    /// The interview's date and person as last copied into the draft: while the draft still
    /// holds them, editing the interview updates them too.
    pub synced_date: String,
    pub synced_who: String,
}

/// The learning card being written when a test is finished.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FinishDraft {
    pub test: Option<ItemId>,
    pub observed: String,
    pub learned: String,
    pub decision: String,
    /// What to set the tested notes to: validated, invalidated, or leave them (`None`).
    pub set_status: Option<fitcanvas_model::evidence::Status>,
    /// Why the last attempt to finish was refused.
    pub error: Option<String>,
}

/// What the evidence, interview and test-card views remember between frames.
#[derive(Debug, Clone, Default)]
pub struct SideView {
    pub tab: SideTab,
    /// The open interview's id.
    pub interview: Option<ItemId>,
    /// The open test card's id.
    pub test: Option<ItemId>,
    /// The inspector's "New evidence" form, for the note it was opened on.
    pub new_evidence: Option<(ItemId, EvidenceDraft)>,
    /// The evidence entry open for editing: the note's id and the entry's.
    pub editing_evidence: Option<(ItemId, EvidenceId)>,
    /// A date field's text while it does not (yet) hold a valid date: (field key, text).
    pub date_text: Option<(String, String)>,
    pub interview_evidence: Option<InterviewEvidence>,
    pub finishing: Option<FinishDraft>,
    /// Conflicts just settled, kept in place in the Conflicts list under the pointer.
    pub settled: crate::side::conflicts_panel::SettledRows,
}

/// The tab row at the top of the side panel.
pub fn tab_bar(ui: &mut Ui, current: SideTab, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        for tab in SideTab::ALL {
            let selected = tab == current;
            let r = ui.selectable_label(selected, tab.label());
            r.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Tab, true, selected, tab.label())
            });
            if r.clicked() && !selected {
                out.push(Command::ShowTab(tab));
            }
        }
    });
    ui.separator();
}

/// Today's date where the user is, to preset new evidence and interviews (an interview
/// written up at 11 p.m. belongs to that day, not to tomorrow's date in UTC); the user can
/// change it before adding.
pub fn today() -> Option<IsoDate> {
    let now = chrono::Local::now();
    IsoDate::parse(&now.date_naive().format("%Y-%m-%d").to_string())
}

/// The message shown under a date field that does not hold a date.
pub const BAD_DATE: &str = "Write the date as YYYY-MM-DD, a day that exists (e.g. 2026-03-14).";

/// Reads a date field: empty means no date, otherwise it must be a real ISO day.
pub fn parse_date(text: &str) -> Result<Option<IsoDate>, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    IsoDate::parse(text).map(Some).ok_or(BAD_DATE)
}

/// A labelled single-line date field, kept as text in [`SideView::date_text`] while what is
/// typed is not a date (with the message shown under it). Returns the new date once the text
/// is one (or is empty, for no date).
pub fn date_field(
    ui: &mut Ui,
    side: &mut SideView,
    key: &str,
    label: &str,
    current: Option<&IsoDate>,
) -> Option<Option<IsoDate>> {
    let mut text = match &side.date_text {
        Some((k, t)) if k == key => t.clone(),
        _ => current.map(|d| d.as_str().to_owned()).unwrap_or_default(),
    };
    let mut result = None;
    ui.horizontal(|ui| {
        let l = ui.label(label);
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(110.0),
            )
            .labelled_by(l.id);
        if r.changed() {
            match parse_date(&text) {
                Ok(date) => {
                    side.date_text = None;
                    result = Some(date);
                }
                Err(_) => side.date_text = Some((key.to_owned(), text.clone())),
            }
        }
    });
    if matches!(&side.date_text, Some((k, _)) if k == key) {
        error_label(ui, BAD_DATE);
    }
    result
}

/// A message about what the user just did wrong, in the theme's error colour.
pub fn error_label(ui: &mut Ui, text: &str) {
    let color = ui.visuals().error_fg_color;
    ui.label(egui::RichText::new(text).color(color));
}

/// How a note is named in pickers and lists: its area, then its text.
pub fn note_name(section: fitcanvas_model::section::Section, text: &str) -> String {
    let text = if text.trim().is_empty() {
        "(empty note)"
    } else {
        text
    };
    format!("{} · {}", section.title(), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_fields_take_a_real_day_or_nothing() {
        assert_eq!(parse_date("  "), Ok(None));
        assert_eq!(
            parse_date(" 2026-03-04 ").map(|d| d.map(|d| d.as_str().to_owned())),
            Ok(Some("2026-03-04".to_owned()))
        );
        for bad in ["2026-02-30", "4 March", "2026-3-4"] {
            assert_eq!(parse_date(bad), Err(BAD_DATE), "{bad}");
        }
        assert!(today().is_some());
    }
}
