//! The fit panel: the score and the validated fit, the three coverages as bars, the heaviest
//! unaddressed customer notes, the value-map notes that address nothing, and the riskiest
//! assumptions to test next. Each entry selects its note.

use egui::Ui;

use fitcanvas_model::canvas::Canvas;
use fitcanvas_model::section::Section;

use crate::Command;
use crate::shell::derived::Derived;

/// How many unaddressed notes per area the panel lists.
const LIST: usize = 5;

pub fn show(ui: &mut Ui, canvas: &Canvas, derived: &Derived, out: &mut Vec<Command>) {
    let report = &derived.fit;
    ui.heading("Fit");
    let score = match report.fit {
        Some(f) => format!("Fit score: {f:.0}%"),
        None => "Fit score: — (no customer notes yet)".to_owned(),
    };
    ui.label(egui::RichText::new(score).size(18.0).strong());
    if let Some(validated) = report.validated_fit {
        ui.label(format!("Validated fit: {validated:.0}%"))
            .on_hover_text("Counting only customer notes that are addressed and validated");
    }
    for section in Section::CUSTOMER {
        let (value, text) = match report.coverage(section) {
            Some(c) => (
                c as f32,
                format!("{} covered: {:.0}%", section.title(), c * 100.0),
            ),
            None => (0.0, format!("{}: none yet", section.title())),
        };
        // Square ends: egui keeps a rounded bar's fill at least as wide as its rounding, which
        // would show a dot of "coverage" at 0%.
        ui.add(egui::ProgressBar::new(value).text(text).corner_radius(0));
    }
    for section in Section::CUSTOMER {
        let heaviest: Vec<_> = report
            .unaddressed
            .iter()
            .filter(|id| canvas.section_of(id.as_str()) == Some(section))
            .take(LIST)
            .collect();
        if heaviest.is_empty() {
            continue;
        }
        ui.label(
            egui::RichText::new(format!("Unaddressed {}", section.title().to_lowercase())).strong(),
        );
        for id in heaviest {
            if let Some(item) = canvas.item(id.as_str()) {
                let text = format!("{} · weight {}", item.text(), item.weight());
                if ui.link(text).clicked() {
                    out.push(Command::Select(Some(id.clone())));
                }
            }
        }
    }
    if !report.unused.is_empty() {
        ui.label(egui::RichText::new("Addressing nothing").strong());
        for id in &report.unused {
            if let Some(item) = canvas.item(id.as_str()) {
                let text = format!("{} · addresses nothing", item.text());
                if ui.link(text).clicked() {
                    out.push(Command::Select(Some(id.clone())));
                }
            }
        }
    }
    if !derived.top_voted.is_empty() {
        crate::workshop::voting::top_voted_list(ui, canvas, &derived.top_voted, 14.0, true, out);
    }
    let risks = &derived.risks;
    if !risks.is_empty() {
        ui.label(egui::RichText::new("What to test next").strong())
            .on_hover_text("Unvalidated notes the fit leans on most, by fit points at stake");
        for risk in risks.iter().take(LIST) {
            if let Some(item) = canvas.item(risk.id.as_str()) {
                let text = format!("{} · {:.0} fit points", item.text(), risk.at_stake);
                ui.horizontal_wrapped(|ui| {
                    if ui.link(text).clicked() {
                        out.push(Command::Select(Some(risk.id.clone())));
                    }
                    // One click from a risk to a planned test of it.
                    let new = ui.small_button("New test card");
                    let name = format!("New test card for {}", item.text());
                    new.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                    if new.clicked() {
                        out.push(crate::side::test_cards::new_card(
                            canvas,
                            Some(risk.id.as_str()),
                        ));
                    }
                });
            }
        }
    }
}
