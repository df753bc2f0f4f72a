//! What to test next: the unvalidated notes the fit leans on most, ranked.
//!
//! A customer note that is addressed carries `100 × weight / (its section's total weight) /
//! (number of customer sections with notes)` points of the fit: the points lost if it turns out
//! false. A value-map note carries the points of every customer note it addresses. Notes still
//! assumed or under test that carry points are the risks; invalidated notes are left out (they
//! need a change to the canvas, not another test) and validated ones are settled.

use crate::canvas::{Canvas, ItemId};
use crate::evidence::Status;
use crate::fit::addressed_ids;
use crate::section::Section;

/// One assumption the fit rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub id: ItemId,
    pub section: Section,
    pub status: Status,
    /// Fit points that depend on this note being true.
    pub at_stake: f64,
}

/// The riskiest assumptions first: most fit points at stake, untested before under test, then
/// canvas order.
pub fn riskiest_assumptions(canvas: &Canvas) -> Vec<Risk> {
    let addressed = addressed_ids(canvas);
    let present = Section::CUSTOMER
        .into_iter()
        .filter(|s| !canvas.items(*s).is_empty())
        .count();
    if present == 0 {
        return Vec::new();
    }
    // Fit points carried by an addressed customer note.
    let points = |id: &str| -> f64 {
        let Some((section, index)) = canvas.locate(id) else {
            return 0.0;
        };
        if !section.is_customer() || !addressed.contains(id) {
            return 0.0;
        }
        let total: u32 = canvas
            .items(section)
            .iter()
            .map(|i| u32::from(i.weight()))
            .sum();
        let weight = canvas.items(section)[index].weight();
        100.0 * f64::from(weight) / f64::from(total) / present as f64
    };

    let mut risks: Vec<Risk> = canvas
        .all_items()
        .filter(|(_, item)| matches!(item.status(), Status::Assumption | Status::Testing))
        .map(|(section, item)| {
            let at_stake = if section.is_customer() {
                points(item.id().as_str())
            } else {
                item.addresses().iter().map(|a| points(a.as_str())).sum()
            };
            Risk {
                id: item.id().clone(),
                section,
                status: item.status(),
                at_stake,
            }
        })
        .filter(|r| r.at_stake > 0.0)
        .collect();
    risks.sort_by(|a, b| {
        b.at_stake
            .total_cmp(&a.at_stake)
            .then_with(|| (a.status == Status::Testing).cmp(&(b.status == Status::Testing)))
    });
    risks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_by_fit_points_at_stake() {
        let mut c = Canvas::new();
        let p_heavy = c.add_item(Section::Pains, "heavy pain"); // 4 of 6
        let p_light = c.add_item(Section::Pains, "light pain"); // 2 of 6
        let g = c.add_item(Section::Gains, "gain"); // 3 of 3, not addressed
        let unaddressed_job = c.add_item(Section::Jobs, "job");
        c.set_weight(p_heavy.as_str(), 4).unwrap();
        c.set_weight(p_light.as_str(), 2).unwrap();
        let r = c.add_item(Section::PainRelievers, "reliever");
        c.link(r.as_str(), p_heavy.as_str()).unwrap();
        c.link(r.as_str(), p_light.as_str()).unwrap();

        let risks = riskiest_assumptions(&c);
        let ids: Vec<&str> = risks.iter().map(|r| r.id.as_str()).collect();
        // Three sections present. heavy: 100·4/6/3 = 22.2; light: 11.1; reliever: 33.3.
        assert_eq!(ids, [r.as_str(), p_heavy.as_str(), p_light.as_str()]);
        assert!((risks[0].at_stake - 100.0 / 3.0).abs() < 1e-9);
        assert!((risks[1].at_stake - 200.0 / 9.0).abs() < 1e-9);
        // Unaddressed notes carry no fit, so they are not what to test next.
        assert!(!ids.contains(&g.as_str()) && !ids.contains(&unaddressed_job.as_str()));
    }

    #[test]
    fn settled_notes_drop_out_and_tests_under_way_rank_after_untested() {
        let mut c = Canvas::new();
        let a = c.add_item(Section::Gains, "a");
        let b = c.add_item(Section::Gains, "b");
        let creator = c.add_item(Section::GainCreators, "creator");
        c.link(creator.as_str(), a.as_str()).unwrap();
        c.link(creator.as_str(), b.as_str()).unwrap();
        c.set_status(a.as_str(), Status::Testing).unwrap();
        let ids = |c: &Canvas| {
            riskiest_assumptions(c)
                .into_iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&c), [creator.clone(), b.clone(), a.clone()]);
        c.set_status(b.as_str(), Status::Validated).unwrap();
        c.set_status(creator.as_str(), Status::Invalidated).unwrap();
        assert_eq!(ids(&c), [a]);
        assert!(riskiest_assumptions(&Canvas::new()).is_empty());
    }
}
