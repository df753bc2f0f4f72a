//! The canvas in the window: the board and its notes, typing into a note in place, a note's
//! menu, zoom and focus, Find, and copying notes through the clipboard.

pub(crate) mod clipboard;
pub(crate) mod copy_paste;
pub(crate) mod find;
pub(crate) mod note_entry;
pub(crate) mod note_face;
pub(crate) mod note_menu;
pub(crate) mod note_packing;
pub(crate) mod view;
pub(crate) mod zoom;
