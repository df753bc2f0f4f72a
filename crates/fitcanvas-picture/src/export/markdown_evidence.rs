//! The evidence in the Markdown export: each note's status and what backs it, the riskiest
//! assumptions, the interview log and the test cards. A canvas without any of these reads as it
//! did before; a client reading the email sees which notes rest on what customers said and did.

use std::fmt::Write;

use fitcanvas_model::canvas::{Canvas, Item};
use fitcanvas_model::evidence::{Evidence, Stance, Status, TestCard};
use fitcanvas_model::risk::riskiest_assumptions;

use super::markdown::{code, inline};

/// How many of the riskiest assumptions the export lists.
const RISKS_LISTED: usize = 5;

/// What a note's status, evidence and votes add to its line: ", validated, triangulated,
/// 3 votes", or nothing for an assumption with no evidence and no votes.
pub fn note_marks(item: &Item) -> String {
    let mut marks = String::new();
    if item.status() != Status::Assumption {
        let _ = write!(marks, ", {}", item.status().label().to_lowercase());
    }
    if item.is_triangulated() {
        marks.push_str(", triangulated");
    }
    match item.votes() {
        0 => {}
        1 => marks.push_str(", 1 vote"),
        n => {
            let _ = write!(marks, ", {n} votes");
        }
    }
    marks
}

/// A note's evidence as indented list entries under it.
pub fn write_note_evidence(s: &mut String, item: &Item) {
    for entry in item.evidence() {
        let _ = writeln!(s, "  - {}", evidence_line(entry));
    }
}

/// "supports — Interview, 2026-03-04, Marco Bellini: “…”".
fn evidence_line(entry: &Evidence) -> String {
    let stance = match entry.stance {
        Stance::Supports => "supports",
        Stance::Contradicts => "contradicts",
    };
    let mut source = entry.source.label().to_owned();
    if let Some(date) = &entry.date {
        let _ = write!(source, ", {}", date.as_str());
    }
    if !entry.who.trim().is_empty() {
        let _ = write!(source, ", {}", inline(&entry.who));
    }
    format!("{stance} — {source}: “{}”", inline(&entry.quote))
}

/// The riskiest assumptions, the interviews and the test cards, each only when there is any.
pub fn write_evidence_sections(s: &mut String, canvas: &Canvas) {
    let risks = riskiest_assumptions(canvas);
    if !risks.is_empty() {
        let _ = writeln!(
            s,
            "## What to test next\n\nThe notes the fit rests on that nothing has validated yet, \
             most fit points at stake first:\n"
        );
        for risk in risks.iter().take(RISKS_LISTED) {
            if let Some(item) = canvas.item(risk.id.as_str()) {
                let _ = writeln!(
                    s,
                    "- {} ({}, {}) — {:.0} fit points ({})",
                    inline(item.text()),
                    risk.section.singular(),
                    risk.status.label().to_lowercase(),
                    risk.at_stake,
                    code(risk.id.as_str())
                );
            }
        }
        s.push('\n');
    }
    if !canvas.interviews().is_empty() {
        let _ = writeln!(s, "## Interviews\n");
        for interview in canvas.interviews() {
            let mut head = interview
                .date
                .as_ref()
                .map_or_else(|| "Undated".to_owned(), |d| d.as_str().to_owned());
            for part in [&interview.person, &interview.role] {
                if !part.trim().is_empty() {
                    let _ = write!(head, " · {}", inline(part));
                }
            }
            let _ = writeln!(s, "- **{head}** ({})", code(interview.id().as_str()));
            if !interview.notes.trim().is_empty() {
                let _ = writeln!(s, "  {}", inline(&interview.notes));
            }
            let informed: Vec<String> = canvas
                .informed_by(interview.id().as_str())
                .into_iter()
                .map(|(item, _)| format!("{} ({})", inline(item.text()), code(item.id().as_str())))
                .collect();
            if !informed.is_empty() {
                let _ = writeln!(s, "  - informed: {}", informed.join("; "));
            }
        }
        s.push('\n');
    }
    if !canvas.tests().is_empty() {
        let _ = writeln!(s, "## Test cards\n");
        for card in canvas.tests() {
            write_test_card(s, canvas, card);
        }
    }
}

/// "- Label: text", the text escaped, or nothing when it is blank.
fn field(s: &mut String, label: &str, text: &str) {
    if !text.trim().is_empty() {
        let _ = writeln!(s, "- {label}: {}", inline(text));
    }
}

fn write_test_card(s: &mut String, canvas: &Canvas, card: &TestCard) {
    let _ = writeln!(
        s,
        "### {} — {}\n",
        code(card.id().as_str()),
        card.state.label().to_lowercase()
    );
    field(s, "Hypothesis", &card.hypothesis);
    field(s, "Test", &card.test);
    field(s, "Metric", &card.metric);
    field(s, "Criteria", &card.criteria);
    let tested: Vec<String> = card
        .items()
        .iter()
        .filter_map(|id| canvas.item(id.as_str()))
        .map(|item| format!("{} ({})", inline(item.text()), code(item.id().as_str())))
        .collect();
    if !tested.is_empty() {
        // Already Markdown: escaped note text and code spans.
        let _ = writeln!(s, "- Tests: {}", tested.join("; "));
    }
    if let Some(learning) = &card.learning {
        field(s, "Observed", &learning.observed);
        field(s, "Learned", &learning.learned);
        field(s, "Decision", &learning.decision);
    }
    s.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use fitcanvas_model::evidence::Source;
    use fitcanvas_model::section::Section;

    #[test]
    fn a_note_line_says_status_triangulation_and_votes_only_when_there_are_any() {
        let mut canvas = Canvas::new();
        let pain = canvas.add_item(Section::Pains, "Late deliveries");
        let id = pain.as_str();
        assert_eq!(note_marks(canvas.item(id).unwrap()), "");
        canvas.set_votes(id, 1).unwrap();
        assert_eq!(note_marks(canvas.item(id).unwrap()), ", 1 vote");
        canvas.set_status(id, Status::Validated).unwrap();
        for source in [Source::Interview, Source::Survey] {
            canvas
                .add_evidence(id, Evidence::new(source, Stance::Supports, "Late again"))
                .unwrap();
        }
        canvas.set_votes(id, 3).unwrap();
        assert_eq!(
            note_marks(canvas.item(id).unwrap()),
            ", validated, triangulated, 3 votes"
        );
        let mut s = String::new();
        write_note_evidence(&mut s, canvas.item(id).unwrap());
        assert_eq!(
            s,
            "  - supports — Interview: “Late again”\n  - supports — Survey: “Late again”\n"
        );
    }
}
