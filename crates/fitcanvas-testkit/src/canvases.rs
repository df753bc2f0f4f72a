//! What the benchmarks share: generated canvases of a chosen size.

use fitcanvas_model::Canvas;

use fitcanvas_model::Section;

use fitcanvas_model::format;
use serde_json::{Value, json};

/// A canvas of `n` notes spread evenly over the six sections, every value-map note addressing
/// two notes of the section it serves, with texts of a realistic length. Built as JSON because
/// the model's `add_item` looks for a free id among all notes, which is quadratic in bulk.
pub fn generated(n: usize) -> Canvas {
    let mut sections: [Vec<Value>; 6] = Default::default();
    for i in 0..n {
        let section = Section::ALL[i % 6];
        let number = i / 6 + 1;
        let id = format!("{}-{number}", section.id_prefix());
        let text = format!(
            "{} number {number}: a note of about the length people write",
            section.singular()
        );
        let note = match section.addresses() {
            None => json!({
                "id": id,
                "text": text,
                "weight": (i % 5) + 1,
                "kind": section.kinds()[i % section.kinds().len()].key(),
            }),
            Some(target) => {
                // Two neighbouring notes of the served section, wrapping round, so links spread
                // over the whole section.
                let served = n / 6 + usize::from(target.index() < n % 6);
                let addresses: Vec<String> = [number - 1, number]
                    .into_iter()
                    .map(|k| format!("{}-{}", target.id_prefix(), k % served + 1))
                    .collect();
                json!({ "id": id, "text": text, "addresses": addresses })
            }
        };
        sections[section.index()].push(note);
    }
    let mut doc = json!({
        "format": "fitcanvas",
        "version": 1,
        "title": "Generated canvas",
        "customer": "Benchmark customers",
        "notes": "",
    });
    for section in Section::ALL {
        doc[section.key()] = Value::Array(std::mem::take(&mut sections[section.index()]));
    }
    let canvas = format::from_value(doc).expect("the generated canvas is valid");
    assert_eq!(canvas.len(), n);
    canvas
}
