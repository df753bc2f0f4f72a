//! The one table of actions: each action's name, keyboard shortcuts, where it sits in the menus
//! and when it applies. The key handling, the menus, Help → Keyboard shortcuts and the README's
//! key table all come from here, so they cannot drift apart (a test checks the README).
//!
//! Single keys without Ctrl (V, T, F, N, L, D, R, C, the digits) act only while presenting: in the
//! editor they could be a letter typed a moment too early, before the note's field was open.

use egui::{Key, KeyboardShortcut, Modifiers};

use fitcanvas_model::section::Section;

/// Something the user can ask for by key or menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    New,
    Open,
    OpenByPath,
    Save,
    SaveAs,
    SaveToPath,
    Export,
    Print,
    Compare,
    StartScreen,
    Quit,
    Undo,
    Redo,
    /// The clipboard: egui hands these over as copy, cut and paste events, not keys.
    Copy,
    Cut,
    Paste,
    Duplicate,
    Find,
    FindNext,
    FindPrevious,
    /// Alt+K / Alt+S: the selected note's next kind or status, round the list.
    NextKind,
    NextStatus,
    /// Ctrl+1 … Ctrl+6: a new note in that area.
    NewNote(Section),
    /// Insert or +: a new note in the selected note's area.
    NewNoteHere,
    EditNote,
    DeleteNote,
    /// Esc: stop typing, clear the selection, end a comparison.
    Escape,
    NextNote,
    PreviousNote,
    SelectLeft,
    SelectRight,
    SelectUp,
    SelectDown,
    MoveEarlier,
    MoveLater,
    /// Alt+1 … Alt+5: the selected customer note's weight.
    Weight(u8),
    ToggleSidePanel,
    FocusSidePanel,
    /// Ctrl+Plus / Ctrl+Minus / Ctrl+0: the canvas's picture, not the interface.
    ZoomIn,
    ZoomOut,
    ZoomReset,
    /// The selected note's area fills the canvas; Esc returns.
    FocusArea,
    /// View → Interface size: everything in the window, for eyes that need it.
    InterfaceBigger,
    InterfaceSmaller,
    InterfaceReset,
    Present,
    Shortcuts,
    About,
    // Presenting.
    /// 1 … 6 spotlight an area, 0 shows all.
    Spotlight(u8),
    StepForward,
    StepBack,
    RevealFit,
    PresentNewNote,
    Vote,
    Unvote,
    TopVoted,
    TimerStartPause,
    TimerReset,
    DarkProjector,
    /// View → Room, or R while presenting: phones join to write notes and vote.
    Room,
    /// Every dot vote off the canvas, after a confirmation (one undo step).
    ClearVotes,
    /// File → Share live… / Join live…: co-editing with other desktops.
    ShareLive,
    JoinLive,
}

/// When an action's keys work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Always, also while typing (they type nothing).
    Anywhere,
    /// On a canvas, editing or presenting, while nothing is being typed.
    Canvas,
    /// In the editor (not presenting), while nothing is being typed.
    Editor,
    /// While presenting and nothing is being typed.
    Presenting,
    /// While presenting or with the audience window open, and nothing is being typed: the
    /// laptop can walk the room through with a clicker.
    Room,
}

/// Where an action sits in the menu bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Help,
}

/// What decides whether an action can be taken now.
#[derive(Debug, Clone, Copy, Default)]
pub struct Situation {
    pub on_canvas: bool,
    pub presenting: bool,
    pub audience: bool,
    pub typing: bool,
    pub selection: bool,
    pub customer_selection: bool,
    pub can_undo: bool,
    pub can_redo: bool,
}

const fn key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}
const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}
const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}
const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}
const fn alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::ALT, key)
}

/// The keys 0 to 6, in order.
const DIGITS: [Key; 7] = [
    Key::Num0,
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
];

