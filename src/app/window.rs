//! The native window's own state: closing it (with the unsaved-changes guard), and keeping its
//! size and zoom for the next start.

use super::*;

impl App {
    pub(super) fn intercept_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) {
            let (size, zoom) = window_size_and_zoom(ctx);
            self.settings.zoom = zoom;
            // A full-screen presentation's size is not the editor window's.
            if !self.presentation.active {
                self.settings.window = size.or(self.settings.window);
            }
            self.save_settings();
            // Typing in place is kept, so closing asks about it like any other change.
            self.commit_entry();
            if self.doc.is_dirty() && !self.frame.close_allowed {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Pending::Close));
            }
        }
    }

    /// Saves the window's size and zoom a moment after they last changed (not on every frame of
    /// a resize). The size a window had on first sight is the saved one, so nothing is written
    /// while nobody resizes or zooms.
    pub(super) fn remember_window(&mut self, ctx: &egui::Context) {
        const SETTLE: std::time::Duration = std::time::Duration::from_secs(1);
        if self.presentation.active {
            // The screen's size while presenting is not the editor window's.
            return;
        }
        let (size, zoom) = window_size_and_zoom(ctx);
        let seen = (size.unwrap_or_default(), zoom);
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
        self.settings.zoom = zoom;
        self.settings.window = size.or(self.settings.window);
        self.save_settings();
    }
}

/// The window's inner size in logical pixels (what the next start opens it at), unless it is
/// full screen, and the zoom factor.
pub(super) fn window_size_and_zoom(ctx: &egui::Context) -> (Option<[f32; 2]>, f32) {
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
