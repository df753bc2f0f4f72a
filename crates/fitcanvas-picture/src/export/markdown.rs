//! The canvas as Markdown that also reads well as plain text in an email: title, customer
//! segment, each area as a list (weights and kinds for customer notes, what each value-map note
//! addresses), then the fit and what it is made of; then, where the canvas has them, the
//! evidence behind it (see [`super::markdown_evidence`]).

use std::fmt::Write;

use fitcanvas_model::canvas::{Canvas, Item};
use fitcanvas_model::fit::{self, FitReport};
use fitcanvas_model::section::Section;

use super::markdown_evidence::{note_marks, write_evidence_sections, write_note_evidence};

/// The Markdown text for `canvas`.
pub fn to_markdown(canvas: &Canvas) -> String {
    let report = fit::score(canvas);
    let addressed = fitcanvas_model::fit::addressed_ids(canvas);
    let mut s = String::new();
    let title = inline(canvas.title());
    let _ = writeln!(
        s,
        "# {}\n",
        if title.is_empty() {
            "Untitled canvas"
        } else {
            &title
        }
    );
    if let Some(mark) = canvas.draft_mark() {
        let _ = writeln!(s, "**{mark}** (a merge not yet settled)\n");
    }
    if !canvas.customer().trim().is_empty() {
        let _ = writeln!(s, "**Customer segment:** {}\n", inline(canvas.customer()));
    }
    if !canvas.notes().trim().is_empty() {
        for line in canvas.notes().lines() {
            let _ = writeln!(s, "> {}", escape(line.trim()));
        }
        s.push('\n');
    }
    let _ = writeln!(s, "{}\n", fit_line(&report));

    let _ = writeln!(s, "## Customer profile\n");
    for section in Section::CUSTOMER {
        let Some(items) = area_heading(&mut s, canvas, section) else {
            continue;
        };
        for item in items {
            let kind = item
                .kind()
                .map(|k| k.label().to_lowercase())
                .unwrap_or_default();
            let mark = if addressed.contains(item.id().as_str()) {
                "addressed"
            } else {
                "not addressed"
            };
            let _ = writeln!(
                s,
                "- {} — {} {}/5, {kind}, {mark}{} ({})",
                inline(item.text()),
                weight_word(section),
                item.weight(),
                note_marks(item),
                code(item.id().as_str())
            );
            write_note_evidence(&mut s, item);
        }
        s.push('\n');
    }

    let _ = writeln!(s, "## Value map\n");
    for section in Section::VALUE_MAP {
        let Some(items) = area_heading(&mut s, canvas, section) else {
            continue;
        };
        for item in items {
            let marks = note_marks(item);
            let marks = marks.trim_start_matches(", ");
            if marks.is_empty() {
                let _ = writeln!(
                    s,
                    "- {} ({})",
                    inline(item.text()),
                    code(item.id().as_str())
                );
            } else {
                let _ = writeln!(
                    s,
                    "- {} — {marks} ({})",
                    inline(item.text()),
                    code(item.id().as_str())
                );
            }
            write_addresses(&mut s, canvas, item);
            write_note_evidence(&mut s, item);
        }
        s.push('\n');
    }

    write_fit(&mut s, canvas, &report);
    write_evidence_sections(&mut s, canvas);
    write_top_voted(&mut s, canvas);
    s
}

/// The room's dot votes, most first, when there are any: what a workshop decided.
fn write_top_voted(s: &mut String, canvas: &Canvas) {
    let ranked = fitcanvas_model::workshop::top_voted(canvas);
    if ranked.is_empty() {
        return;
    }
    let _ = writeln!(s, "## Top voted\n");
    for (rank, (section, id, votes)) in ranked.iter().enumerate() {
        let Some(item) = canvas.item(id) else {
            continue;
        };
        let _ = writeln!(
            s,
            "{}. {} — {votes} {}, {} ({})",
            rank + 1,
            inline(item.text()),
            if *votes == 1 { "vote" } else { "votes" },
            section.singular(),
            code(id.as_str())
        );
    }
    s.push('\n');
}

fn write_addresses(s: &mut String, canvas: &Canvas, item: &Item) {
    if item.addresses().is_empty() {
        let _ = writeln!(s, "  - addresses nothing yet");
    }
    for id in item.addresses() {
        match canvas.item(id.as_str()) {
            Some(target) => {
                let section = canvas
                    .section_of(id.as_str())
                    .map(Section::singular)
                    .unwrap_or("note");
                let _ = writeln!(
                    s,
                    "  - addresses {section}: {} ({})",
                    inline(target.text()),
                    code(id.as_str())
                );
            }
            None => {
                let _ = writeln!(s, "  - addresses {}", code(id.as_str()));
            }
        }
    }
}

fn fit_line(report: &FitReport) -> String {
    match report.fit {
        Some(fit) => {
            let parts: Vec<String> = Section::CUSTOMER
                .into_iter()
                .filter_map(|s| {
                    report
                        .coverage(s)
                        .map(|c| format!("{} {:.0}%", s.title().to_lowercase(), c * 100.0))
                })
                .collect();
            format!("**Fit: {fit:.0}%** ({})", parts.join(", "))
        }
        None => "**Fit:** not scored yet (the customer profile has no notes)".to_owned(),
    }
}

