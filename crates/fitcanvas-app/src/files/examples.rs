//! The example canvases bundled into the program, for the start screen.

/// (name shown, file name, file contents).
pub const EXAMPLES: [(&str, &str, &[u8]); 3] = [
    (
        "FieldFresh — farm to restaurant",
        "farm-to-restaurant.json",
        include_bytes!("../../../../assets/examples/farm-to-restaurant.json"),
    ),
    (
        "Paydesk — freelance invoicing",
        "freelance-invoicing.json",
        include_bytes!("../../../../assets/examples/freelance-invoicing.json"),
    ),
    (
        "NightBite — night-shift meals",
        "night-shift-meals.json",
        include_bytes!("../../../../assets/examples/night-shift-meals.json"),
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_bundled_example_loads() {
        for (_, _, bytes) in super::EXAMPLES {
            fitcanvas_model::format::from_slice(bytes).unwrap();
        }
    }
}