impl Action {
    /// Every action, in the order of the help list. Key handling tries those with more
    /// modifiers first, so Shift+V is not taken for V.
    pub fn all() -> Vec<Action> {
        use Action as A;
        let mut all = vec![
            A::New,
            A::Open,
            A::OpenByPath,
            A::Save,
            A::SaveAs,
            A::SaveToPath,
            A::Export,
            A::Print,
            A::Compare,
            A::ShareLive,
            A::JoinLive,
            A::StartScreen,
            A::Quit,
            A::Undo,
            A::Redo,
            A::Copy,
            A::Cut,
            A::Paste,
            A::Duplicate,
            A::Find,
            A::FindNext,
            A::FindPrevious,
        ];
        all.extend(Section::ALL.map(A::NewNote));
        all.extend([
            A::NewNoteHere,
            A::EditNote,
            A::Escape,
            A::NextNote,
            A::PreviousNote,
            A::SelectLeft,
            A::SelectRight,
            A::SelectUp,
            A::SelectDown,
            A::MoveEarlier,
            A::MoveLater,
        ]);
        all.extend((1..=5).map(A::Weight));
        all.extend([
            A::NextKind,
            A::NextStatus,
            A::DeleteNote,
            A::FocusSidePanel,
            A::ToggleSidePanel,
            A::ZoomIn,
            A::ZoomOut,
            A::ZoomReset,
            A::FocusArea,
            A::InterfaceBigger,
            A::InterfaceSmaller,
            A::InterfaceReset,
            A::Shortcuts,
            A::About,
            A::Present,
        ]);
        all.extend((1..=6).chain([0]).map(A::Spotlight));
        all.extend([
            A::StepForward,
            A::StepBack,
            A::RevealFit,
            A::PresentNewNote,
            A::Vote,
            A::Unvote,
            A::TopVoted,
            A::ClearVotes,
            A::TimerStartPause,
            A::TimerReset,
            A::DarkProjector,
            A::Room,
        ]);
        all
    }

    /// The name in menus and the help list.
    pub fn label(self) -> String {
        use Action as A;
        match self {
            A::New => "New".into(),
            A::Open => "Open…".into(),
            A::OpenByPath => "Open by path…".into(),
            A::Save => "Save".into(),
            A::SaveAs => "Save As…".into(),
            A::SaveToPath => "Save to path…".into(),
            A::Export => "Export…".into(),
            A::Print => "Print…".into(),
            A::Compare => "Compare with…".into(),
            A::StartScreen => "Start screen".into(),
            A::Quit => "Quit".into(),
            A::Undo => "Undo".into(),
            A::Redo => "Redo".into(),
            A::Copy => "Copy".into(),
            A::Cut => "Cut".into(),
            A::Paste => "Paste".into(),
            A::Duplicate => "Duplicate".into(),
            A::Find => "Find…".into(),
            A::FindNext => "Find next".into(),
            A::FindPrevious => "Find previous".into(),
            A::NextKind => "Next kind".into(),
            A::NextStatus => "Next status".into(),
            A::NewNote(section) => section.title().into(),
            A::NewNoteHere => "New note in the selected note's area".into(),
            A::EditNote => "Edit the selected note".into(),
            A::DeleteNote => "Delete note".into(),
            A::Escape => "Stop typing, close Find, clear the selection, end a comparison, leave a focused area".into(),
            A::NextNote => "Next note".into(),
            A::PreviousNote => "Previous note".into(),
            A::SelectLeft => "Select the note to the left".into(),
            A::SelectRight => "Select the note to the right".into(),
            A::SelectUp => "Select the note above".into(),
            A::SelectDown => "Select the note below".into(),
            A::MoveEarlier => "Move earlier".into(),
            A::MoveLater => "Move later".into(),
            A::Weight(w) => format!("Weight {w}"),
            A::ToggleSidePanel => "Side panel".into(),
            A::FocusSidePanel => "Keyboard to the side panel and back".into(),
            A::ZoomIn => "Zoom in".into(),
            A::ZoomOut => "Zoom out".into(),
            A::ZoomReset => "Whole canvas".into(),
            A::FocusArea => "Focus the selected note's area".into(),
            A::InterfaceBigger => "Larger interface".into(),
            A::InterfaceSmaller => "Smaller interface".into(),
            A::InterfaceReset => "Interface at normal size".into(),
            A::Present => "Present".into(),
            A::Shortcuts => "Keyboard shortcuts".into(),
            A::About => "About Fitcanvas".into(),
            A::Spotlight(0) => "Show all areas".into(),
            A::Spotlight(n) => format!("Spotlight area {n}"),
            A::StepForward => "Next step".into(),
            A::StepBack => "Previous step".into(),
            A::RevealFit => "Reveal fit".into(),
            A::PresentNewNote => "New note in the spotlit area".into(),
            A::Vote => "Add a vote".into(),
            A::Unvote => "Remove a vote".into(),
            A::TopVoted => "Top voted list".into(),
            A::ClearVotes => "Clear all votes…".into(),
            A::TimerStartPause => "Start or pause the timer".into(),
            A::TimerReset => "Reset the timer".into(),
            A::DarkProjector => "Dark projector theme".into(),
            A::Room => "Room…".into(),
            A::ShareLive => "Share live…".into(),
            A::JoinLive => "Join live…".into(),
        }
    }

