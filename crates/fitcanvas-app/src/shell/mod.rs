//! The window's frame: the one table of actions and their keys, the order keys are handled
//! in, the commands panels push and their carrying out, menus, dialogs, settings and the
//! document being edited.

pub(crate) mod actions;
pub(crate) mod apply;
pub(crate) mod commands;
pub(crate) mod derived;
pub(crate) mod dialogs;
pub(crate) mod document;
pub(crate) mod icon;
pub(crate) mod input_order;
pub(crate) mod keyboard;
pub(crate) mod menu_bar;
pub(crate) mod settings;
pub(crate) mod theme;
pub(crate) mod window;
