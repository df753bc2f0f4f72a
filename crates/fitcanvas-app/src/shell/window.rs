//! The native window's own state: closing it (with the unsaved-changes guard), and keeping its
//! size and zoom for the next start.

use crate::*;

impl App {
    pub(crate) fn intercept_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) {
            let seen = WindowSeen::of(ctx);
            self.settings.zoom = seen.zoom;
            // A full-screen presentation's size is not the editor window's.
            if !self.presentation.active {
                self.keep_window(seen);
            }
            self.save_settings();
            // Typing in place is kept, so closing asks about it like any other change.
            self.commit_entry();
            if self.doc.is_dirty() && !self.frame.close_allowed {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Pending::Close));
            } else {
                self.keep_unsent_edits();
            }
        }
    }

    /// Once the screen is known: a window larger than 90% of it (the first start's default on
    /// a 1366×768 laptop, or a size saved on a bigger monitor) is made to fit, so the status
    /// line is never below the screen's edge.
    pub(crate) fn fit_window_to_screen(&mut self, ctx: &egui::Context) {
        if self.frame.window_fitted || self.presentation.active || self.settings.maximized {
            return;
        }
        let (inner, monitor) = ctx.input(|i| {
            let v = i.viewport();
            (v.inner_rect.map(|r| r.size()), v.monitor_size)
        });
        let (Some(inner), Some(monitor)) = (inner, monitor) else {
            return;
        };
        self.frame.window_fitted = true;
        if let Some(size) = fitted_size(inner, monitor) {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
            let corner = ((monitor - size) / 2.0 - egui::vec2(0.0, 16.0)).max(egui::Vec2::ZERO);
            ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(corner.to_pos2()));
        }
    }

    /// Saves the window's size and zoom a moment after they last changed (not on every frame of
    /// a resize). The size a window had on first sight is the saved one, so nothing is written
    /// while nobody resizes or zooms.
    pub(crate) fn remember_window(&mut self, ctx: &egui::Context) {
        const SETTLE: std::time::Duration = std::time::Duration::from_secs(1);
        if self.presentation.active {
            // The screen's size while presenting is not the editor window's.
            return;
        }
        let seen = WindowSeen::of(ctx);
        match self.frame.window_seen {
            None => self.frame.window_seen = Some(seen),
            Some(previous) if previous != seen => {
                self.frame.window_seen = Some(seen);
                self.frame.window_changed_at = Some((self.services.clock)());
            }
            Some(_) => {}
        }
        let Some(changed_at) = self.frame.window_changed_at else {
            return;
        };
        let waited = (self.services.clock)().saturating_duration_since(changed_at);
        if waited < SETTLE {
            ctx.request_repaint_after(SETTLE - waited);
            return;
        }
        self.frame.window_changed_at = None;
        self.settings.zoom = seen.zoom;
        self.keep_window(seen);
        self.save_settings();
    }

    /// Keeps whether the window is maximized and, when it is not, its size.
    fn keep_window(&mut self, seen: WindowSeen) {
        if let Some(maximized) = seen.maximized {
            self.settings.maximized = maximized;
        }
        if seen.maximized != Some(true) {
            self.settings.window = seen.size.or(self.settings.window);
        }
    }
}

/// What the next start needs of the window, as it is now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct WindowSeen {
    /// Inner size in logical pixels, unless full screen.
    pub size: Option<[f32; 2]>,
    /// `None` where the platform does not say.
    pub maximized: Option<bool>,
    pub zoom: f32,
}

impl WindowSeen {
    pub(crate) fn of(ctx: &egui::Context) -> WindowSeen {
        let (size, zoom) = window_size_and_zoom(ctx);
        let maximized = ctx.input(|i| i.viewport().maximized);
        WindowSeen {
            size,
            maximized,
            zoom,
        }
    }
}

/// The inner size a window of `inner` size gets on a `monitor`-sized screen: at most 90% of it
/// each way, leaving room for the title bar and the desktop's panels; `None` when it fits.
pub(crate) fn fitted_size(inner: egui::Vec2, monitor: egui::Vec2) -> Option<egui::Vec2> {
    let room = monitor * 0.9 - egui::vec2(0.0, 32.0);
    let fitted = inner.min(room).max(egui::vec2(900.0, 560.0).min(room));
    (fitted != inner && monitor.x > 0.0 && monitor.y > 0.0).then_some(fitted)
}

/// The window's inner size in logical pixels (what the next start opens it at), unless it is
/// full screen, and the zoom factor.
pub(crate) fn window_size_and_zoom(ctx: &egui::Context) -> (Option<[f32; 2]>, f32) {
    let zoom = ctx.zoom_factor();
    let size = ctx.input(|i| {
        let viewport = i.viewport();
        // Egui measures in points, which zoom scales; the window is opened in logical pixels.
        (viewport.fullscreen != Some(true))
            .then_some(viewport.inner_rect)
            .flatten()
            .map(|r| [r.width() * zoom, r.height() * zoom])
    });
    (size, zoom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

    #[test]
    fn a_window_larger_than_the_screen_is_fitted_and_one_that_fits_is_left_alone() {
        // The first start's 1280×760 on a 1366×768 laptop: the status line would be cut off.
        let laptop = fitted_size(vec2(1280.0, 760.0), vec2(1366.0, 768.0)).unwrap();
        assert!(laptop.y + 32.0 <= 768.0 * 0.9 + 0.5, "{laptop:?}");
        assert_eq!(laptop.x, 1229.4f32.min(1280.0));
        assert_eq!(fitted_size(vec2(1280.0, 760.0), vec2(1920.0, 1080.0)), None);
        // Never below the smallest window the editor works in, unless the screen is smaller.
        let tiny = fitted_size(vec2(1280.0, 760.0), vec2(800.0, 600.0)).unwrap();
        assert!(tiny.x <= 720.0 && tiny.y <= 508.0, "{tiny:?}");
    }
}
