//! The bundled example canvases load, are in canonical form, and score what a hand count says.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use fitcanvas_model::FitReport;

use fitcanvas_model::ItemId;

use fitcanvas_model::format;

use fitcanvas_model::score;

fn example(name: &str) -> (Vec<u8>, FitReport) {
    let path = fitcanvas_testkit::workspace_root()
        .join("assets/examples")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    let canvas = format::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(canvas.len() >= 24, "{name} is a complete canvas");
    (bytes, score(&canvas))
}

fn ids(list: &[ItemId]) -> Vec<&str> {
    list.iter().map(ItemId::as_str).collect()
}

fn assert_close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("defined");
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

#[test]
fn every_example_is_valid_and_canonical() {
    let dir = fitcanvas_testkit::workspace_root().join("assets/examples");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let canvas = format::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            format::to_vec(&canvas),
            std::fs::read(&path).unwrap(),
            "{}",
            path.display()
        );
        count += 1;
    }
    assert!(count >= 3);
}

#[test]
fn freelance_invoicing_scores_81_percent() {
    let (_, r) = example("freelance-invoicing.json");
    // Jobs 5+4+3+4+3 = 19, all but job-5 (3) addressed: 16/19.
    assert_close(r.jobs, 16.0 / 19.0);
    // Pains 4+3+5+4+2 = 18, all but pain-5 (2): 16/18.
    assert_close(r.pains, 16.0 / 18.0);
    // Gains 4+5+3+1+4 = 17, gain-4 (1) and gain-5 (4) not addressed: 12/17.
    assert_close(r.gains, 12.0 / 17.0);
    assert_close(
        r.fit,
        100.0 * (16.0 / 19.0 + 16.0 / 18.0 + 12.0 / 17.0) / 3.0,
    );
    assert_eq!(ids(&r.unaddressed), ["gain-5", "job-5", "pain-5", "gain-4"]);
    assert_eq!(ids(&r.unused), ["reliever-4", "creator-4"]);
}

#[test]
fn night_shift_meals_scores_81_percent() {
    let (_, r) = example("night-shift-meals.json");
    // Jobs 5+4+2+3+3 = 17; job-3 (2) and job-5 (3) not addressed: 12/17.
    assert_close(r.jobs, 12.0 / 17.0);
    // Every pain is relieved.
    assert_close(r.pains, 1.0);
    // Gains 5+4+3+2 = 14; gain-2 (4) not addressed: 10/14.
    assert_close(r.gains, 10.0 / 14.0);
    assert_close(r.fit, 100.0 * (12.0 / 17.0 + 1.0 + 10.0 / 14.0) / 3.0);
    assert_eq!(ids(&r.unaddressed), ["gain-2", "job-5", "job-3"]);
    assert_eq!(ids(&r.unused), ["product-4", "creator-4"]);
}

#[test]
fn farm_to_restaurant_scores_82_percent_and_32_percent_validated() {
    let (_, r) = example("farm-to-restaurant.json");
    // Jobs 5+4+3+4+2+2 = 20; job-4 (4) not addressed: 16/20.
    assert_close(r.jobs, 0.8);
    // Pains 4+4+5+3+2 = 18; pain-5 (2) not relieved: 16/18.
    assert_close(r.pains, 16.0 / 18.0);
    // Gains 5+4+4+2+3 = 18; gain-3 (4) not created: 14/18.
    assert_close(r.gains, 14.0 / 18.0);
    assert_close(r.fit, 100.0 * (0.8 + 16.0 / 18.0 + 14.0 / 18.0) / 3.0);
    // job-4 and gain-3 both weigh 4: canvas order breaks the tie.
    assert_eq!(ids(&r.unaddressed), ["job-4", "gain-3", "pain-5"]);
    assert!(r.unused.is_empty());
    // Validated and addressed: job-1 (5 of 20); pain-1, pain-2 (8 of 18); gain-1 (5 of 18).
    assert_close(r.validated_jobs, 5.0 / 20.0);
    assert_close(r.validated_pains, 8.0 / 18.0);
    assert_close(r.validated_gains, 5.0 / 18.0);
    assert_close(
        r.validated_fit,
        100.0 * (0.25 + 8.0 / 18.0 + 5.0 / 18.0) / 3.0,
    );
}

#[test]
fn farm_to_restaurant_shows_the_evidence_method_at_work() {
    let path = fitcanvas_testkit::workspace_root().join("assets/examples/farm-to-restaurant.json");
    let canvas = format::load_file(&path).unwrap();
    assert_eq!(canvas.interviews().len(), 3);
    assert_eq!(canvas.tests().len(), 3);
    assert!(canvas.item("pain-1").unwrap().is_triangulated());
    assert!(
        !canvas.item("pain-3").unwrap().is_triangulated(),
        "its analytics contradict"
    );
    assert_eq!(canvas.informed_by("interview-1").len(), 3);
    let risks = fitcanvas_model::risk::riskiest_assumptions(&canvas);
    // The product that carries job-1 and job-2 stakes the most: 100·(5+4)/20/3 = 15 points.
    assert_eq!(risks[0].id.as_str(), "product-1");
    assert!((risks[0].at_stake - 15.0).abs() < 1e-9);
}
