//! The fit score: how much of what the customer cares about the value map addresses.
//!
//! For each customer section with notes, coverage = (weight of its notes addressed by at least
//! one value-map note) / (weight of all its notes). Fit = 100 × the mean coverage of those
//! sections; with no customer notes at all it is undefined.
//!
//! The validated fit uses the same formula but counts a customer note as addressed only when it
//! is addressed *and* its status is validated: the fit the evidence actually supports.

use std::collections::HashSet;

use serde::Serialize;

use crate::canvas::{Canvas, Item, ItemId};
use crate::evidence::Status;
use crate::section::Section;

/// The fit score and what it is made of.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct FitReport {
    /// 0–100, or `None` when the canvas has no customer notes.
    pub fit: Option<f64>,
    /// Coverage of jobs, 0–1, or `None` when there are no jobs.
    pub jobs: Option<f64>,
    pub pains: Option<f64>,
    pub gains: Option<f64>,
    /// Customer notes nothing addresses, heaviest first (ties in canvas order).
    pub unaddressed: Vec<ItemId>,
    /// Value-map notes that address nothing, in canvas order.
    pub unused: Vec<ItemId>,
    /// The fit counting only validated customer notes as addressed, 0–100, or `None`.
    pub validated_fit: Option<f64>,
    pub validated_jobs: Option<f64>,
    pub validated_pains: Option<f64>,
    pub validated_gains: Option<f64>,
}

impl FitReport {
    /// The coverage of one customer section; `None` for value-map sections.
    pub fn coverage(&self, section: Section) -> Option<f64> {
        match section {
            Section::Jobs => self.jobs,
            Section::Pains => self.pains,
            Section::Gains => self.gains,
            _ => None,
        }
    }

    /// The validated coverage of one customer section; `None` for value-map sections.
    pub fn validated_coverage(&self, section: Section) -> Option<f64> {
        match section {
            Section::Jobs => self.validated_jobs,
            Section::Pains => self.validated_pains,
            Section::Gains => self.validated_gains,
            _ => None,
        }
    }
}

/// Scores a canvas.
pub fn score(canvas: &Canvas) -> FitReport {
    let addressed = addressed_ids(canvas);
    let mut coverages = [None; 3];
    let mut validated = [None; 3];
    let mut unaddressed: Vec<&Item> = Vec::new();
    for (slot, section) in Section::CUSTOMER.into_iter().enumerate() {
        // One pass and one hash lookup per note: this runs on every edit of large canvases.
        let (mut total, mut covered, mut covered_validated) = (0u32, 0u32, 0u32);
        for item in canvas.items(section) {
            let weight = u32::from(item.weight());
            total += weight;
            if addressed.contains(item.id().as_str()) {
                covered += weight;
                if item.status() == Status::Validated {
                    covered_validated += weight;
                }
            } else {
                unaddressed.push(item);
            }
        }
        if total > 0 {
            coverages[slot] = Some(f64::from(covered) / f64::from(total));
            validated[slot] = Some(f64::from(covered_validated) / f64::from(total));
        }
    }
    // Stable sort keeps canvas order among equal weights.
    unaddressed.sort_by_key(|item| std::cmp::Reverse(item.weight()));

    let unused = Section::VALUE_MAP
        .into_iter()
        .flat_map(|s| canvas.items(s))
        .filter(|item| item.addresses().is_empty())
        .map(|item| item.id().clone())
        .collect();

    FitReport {
        fit: mean_percent(&coverages),
        jobs: coverages[0],
        pains: coverages[1],
        gains: coverages[2],
        unaddressed: unaddressed.into_iter().map(|i| i.id().clone()).collect(),
        unused,
        validated_fit: mean_percent(&validated),
        validated_jobs: validated[0],
        validated_pains: validated[1],
        validated_gains: validated[2],
    }
}

/// Ids of the customer notes at least one value-map note addresses.
pub fn addressed_ids(canvas: &Canvas) -> HashSet<&str> {
    let links: usize = Section::VALUE_MAP
        .into_iter()
        .flat_map(|s| canvas.items(s))
        .map(|item| item.addresses().len())
        .sum();
    let mut set = HashSet::with_capacity(links);
    set.extend(
        Section::VALUE_MAP
            .into_iter()
            .flat_map(|s| canvas.items(s))
            .flat_map(|item| item.addresses().iter().map(ItemId::as_str)),
    );
    set
}

