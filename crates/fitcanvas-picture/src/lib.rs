//! The canvas as a picture: where every area and note goes ([`layout`], [`packing`]), the marks
//! under a note ([`note_marks`]), the paths of link lines ([`link_routes`]), colours
//! ([`palette`]) and the bundled fonts ([`fonts`]), shared by the window and the exports; and
//! the exports themselves ([`export`]: SVG, PNG, PDF and Markdown). Geometry only: no window.

pub mod export;
pub mod fonts;
pub mod layout;
pub mod link_routes;
pub mod note_marks;
pub mod packing;
pub mod palette;
