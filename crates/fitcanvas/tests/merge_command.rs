//! `fitcanvas merge`, `show` and `git-setup` as a user runs them: the real binary on real files,
//! and a real git repository whose merges and diffs go through the drivers git-setup installs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use fitcanvas_model::Canvas;
use fitcanvas_model::Section;
use fitcanvas_model::conflict::Conflict;
use fitcanvas_model::format;

fn fitcanvas(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fitcanvas"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run the fitcanvas binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn base() -> Canvas {
    let mut c = Canvas::new();
    c.set_title("Lunch planner");
    c.add_item(Section::Jobs, "Eat at night");
    c.add_item(Section::Pains, "Canteen closed");
    c.add_item(Section::PainRelievers, "Ward fridge");
    c
}

fn save(path: &Path, canvas: &Canvas) {
    format::save_file(path, canvas).unwrap();
}

fn load(path: &Path) -> Canvas {
    format::load_file(path).unwrap_or_else(|e| panic!("{e}"))
}

/// Base, ours and theirs files in a fresh folder; ours and theirs edit as the closures say.
fn three(
    ours: impl FnOnce(&mut Canvas),
    theirs: impl FnOnce(&mut Canvas),
) -> (tempfile::TempDir, [PathBuf; 3]) {
    let dir = tempfile::tempdir().unwrap();
    let paths = ["base.json", "ours.json", "theirs.json"].map(|n| dir.path().join(n));
    let (mut o, mut t) = (base(), base());
    ours(&mut o);
    theirs(&mut t);
    save(&paths[0], &base());
    save(&paths[1], &o);
    save(&paths[2], &t);
    (dir, paths)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_clean_merge_writes_over_ours_and_exits_0() {
    let (dir, [b, o, t]) = three(
        |c| c.set_text("pain-1", "Canteen shuts at 8").unwrap(),
        |c| c.set_text("job-1", "Eat a proper meal").unwrap(),
    );
    let out = fitcanvas(dir.path(), &["merge", s(&b), s(&o), s(&t)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("merged cleanly"));
    let merged = load(&o);
    assert_eq!(merged.item("pain-1").unwrap().text(), "Canteen shuts at 8");
    assert_eq!(merged.item("job-1").unwrap().text(), "Eat a proper meal");
    assert!(merged.conflicts().is_empty());
}

#[test]
fn with_o_the_result_goes_there_and_ours_is_left_alone() {
    let (dir, [b, o, t]) = three(
        |c| c.set_text("pain-1", "ours").unwrap(),
        |c| c.set_text("pain-1", "theirs").unwrap(),
    );
    let before = fs::read(&o).unwrap();
    let result = dir.path().join("merged.json");
    let out = fitcanvas(
        dir.path(),
        &["merge", s(&b), s(&o), s(&t), "-o", s(&result)],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(fs::read(&o).unwrap(), before);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("1 conflict recorded"), "{stdout}");
    assert!(stdout.contains("text of pain-1"), "{stdout}");
    let merged = load(&result);
    assert_eq!(merged.item("pain-1").unwrap().text(), "ours");
    assert!(matches!(merged.conflicts(), [Conflict::Field { .. }]));
}

#[test]
fn an_unreadable_input_exits_2_and_writes_nothing() {
    let (dir, [b, o, t]) = three(|_| {}, |c| c.set_title("Theirs"));
    let before = fs::read(&o).unwrap();
    let result = dir.path().join("merged.json");
    let missing = dir.path().join("missing.json");
    fs::write(&t, r#"{"format": "fitcanvas", "version": 1, "jobs": 7}"#).unwrap();
    for args in [
        vec!["merge", s(&b), s(&o), s(&t)],
        vec!["merge", s(&missing), s(&o), s(&b), "-o", s(&result)],
    ] {
        let out = fitcanvas(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("nothing was written"), "{stderr}");
        assert_eq!(fs::read(&o).unwrap(), before);
        assert!(!result.exists());
    }
    assert!(text(&fitcanvas(dir.path(), &["merge", s(&b), s(&o), s(&t)]).stderr).contains("jobs"));
}

#[test]
fn an_empty_base_means_both_sides_added_the_file() {
    let (dir, [b, o, t]) = three(|_| {}, |c| c.set_title("Lunch planner")); // same as ours
    fs::write(&b, "").unwrap();
    let out = fitcanvas(dir.path(), &["merge", s(&b), s(&o), s(&t)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(load(&o), base());
}

#[test]
fn show_prints_a_line_per_note_and_a_broken_file_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let mut c = base();
    c.link("reliever-1", "pain-1").unwrap();
    c.set_text("job-1", "Eat\nat night").unwrap();
    save(&path, &c);
    let out = fitcanvas(dir.path(), &["show", s(&path)]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("  job-1 [weight 3, functional]: Eat\\nat night\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  reliever-1 -> pain-1: Ward fridge\n"),
        "{stdout}"
    );

    fs::write(&path, "{ not json").unwrap();
    let out = fitcanvas(dir.path(), &["show", s(&path)]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "{ not json");
    assert!(!out.stderr.is_empty());
}

/// A `PATH` without the folder of the fitcanvas binary under test: git must find it without.
fn path_without_fitcanvas() -> std::ffi::OsString {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_fitcanvas"));
    let folder = bin.parent().unwrap();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    let dirs = std::env::split_paths(&rest).filter(|d| d != folder);
    std::env::join_paths(dirs).unwrap()
}

/// Runs `program` in `dir` with no user or system config but the repository's own, and a
/// `PATH` where no fitcanvas is.
fn isolated(program: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new(program)
        .current_dir(dir)
        .args(args)
        .env("PATH", path_without_fitcanvas())
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .output()
        .expect("run the program")
}

fn git(dir: &Path, args: &[&str]) -> Output {
    isolated(Path::new("git"), dir, args)
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// `fitcanvas git-setup ARGS` run by the binary at `program`; its standard output.
fn git_setup(program: &Path, repo: &Path, args: &[&str]) -> String {
    let setup: Vec<&str> = std::iter::once("git-setup")
        .chain(args.iter().copied())
        .collect();
    let out = isolated(program, repo, &setup);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_fitcanvas"))
}

/// A repository holding `plan.json` (the base canvas) and a `package.json`, set up with
/// `fitcanvas git-setup` run by `program`.
fn repository_with(program: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git_ok(repo, &["init", "-q", "-b", "main"]);
    save(&repo.join("plan.json"), &base());
    fs::write(repo.join("package.json"), PACKAGE).unwrap();
    git_setup(program, repo, &[]);
    git_ok(repo, &["add", "."]);
    git_ok(repo, &["commit", "-q", "-m", "base"]);
    dir
}

fn repository() -> tempfile::TempDir {
    repository_with(&bin())
}

/// A `package.json` with lines far enough apart for git to merge edits of each cleanly.
const PACKAGE: &str = "{\n  \"name\": \"lunch\",\n  \"version\": \"1.0.0\",\n  \"private\": true,\n  \"license\": \"MIT\",\n  \"scripts\": {},\n  \"main\": \"index.js\",\n  \"description\": \"\"\n}\n";

#[test]
fn git_setup_covers_the_canvases_by_full_path_and_never_every_json_file() {
    let dir = repository();
    let repo = dir.path();
    // Again: nothing is added twice.
    let again = git_setup(&bin(), repo, &[]);
    assert!(again.contains("already has the lines"), "{again}");
    let attributes = fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert_eq!(
        attributes,
        "*.fitcanvas.json merge=fitcanvas diff=fitcanvas\n/plan.json merge=fitcanvas diff=fitcanvas\n"
    );
    let check = |path: &str| git_ok(repo, &["check-attr", "merge", "--", path]);
    assert!(check("package.json").ends_with("unspecified\n"));
    assert!(check("plan.json").ends_with("fitcanvas\n"));
    assert!(check("plans/new.fitcanvas.json").ends_with("fitcanvas\n"));
    // The drivers run this very program by its full path: git needs nothing on PATH.
    let driver = git_ok(repo, &["config", "--local", "merge.fitcanvas.driver"]);
    let quoted = format!("'{}'", bin().display());
    assert!(driver.starts_with(&format!("f={quoted};")), "{driver}");
    assert!(driver.contains("merge --git-path %P %O %A %B"), "{driver}");
    assert_eq!(
        git_ok(repo, &["config", "--local", "diff.fitcanvas.textconv"]).trim(),
        format!("{quoted} show")
    );
}

/// Makes a branch `colleague` with `theirs` committed, and `ours` on main, then merges.
fn branches(repo: &Path, theirs: impl FnOnce(&Path), ours: impl FnOnce(&Path)) -> Output {
    git_ok(repo, &["checkout", "-q", "-b", "colleague"]);
    theirs(repo);
    git_ok(repo, &["commit", "-q", "-am", "theirs"]);
    git_ok(repo, &["checkout", "-q", "main"]);
    ours(repo);
    git_ok(repo, &["commit", "-q", "-am", "ours"]);
    git(repo, &["merge", "--no-edit", "colleague"])
}

fn edit_package(repo: &Path, from: &str, to: &str) {
    let path = repo.join("package.json");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    fs::write(&path, text.replace(from, to)).unwrap();
}

#[test]
fn a_package_json_changed_on_two_branches_merges_as_git_would_with_or_without_a_broad_pattern() {
    for pattern in [None, Some("*.json")] {
        let dir = repository();
        let repo = dir.path();
        if let Some(pattern) = pattern {
            // Taken over by the driver: it hands what is no canvas to git's line merge.
            git_setup(&bin(), repo, &[pattern]);
            git_ok(repo, &["commit", "-q", "-am", "every json"]);
            let check = git_ok(repo, &["check-attr", "merge", "--", "package.json"]);
            assert!(check.ends_with("fitcanvas\n"), "{check}");
        }
        let merged = branches(
            repo,
            |r| edit_package(r, "\"1.0.0\"", "\"1.1.0\""),
            |r| edit_package(r, "\"index.js\"", "\"main.js\""),
        );
        assert!(
            merged.status.success(),
            "{pattern:?}: {}{}",
            text(&merged.stdout),
            text(&merged.stderr)
        );
        let package = fs::read_to_string(repo.join("package.json")).unwrap();
        assert!(package.contains("\"1.1.0\"") && package.contains("\"main.js\""));
    }
}

/// Adds a pain to plan.json as an editor session does, with `suffix` on its new ids ("" for
/// an older build, which numbered them plainly).
fn add_pain(repo: &Path, suffix: &str, text: &str) {
    edit_plan(repo, |c| {
        c.set_id_suffix(suffix);
        c.add_item(Section::Pains, text);
    });
}

#[test]
fn two_branches_each_adding_notes_to_one_area_merge_cleanly_with_both() {
    for (theirs_suffix, ours_suffix) in [
        (
            fitcanvas_model::ids::random_suffix(),
            fitcanvas_model::ids::random_suffix(),
        ),
        // Two older builds both handed out pain-2: both notes still stay.
        (String::new(), String::new()),
    ] {
        let dir = repository();
        let repo = dir.path();
        let merged = branches(
            repo,
            |r| {
                add_pain(r, &theirs_suffix, "No hot food after 8");
                add_pain(r, &theirs_suffix, "Queues at the vending machine");
            },
            |r| add_pain(r, &ours_suffix, "Cold sandwiches only"),
        );
        assert!(
            merged.status.success(),
            "{}{}",
            text(&merged.stdout),
            text(&merged.stderr)
        );
        let plan = load(&repo.join("plan.json"));
        let mut pains: Vec<&str> = plan
            .items(Section::Pains)
            .iter()
            .map(|i| i.text())
            .collect();
        pains.sort_unstable();
        assert_eq!(
            pains,
            [
                "Canteen closed",
                "Cold sandwiches only",
                "No hot food after 8",
                "Queues at the vending machine"
            ]
        );
        assert!(plan.conflicts().is_empty());
    }
}

#[test]
fn git_merges_edits_of_different_notes_into_one_valid_canvas() {
    let dir = repository();
    let repo = dir.path();
    git_ok(repo, &["checkout", "-q", "-b", "colleague"]);
    commit_edit(repo, "pain", |c| {
        c.set_text("pain-1", "Canteen shuts at 8").unwrap()
    });
    commit_edit(repo, "a gain", |c| {
        c.add_item(Section::Gains, "Feel awake");
    });
    git_ok(repo, &["checkout", "-q", "main"]);
    commit_edit(repo, "job", |c| {
        c.set_text("job-1", "Eat a proper meal").unwrap()
    });
    git_ok(repo, &["merge", "-q", "--no-edit", "colleague"]);

    let merged = load(&repo.join("plan.json"));
    assert_eq!(merged.item("pain-1").unwrap().text(), "Canteen shuts at 8");
    assert_eq!(merged.item("job-1").unwrap().text(), "Eat a proper meal");
    assert_eq!(merged.item("gain-1").unwrap().text(), "Feel awake");
    assert!(merged.conflicts().is_empty());
    // The file is canonical: the same bytes a save gives.
    assert_eq!(
        fs::read(repo.join("plan.json")).unwrap(),
        format::to_vec(&merged)
    );

    // git's diff of a canvas is the plain-text view, a line per note.
    let log = git_ok(
        repo,
        &["log", "-p", "-1", "--format=", "HEAD^2", "--", "plan.json"],
    );
    assert!(
        log.contains("+  gain-1 [weight 3, expected]: Feel awake"),
        "{log}"
    );
    assert!(!log.contains("\"id\""), "{log}");
}

/// Edits the repository's plan.json in place, as a session of the editor saves it.
fn edit_plan(repo: &Path, edit: impl FnOnce(&mut Canvas)) {
    let path = repo.join("plan.json");
    let mut c = load(&path);
    edit(&mut c);
    save(&path, &c);
}

fn commit_edit(repo: &Path, message: &str, edit: impl FnOnce(&mut Canvas)) {
    edit_plan(repo, edit);
    git_ok(repo, &["commit", "-q", "-am", message]);
}

#[test]
fn conflicting_git_edits_end_with_conflicts_recorded_in_a_file_that_loads_named_by_its_path() {
    let dir = repository();
    let repo = dir.path();
    let out = branches(
        repo,
        |r| edit_plan(r, |c| c.set_text("pain-1", "No hot food").unwrap()),
        |r| {
            edit_plan(r, |c| {
                c.set_text("pain-1", "Canteen shuts at 8").unwrap();
                c.set_title("Night lunch");
            })
        },
    );
    assert!(!out.status.success(), "git reports the conflict");
    // The driver's report names the canvas, not git's temporary copy of it.
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(said.contains("plan.json: 1 conflict recorded"), "{said}");
    assert!(!said.contains(".merge_file"), "{said}");
    let status = git_ok(repo, &["status", "--porcelain"]);
    assert!(status.contains("UU plan.json"), "{status}");

    let merged = load(&repo.join("plan.json"));
    assert_eq!(merged.title(), "Night lunch");
    assert_eq!(merged.item("pain-1").unwrap().text(), "Canteen shuts at 8");
    assert!(
        matches!(merged.conflicts(), [Conflict::Field { .. }]),
        "{:?}",
        merged.conflicts()
    );
    // It loads, but is not finished: check says so until the conflict is settled.
    let check = fitcanvas(repo, &["check", "plan.json"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check.stdout));
    assert!(text(&check.stderr).contains("1 unresolved conflict"));
}

#[test]
fn with_fitcanvas_gone_at_merge_time_the_driver_leaves_conflict_markers_never_ours_alone() {
    // git-setup run by a copy of the program, which is then deleted (an uninstall, a build
    // folder cleaned): git's merge must still not keep our side silently.
    let tools = tempfile::tempdir().unwrap();
    let copy = tools.path().join("fitcanvas");
    fs::copy(bin(), &copy).unwrap();
    let dir = repository_with(&copy);
    let repo = dir.path();
    fs::remove_file(&copy).unwrap();
    let out = branches(
        repo,
        |r| edit_plan(r, |c| c.set_text("pain-1", "No hot food").unwrap()),
        |r| edit_plan(r, |c| c.set_text("pain-1", "Canteen shuts at 8").unwrap()),
    );
    assert!(!out.status.success(), "git must report the conflict");
    let said = text(&out.stderr);
    assert!(
        said.contains("is gone, so 'plan.json'") || said.contains("is gone, so plan.json"),
        "{said}"
    );
    let status = git_ok(repo, &["status", "--porcelain"]);
    assert!(status.contains("UU plan.json"), "{status}");
    // Both sides are in the file, as git's conflict markers, and Fitcanvas knows them.
    let file = fs::read_to_string(repo.join("plan.json")).unwrap();
    assert!(file.contains("<<<<<<< ours"), "{file}");
    assert!(
        file.contains("No hot food") && file.contains("Canteen shuts at 8"),
        "{file}"
    );
    let check = fitcanvas(repo, &["check", "plan.json"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        text(&check.stderr).contains("conflict markers"),
        "{}",
        text(&check.stderr)
    );
}

#[test]
fn git_setup_keeps_other_attributes_adds_each_pattern_once_and_needs_a_repository() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let setup = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_fitcanvas"))
            .current_dir(repo)
            .arg("git-setup")
            .args(args)
            .env("HOME", repo)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CEILING_DIRECTORIES", repo.parent().unwrap())
            .output()
            .unwrap()
    };
    let out = setup(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("inside a git repository"));
    assert!(!repo.join(".gitattributes").exists());

    git_ok(repo, &["init", "-q"]);
    fs::write(repo.join(".gitattributes"), "*.png binary").unwrap();
    for _ in 0..2 {
        let out = setup(&["plans/*.json", "*.canvas.json", "plans/*.json"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    assert_eq!(
        fs::read_to_string(repo.join(".gitattributes")).unwrap(),
        "*.png binary\nplans/*.json merge=fitcanvas diff=fitcanvas\n*.canvas.json merge=fitcanvas diff=fitcanvas\n"
    );
}
