//! The `fitcanvas` program's command line: a thin layer over the model and the picture
//! ([`cli`]), the report of `fitcanvas diff` ([`diff_report`]), the merge command that git's merge driver runs ([`merge_command`]), and the
//! set-up of git's merge and diff drivers ([`git_setup`]).

pub mod cli;
pub mod diff_report;
pub mod git_setup;
pub mod merge_command;
