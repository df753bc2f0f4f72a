//! The workshop: presenting to a room, the audience window, the exercise timer and its tone,
//! spotlights, dot votes and the room's panel for participants' phones.

pub(crate) mod audience;
pub(crate) mod presentation;
pub(crate) mod room_panel;
pub(crate) mod spotlight;
pub(crate) mod timer_view;
pub(crate) mod tone;
pub(crate) mod voting;
