//! Where a spotlit, enlarged picture sits on screen. Centring the spotlit area alone leaves a
//! blank band wherever that area is near the picture's edge (products & services, at the left
//! of the square, left some 40% of a 1920×1080 screen empty): the picture is moved, as little
//! as it takes, until it reaches every screen edge it is large enough to reach.

use egui::{Rect, Vec2, vec2};

/// The shift to add to a picture whose drawn content is `content` (already placed so the
/// spotlit area is centred) so that it leaves no empty band in `screen`. Along an axis where
/// the content is smaller than the screen it is centred instead.
pub fn fill_screen(content: Rect, screen: Rect) -> Vec2 {
    let along = |lo: f32, hi: f32, screen_lo: f32, screen_hi: f32| -> f32 {
        if hi - lo <= screen_hi - screen_lo {
            return (screen_lo + screen_hi) / 2.0 - (lo + hi) / 2.0;
        }
        if lo > screen_lo {
            screen_lo - lo
        } else if hi < screen_hi {
            screen_hi - hi
        } else {
            0.0
        }
    };
    vec2(
        along(
            content.left(),
            content.right(),
            screen.left(),
            screen.right(),
        ),
        along(
            content.top(),
            content.bottom(),
            screen.top(),
            screen.bottom(),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect::from_min_max(pos2(x0, y0), pos2(x1, y1))
    }

    #[test]
    fn a_picture_near_its_edge_is_moved_until_the_screen_is_covered() {
        let screen = rect(0.0, 0.0, 1920.0, 1000.0);
        // Wider than the screen but starting 700 in: moved left by 700.
        assert_eq!(
            fill_screen(rect(700.0, -50.0, 3000.0, 1100.0), screen),
            vec2(-700.0, 0.0)
        );
        // Ending before the right edge: moved right.
        assert_eq!(
            fill_screen(rect(-1500.0, -50.0, 1500.0, 1100.0), screen),
            vec2(420.0, 0.0)
        );
        // Covering the screen already: left where it is.
        assert_eq!(
            fill_screen(rect(-10.0, -10.0, 2000.0, 1010.0), screen),
            Vec2::ZERO
        );
        // Shorter than the screen: centred on that axis.
        assert_eq!(
            fill_screen(rect(-100.0, 0.0, 2100.0, 800.0), screen),
            vec2(0.0, 100.0)
        );
    }
}