/// The fit section: coverage per customer area by weight, then the gaps.
fn write_fit(s: &mut String, canvas: &Canvas, report: &FitReport) {
    let _ = writeln!(s, "## Fit\n");
    let _ = writeln!(s, "{}\n", fit_line(report));
    if let Some(validated) = report.validated_fit {
        let _ = writeln!(
            s,
            "Validated fit: {validated:.0}% (counting only validated customer notes)\n"
        );
    }
    let addressed = fitcanvas_model::fit::addressed_ids(canvas);
    for section in Section::CUSTOMER {
        let items = canvas.items(section);
        let total: u32 = items.iter().map(|i| u32::from(i.weight())).sum();
        let covered: u32 = items
            .iter()
            .filter(|i| addressed.contains(i.id().as_str()))
            .map(|i| u32::from(i.weight()))
            .sum();
        match report.coverage(section) {
            Some(c) => {
                let _ = writeln!(
                    s,
                    "- {}: {:.0}% addressed (weight {covered} of {total})",
                    section.title(),
                    c * 100.0
                );
            }
            None => {
                let _ = writeln!(s, "- {}: no notes", section.title());
            }
        }
    }
    s.push('\n');
    if !report.unaddressed.is_empty() {
        let _ = writeln!(s, "Not addressed yet (heaviest first):\n");
        for id in &report.unaddressed {
            if let Some((section, item)) = canvas.item_in_section(id.as_str()) {
                let _ = writeln!(
                    s,
                    "- {} {}/5: {} ({})",
                    section.singular(),
                    item.weight(),
                    inline(item.text()),
                    code(id.as_str())
                );
            }
        }
        s.push('\n');
    }
    if !report.unused.is_empty() {
        let _ = writeln!(s, "Addressing nothing:\n");
        for id in &report.unused {
            if let Some((section, item)) = canvas.item_in_section(id.as_str()) {
                let _ = writeln!(
                    s,
                    "- {}: {} ({})",
                    section.singular(),
                    inline(item.text()),
                    code(id.as_str())
                );
            }
        }
        s.push('\n');
    }
}

/// An area's heading, and its notes; an empty area gets "(none)" and `None`.
fn area_heading<'a>(
    s: &mut String,
    canvas: &'a Canvas,
    section: Section,
) -> Option<&'a [std::sync::Arc<Item>]> {
    let _ = writeln!(s, "### {}\n", section.title());
    let items = canvas.items(section);
    if items.is_empty() {
        let _ = writeln!(s, "(none)\n");
        return None;
    }
    Some(items)
}

/// What a customer note's weight means in its section.
fn weight_word(section: Section) -> &'static str {
    match section {
        Section::Jobs => "importance",
        Section::Pains => "severity",
        _ => "relevance",
    }
}

/// Text on one line, so a note with line breaks stays one list entry.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text a person typed, on one line and escaped ([`escape`]), to go inside a line of Markdown.
pub(super) fn inline(text: &str) -> String {
    escape(&one_line(text))
}

/// `text` with a backslash before every character Markdown (CommonMark and GitHub's tables and
/// strikethrough) could read as markup, so it shows as typed: `\ ` * _ [ ] < > # | ~`, `&`
/// when it starts an entity such as `&amp;`, and at the start, `-`, `+`, `=` and the `.` or `)`
/// after a number, which would start a list or underline a heading. Everything else, `#`
/// aside, reads as plain text in an email unchanged.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let leading_number = text.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in text.char_indices() {
        let at_start = i == 0 && matches!(c, '-' | '+' | '=');
        let after_number = leading_number > 0 && i == leading_number && matches!(c, '.' | ')');
        let markup = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        );
        if markup || at_start || after_number || (c == '&' && starts_entity(&text[i + 1..])) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether the text after a `&` makes it an HTML entity (`&amp;`, `&#38;`, `&#x26;`).
fn starts_entity(rest: &str) -> bool {
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

/// An id as a code span, fenced with more backticks than it holds in a row (an id in a file can
/// be any text).
pub(super) fn code(id: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in id.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if longest > 0 {
        format!("{fence} {id} {fence}")
    } else {
        format!("{fence}{id}{fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_ends_with_the_ranked_votes_when_there_are_any() {
        let mut c = Canvas::new();
        let late = c.add_item(Section::Pains, "Late deliveries");
        let cheap = c.add_item(Section::Gains, "Cheap *deals*");
        c.add_item(Section::Jobs, "Eat well");
        assert!(!to_markdown(&c).contains("Top voted"));
        c.set_votes(late.as_str(), 1).unwrap();
        c.set_votes(cheap.as_str(), 4).unwrap();
        let md = to_markdown(&c);
        let list = &md[md.find("## Top voted").unwrap()..];
        assert_eq!(
            list.lines().filter(|l| !l.is_empty()).collect::<Vec<_>>(),
            [
                "## Top voted",
                "1. Cheap \\*deals\\* — 4 votes, gain (`gain-1`)",
                "2. Late deliveries — 1 vote, pain (`pain-1`)",
            ]
        );
    }

    #[test]
    fn markup_characters_are_escaped_and_plain_text_left_alone() {
        assert_eq!(escape("Plain words, 3 of them."), "Plain words, 3 of them.");
        assert_eq!(escape("*bold* _it_"), "\\*bold\\* \\_it\\_");
        assert_eq!(
            escape("<b> [x](y) `c` a|b ~s~"),
            "\\<b\\> \\[x\\](y) \\`c\\` a\\|b \\~s\\~"
        );
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("a - b"), "a - b");
        assert_eq!(escape("12. ordered"), "12\\. ordered");
        assert_eq!(escape("3) ordered"), "3\\) ordered");
        assert_eq!(escape("3.5 stars"), "3\\.5 stars");
        assert_eq!(escape("R&D &amp; more"), "R&D \\&amp; more");
        assert_eq!(escape("C# #1"), "C\\# \\#1");
        assert_eq!(code("job-1"), "`job-1`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