    /// The keys that trigger it, the first being the one menus show.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        use Action as A;
        match self {
            A::New => vec![cmd(Key::N)],
            A::Open => vec![cmd(Key::O)],
            A::Save => vec![cmd(Key::S)],
            A::SaveAs => vec![cmd_shift(Key::S)],
            A::Quit => vec![cmd(Key::Q)],
            A::Undo => vec![cmd(Key::Z)],
            A::Redo => vec![cmd_shift(Key::Z), cmd(Key::Y)],
            A::Print => vec![cmd(Key::P)],
            A::Copy => vec![cmd(Key::C)],
            A::Cut => vec![cmd(Key::X)],
            A::Paste => vec![cmd(Key::V)],
            A::Duplicate => vec![cmd(Key::D)],
            A::Find => vec![cmd(Key::F)],
            A::FindNext => vec![key(Key::F3)],
            A::FindPrevious => vec![shift(Key::F3)],
            A::NextKind => vec![alt(Key::K)],
            A::NextStatus => vec![alt(Key::S)],
            A::NewNote(section) => vec![cmd(DIGITS[section.index() + 1])],
            A::NewNoteHere => vec![key(Key::Insert), key(Key::Plus)],
            A::EditNote => vec![key(Key::Enter), key(Key::F2)],
            A::DeleteNote => vec![key(Key::Delete), key(Key::Backspace)],
            A::Escape => vec![key(Key::Escape)],
            A::NextNote => vec![key(Key::Tab)],
            A::PreviousNote => vec![shift(Key::Tab)],
            A::SelectLeft => vec![key(Key::ArrowLeft)],
            A::SelectRight => vec![key(Key::ArrowRight)],
            A::SelectUp => vec![key(Key::ArrowUp)],
            A::SelectDown => vec![key(Key::ArrowDown)],
            A::MoveEarlier => vec![alt(Key::ArrowUp), alt(Key::ArrowLeft)],
            A::MoveLater => vec![alt(Key::ArrowDown), alt(Key::ArrowRight)],
            A::Weight(w) => vec![alt(DIGITS[usize::from(w.min(5))])],
            A::ToggleSidePanel => vec![cmd(Key::B)],
            A::FocusSidePanel => vec![key(Key::F6)],
            A::ZoomIn => vec![cmd(Key::Plus), cmd(Key::Equals)],
            A::ZoomOut => vec![cmd(Key::Minus)],
            A::ZoomReset => vec![cmd(Key::Num0)],
            A::FocusArea => vec![alt(Key::Z)],
            A::InterfaceBigger | A::InterfaceSmaller | A::InterfaceReset => vec![],
            A::Present => vec![key(Key::F5)],
            A::Spotlight(n) => vec![key(DIGITS[usize::from(n.min(6))])],
            A::StepForward => vec![key(Key::ArrowRight), key(Key::PageDown)],
            A::StepBack => vec![key(Key::ArrowLeft), key(Key::PageUp)],
            A::RevealFit => vec![key(Key::F)],
            A::PresentNewNote => vec![key(Key::N)],
            A::Vote => vec![key(Key::V)],
            A::Unvote => vec![shift(Key::V)],
            A::TopVoted => vec![key(Key::L)],
            A::ClearVotes => vec![key(Key::C)],
            A::TimerStartPause => vec![key(Key::T), cmd(Key::T)],
            A::TimerReset => vec![shift(Key::T), cmd_shift(Key::T)],
            A::DarkProjector => vec![key(Key::D)],
            A::Room => vec![key(Key::R)],
            A::OpenByPath
            | A::SaveToPath
            | A::Export
            | A::Compare
            | A::ShareLive
            | A::JoinLive
            | A::StartScreen
            | A::Shortcuts
            | A::About => Vec::new(),
        }
    }

    /// When its keys work. A shortcut with Ctrl also works while typing.
    pub fn scope(self, shortcut: &KeyboardShortcut) -> Scope {
        use Action as A;
        match self {
            // Undo while typing is the field's own undo.
            A::Undo | A::Redo => Scope::Canvas,
            // They type nothing: a note being typed is kept and the next one starts.
            A::NewNote(_) => Scope::Anywhere,
            A::Present | A::FocusSidePanel => Scope::Anywhere,
            A::TimerStartPause | A::TimerReset if shortcut.modifiers.command => Scope::Anywhere,
            A::StepForward | A::StepBack
                if shortcut.logical_key != Key::ArrowRight
                    && shortcut.logical_key != Key::ArrowLeft =>
            {
                Scope::Room
            }
            A::RevealFit => Scope::Room,
            A::Spotlight(_)
            | A::StepForward
            | A::StepBack
            | A::PresentNewNote
            | A::Vote
            | A::Unvote
            | A::TopVoted
            | A::TimerStartPause
            | A::TimerReset
            | A::DarkProjector
            | A::Room
            | A::ClearVotes => Scope::Presenting,
            A::SelectLeft | A::SelectRight => Scope::Editor,
            A::Weight(_)
            | A::NextKind
            | A::NextStatus
            | A::Copy
            | A::Cut
            | A::Paste
            | A::Duplicate
            | A::NewNoteHere
            | A::EditNote
            | A::DeleteNote
            | A::Escape
            | A::NextNote
            | A::PreviousNote
            | A::SelectUp
            | A::SelectDown
            | A::MoveEarlier
            | A::MoveLater
            | A::FocusArea => Scope::Canvas,
            _ => Scope::Anywhere,
        }
    }

    /// Its place in the menu bar, if it has one.
    pub fn menu(self) -> Option<Menu> {
        use Action as A;
        match self {
            A::New
            | A::Open
            | A::OpenByPath
            | A::Save
            | A::SaveAs
            | A::SaveToPath
            | A::Export
            | A::Print
            | A::Compare
            | A::ShareLive
            | A::JoinLive
            | A::StartScreen
            | A::Quit => Some(Menu::File),
            A::Undo
            | A::Redo
            | A::Copy
            | A::Cut
            | A::Paste
            | A::Duplicate
            | A::Find
            | A::FindNext
            | A::FindPrevious
            | A::NextKind
            | A::NextStatus
            | A::DeleteNote
            | A::NewNote(_)
            | A::MoveEarlier
            | A::MoveLater => Some(Menu::Edit),
            A::ToggleSidePanel
            | A::ZoomIn
            | A::ZoomOut
            | A::ZoomReset
            | A::FocusArea
            | A::InterfaceBigger
            | A::InterfaceSmaller
            | A::InterfaceReset
            | A::Present => Some(Menu::View),
            A::RevealFit | A::TopVoted | A::DarkProjector | A::Room | A::ClearVotes => {
                Some(Menu::View)
            }
            A::Shortcuts | A::About => Some(Menu::Help),
            _ => None,
        }
    }

    /// Can it be taken now (menus grey it out otherwise)?
    pub fn enabled(self, s: &Situation) -> bool {
        use Action as A;
        match self {
            A::Save
            | A::SaveAs
            | A::SaveToPath
            | A::Export
            | A::Print
            | A::Compare
            | A::Present
            | A::Paste
            | A::Find
            | A::FindNext
            | A::FindPrevious
            | A::ShareLive
            | A::Room => s.on_canvas,
            A::Undo => s.can_undo,
            A::Redo => s.can_redo,
            A::DeleteNote
            | A::EditNote
            | A::MoveEarlier
            | A::MoveLater
            | A::NewNoteHere
            | A::Vote
            | A::Unvote
            | A::Copy
            | A::Cut
            | A::Duplicate
            | A::NextStatus => s.selection,
            A::Weight(_) | A::NextKind => s.customer_selection,
            A::ToggleSidePanel | A::FocusSidePanel => s.on_canvas && !s.presenting,
            A::Spotlight(_)
            | A::PresentNewNote
            | A::TopVoted
            | A::TimerStartPause
            | A::TimerReset
            | A::DarkProjector => s.presenting,
            A::StepForward | A::StepBack | A::RevealFit => s.presenting || s.audience,
            A::ClearVotes => s.on_canvas,
            A::ZoomIn | A::ZoomOut | A::ZoomReset => s.on_canvas && !s.presenting,
            A::FocusArea => s.selection && !s.presenting,
            A::NewNote(_)
            | A::Escape
            | A::NextNote
            | A::PreviousNote
            | A::SelectLeft
            | A::SelectRight
            | A::SelectUp
            | A::SelectDown => s.on_canvas,
            A::New
            | A::Open
            | A::OpenByPath
            | A::JoinLive
            | A::StartScreen
            | A::Quit
            | A::InterfaceBigger
            | A::InterfaceSmaller
            | A::InterfaceReset
            | A::Shortcuts
            | A::About => true,
        }
    }

    /// Does `shortcut` of this action apply in situation `s`?
    pub fn key_applies(self, shortcut: &KeyboardShortcut, s: &Situation) -> bool {
        if !self.enabled(s) {
            return false;
        }
        match self.scope(shortcut) {
            Scope::Anywhere => true,
            _ if s.typing || !s.on_canvas => false,
            Scope::Canvas => true,
            Scope::Editor => !s.presenting,
            Scope::Presenting => s.presenting,
            Scope::Room => s.presenting || s.audience,
        }
    }

    /// Its keys as people write them: "Ctrl+Shift+Z or Ctrl+Y".
    pub fn keys_text(self) -> String {
        self.shortcuts()
            .iter()
            .map(shortcut_text)
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

/// A shortcut as people write it, the same on every platform: "Ctrl+Shift+S", "Esc".
pub fn shortcut_text(shortcut: &KeyboardShortcut) -> String {
    let m = shortcut.modifiers;
    let mut text = String::new();
    if m.command || m.ctrl {
        text.push_str("Ctrl+");
    }
    if m.alt {
        text.push_str("Alt+");
    }
    if m.shift {
        text.push_str("Shift+");
    }
    text.push_str(match shortcut.logical_key {
        Key::Escape => "Esc",
        Key::Plus => "+",
        Key::Equals => "=",
        Key::Minus => "Minus",
        Key::ArrowUp => "Up",
        Key::ArrowDown => "Down",
        Key::ArrowLeft => "Left",
        Key::ArrowRight => "Right",
        other => other.name(),
    });
    if text == "Ctrl++" {
        return "Ctrl+Plus".to_owned();
    }
    text
}

/// One row of the keyboard help: the actions it covers and what they do. Families of actions
/// (Ctrl+1 … Ctrl+6) share a row.
pub struct HelpRow {
    pub actions: Vec<Action>,
    pub what: &'static str,
    /// Presenting only.
    pub presenting: bool,
    /// A numbered family, written "first … last".
    pub family: bool,
}

impl HelpRow {
    /// The keys column: each action's keys joined with " / ", a family as "first … last".
    pub fn keys(&self) -> String {
        let keys: Vec<String> = self.actions.iter().map(|a| a.keys_text()).collect();
        match (self.family, keys.first(), keys.last()) {
            (true, Some(first), Some(last)) => format!("{first} … {last}"),
            _ => keys.join(" / "),
        }
    }
}

/// The keyboard help, in order: the editor's rows, then the presentation's.
pub fn help_rows() -> Vec<HelpRow> {
    use Action as A;
    let row = |actions: Vec<Action>, what| HelpRow {
        family: false,
        actions,
        what,
        presenting: false,
    };
    let family = |actions: Vec<Action>, what, presenting| HelpRow {
        family: true,
        actions,
        what,
        presenting,
    };
    let presenting = |actions: Vec<Action>, what| HelpRow {
        family: false,
        actions,
        what,
        presenting: true,
    };
    vec![
        row(vec![A::New, A::Open], "New canvas / open a file"),
        row(vec![A::Save, A::SaveAs], "Save / save as"),
        row(vec![A::Print], "Print (through the PDF export)"),
        row(vec![A::Quit], "Quit (asks first about unsaved changes)"),
        row(
            vec![A::Undo, A::Redo],
            "Undo / redo (also in the Edit menu; no limit in a session)",
        ),
        row(
            vec![A::Copy, A::Cut, A::Paste],
            "Copy / cut / paste the selected notes (with weights, kinds, statuses and the links between them; lines of text paste as one note each)",
        ),
        row(vec![A::Duplicate], "Duplicate the selected notes"),
        row(
            vec![A::Find, A::FindNext, A::FindPrevious],
            "Find notes by their text or evidence / next / previous match",
        ),
        family(
            Section::ALL.map(A::NewNote).to_vec(),
            "New note in jobs, pains, gains, products, pain relievers, gain creators",
            false,
        ),
        row(vec![A::NewNoteHere], "New note in the selected note's area"),
        row(
            vec![A::EditNote],
            "Edit the selected note; while typing, keep the note (and, for a new note, start the next)",
        ),
        row(
            vec![A::Escape],
            "Stop typing (what was typed is kept) / close Find / clear the selection / end a comparison / back to the whole canvas",
        ),
        row(vec![A::NextNote, A::PreviousNote], "Next / previous note"),
        row(
            vec![A::SelectLeft, A::SelectRight, A::SelectUp, A::SelectDown],
            "Move the selection",
        ),
        row(
            vec![A::MoveEarlier, A::MoveLater],
            "Move the selected note earlier / later",
        ),
        family(
            (1..=5).map(A::Weight).collect(),
            "Weight of the selected customer note",
            false,
        ),
        row(
            vec![A::NextKind, A::NextStatus],
            "Next kind / next status of the selected note",
        ),
        row(
            vec![A::DeleteNote],
            "Delete the selected notes and their links",
        ),
        row(
            vec![A::FocusSidePanel],
            "Move the keyboard to the side panel (Tab then walks its controls) and back",
        ),
        row(vec![A::ToggleSidePanel], "Hide or show the side panel"),
        row(
            vec![A::ZoomIn, A::ZoomOut, A::ZoomReset],
            "Zoom the canvas in / out / back to the whole canvas (also Ctrl+wheel; the wheel \
             or a drag on empty canvas pans)",
        ),
        row(
            vec![A::FocusArea],
            "Bring the selected note's area close (or double-click an area's heading); Esc returns",
        ),
        row(
            vec![A::Present],
            "Present to a room (full screen); F5 or Esc leaves",
        ),
        family(
            (1..=6).map(A::Spotlight).collect(),
            "Spotlight jobs, pains, gains, products & services, pain relievers, gain creators (brought close, the rest faded)",
            true,
        ),
        presenting(vec![A::Spotlight(0)], "Show all areas"),
        presenting(
            vec![A::StepForward, A::StepBack],
            "Step through the areas, then the fit (a clicker's PageDown/PageUp work from the editor too while the audience window is open)",
        ),
        presenting(
            vec![A::RevealFit],
            "Reveal or hide the fit: check marks, link lines and the fit score",
        ),
        presenting(vec![A::PresentNewNote], "New note in the spotlit area"),
        presenting(
            vec![A::Vote, A::Unvote],
            "Add / remove a dot vote on the selected note",
        ),
        presenting(vec![A::TopVoted], "Top voted list"),
        presenting(
            vec![A::ClearVotes],
            "Clear all votes (asks first; one undo step)",
        ),
        presenting(
            vec![A::TimerStartPause, A::TimerReset],
            "Start or pause / reset the timer",
        ),
        presenting(vec![A::DarkProjector], "Dark projector theme"),
        presenting(
            vec![A::Room],
            "The room: phones join by QR code to write notes and vote (also View → Room…)",
        ),
    ]
}

/// The keyboard help as the Markdown table the README carries.
pub fn markdown_table() -> String {
    let mut out = String::from("| Keys | What they do |\n| --- | --- |\n");
    for row in help_rows() {
        let when = if row.presenting { " (presenting)" } else { "" };
        out.push_str(&format!("| {}{when} | {} |\n", row.keys(), row.what));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_with_keys_is_in_the_help_once() {
        let rows = help_rows();
        for action in Action::all() {
            if action.shortcuts().is_empty() {
                continue;
            }
            let n = rows.iter().filter(|r| r.actions.contains(&action)).count();
            assert_eq!(n, 1, "{action:?} in {n} help rows");
        }
    }

    #[test]
    fn no_two_actions_share_a_key_where_both_apply() {
        let all = Action::all();
        for presenting in [false, true] {
            let s = Situation {
                on_canvas: true,
                presenting,
                audience: true,
                typing: false,
                selection: true,
                customer_selection: true,
                can_undo: true,
                can_redo: true,
            };
            let mut seen: Vec<(KeyboardShortcut, Action)> = Vec::new();
            for a in &all {
                for k in a.shortcuts() {
                    if !a.key_applies(&k, &s) {
                        continue;
                    }
                    if let Some((_, other)) = seen.iter().find(|(sk, _)| *sk == k) {
                        panic!("{} is both {other:?} and {a:?}", shortcut_text(&k));
                    }
                    seen.push((k, *a));
                }
            }
        }
    }

    #[test]
    fn single_keys_act_only_while_presenting() {
        let editor = Situation {
            on_canvas: true,
            selection: true,
            customer_selection: true,
            ..Situation::default()
        };
        for action in Action::all() {
            for k in action.shortcuts() {
                let name = format!("{:?}", k.logical_key);
                let letter_or_digit = name.len() == 1 || name.starts_with("Num");
                let plain = k.modifiers.is_none() || k.modifiers == Modifiers::SHIFT;
                if letter_or_digit && plain {
                    assert!(
                        !action.key_applies(&k, &editor),
                        "{} acts in the editor",
                        shortcut_text(&k)
                    );
                }
            }
        }
    }

    #[test]
    fn shortcuts_read_as_people_write_them() {
        assert_eq!(Action::Redo.keys_text(), "Ctrl+Shift+Z or Ctrl+Y");
        assert_eq!(Action::Escape.keys_text(), "Esc");
        assert_eq!(Action::ZoomIn.keys_text(), "Ctrl+Plus or Ctrl+=");
        let new_note = help_rows()
            .into_iter()
            .find(|r| r.actions.contains(&Action::NewNote(Section::Jobs)))
            .unwrap();
        assert_eq!(new_note.keys(), "Ctrl+1 … Ctrl+6");
    }
}