fn mean_percent(coverages: &[Option<f64>]) -> Option<f64> {
    let present: Vec<f64> = coverages.iter().flatten().copied().collect();
    (!present.is_empty()).then(|| 100.0 * present.iter().sum::<f64>() / present.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[ItemId]) -> Vec<&str> {
        list.iter().map(ItemId::as_str).collect()
    }

    #[test]
    fn empty_canvas_has_no_fit() {
        let report = score(&Canvas::new());
        assert_eq!(report.fit, None);
        assert_eq!(
            (report.jobs, report.pains, report.gains),
            (None, None, None)
        );
    }

    #[test]
    fn coverage_is_weighted_and_fit_averages_present_sections() {
        let mut c = Canvas::new();
        let p1 = c.add_item(Section::Pains, "p1"); // weight 5, addressed
        let p2 = c.add_item(Section::Pains, "p2"); // weight 3, not
        let g1 = c.add_item(Section::Gains, "g1"); // weight 2, not
        let unused = c.add_item(Section::Products, "unused product");
        let r = c.add_item(Section::PainRelievers, "r");
        c.set_weight(p1.as_str(), 5).unwrap();
        c.set_weight(g1.as_str(), 2).unwrap();
        c.link(r.as_str(), p1.as_str()).unwrap();

        let report = score(&c);
        // pains: 5 / (5 + 3) = 0.625; gains: 0 / 2 = 0; no jobs, so they don't count.
        assert_eq!(report.pains, Some(0.625));
        assert_eq!(report.gains, Some(0.0));
        assert_eq!(report.jobs, None);
        assert_eq!(report.fit, Some(31.25));
        assert_eq!(ids(&report.unaddressed), [p2.as_str(), g1.as_str()]);
        assert_eq!(ids(&report.unused), [unused.as_str()]);
    }

    #[test]
    fn unaddressed_are_heaviest_first_then_in_canvas_order() {
        let mut c = Canvas::new();
        let j = c.add_item(Section::Jobs, "j"); // 3
        let p = c.add_item(Section::Pains, "p"); // 5
        let g = c.add_item(Section::Gains, "g"); // 3
        c.set_weight(p.as_str(), 5).unwrap();
        let report = score(&c);
        assert_eq!(
            ids(&report.unaddressed),
            [p.as_str(), j.as_str(), g.as_str()]
        );
        assert_eq!(report.fit, Some(0.0));
    }

    #[test]
    fn validated_fit_counts_only_addressed_validated_notes() {
        let mut c = Canvas::new();
        let p1 = c.add_item(Section::Pains, "p1"); // 3, addressed, validated
        let p2 = c.add_item(Section::Pains, "p2"); // 3, addressed, assumption
        let j1 = c.add_item(Section::Jobs, "j1"); // 4, validated but not addressed
        c.set_weight(j1.as_str(), 4).unwrap();
        let r = c.add_item(Section::PainRelievers, "r");
        c.link(r.as_str(), p1.as_str()).unwrap();
        c.link(r.as_str(), p2.as_str()).unwrap();
        c.set_status(p1.as_str(), Status::Validated).unwrap();
        c.set_status(j1.as_str(), Status::Validated).unwrap();

        let report = score(&c);
        // Fit: pains 6/6 = 1, jobs 0/4 = 0 → 50. Validated: pains 3/6 = 0.5, jobs 0 → 25.
        assert_eq!(report.fit, Some(50.0));
        assert_eq!(report.validated_pains, Some(0.5));
        assert_eq!(report.validated_jobs, Some(0.0));
        assert_eq!(report.validated_gains, None);
        assert_eq!(report.validated_fit, Some(25.0));
        // Invalidating p1 takes it out of the validated fit too.
        c.set_status(p1.as_str(), Status::Invalidated).unwrap();
        assert_eq!(score(&c).validated_fit, Some(0.0));
    }
}
