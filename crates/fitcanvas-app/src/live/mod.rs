//! Live co-editing in the window: the session run once a frame, the Share, Join and Live
//! windows, and where the other people are on the canvas.

pub(crate) mod panel;
pub(crate) mod presence_marks;
pub(crate) mod session;
