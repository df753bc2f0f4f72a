//! Reading and writing canvas files on disk: canonical output, unknown fields kept, atomic
//! saves, and paths that are not canvas files at all.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::fs;
use std::path::Path;

use fitcanvas_model::Canvas;
use fitcanvas_model::Section;
use fitcanvas_model::format::{self, LoadError};

fn sample() -> Canvas {
    let mut c = Canvas::new();
    c.set_title("Café planner — 計画");
    c.set_customer("Small café owners");
    let job = c.add_item(Section::Jobs, "Plan next week's rota");
    let product = c.add_item(Section::Products, "Rota app");
    c.link(product.as_str(), job.as_str()).unwrap();
    c.set_weight(job.as_str(), 5).unwrap();
    c
}

fn load_error(path: &Path) -> LoadError {
    match format::load_file(path) {
        Ok(_) => panic!("{} should not load", path.display()),
        Err(e) => {
            assert_eq!(e.path, path, "the error names the file");
            e.error
        }
    }
}

#[test]
fn saving_writes_canonical_pretty_json_with_a_final_newline() {
    let text = format::to_string(&sample());
    let expected = r#"{
  "format": "fitcanvas",
  "version": 1,
  "title": "Café planner — 計画",
  "customer": "Small café owners",
  "notes": "",
  "jobs": [
    {
      "id": "job-1",
      "text": "Plan next week's rota",
      "weight": 5,
      "kind": "functional"
    }
  ],
  "pains": [],
  "gains": [],
  "products": [
    {
      "id": "product-1",
      "text": "Rota app",
      "addresses": [
        "job-1"
      ]
    }
  ],
  "pain_relievers": [],
  "gain_creators": []
}
"#;
    assert_eq!(text, expected);
}

#[test]
fn two_saves_of_the_same_canvas_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    format::save_file(&a, &sample()).unwrap();
    let reloaded = format::load_file(&a).unwrap();
    assert_eq!(reloaded, sample());
    format::save_file(&b, &reloaded).unwrap();
    assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap());
}

#[test]
fn unknown_fields_survive_a_load_and_save() {
    let json = r#"{"format": "fitcanvas", "version": 1, "zeta": {"nested": [1, 2.5, null]}, "alpha": true,
        "jobs": [{"id": "j", "text": "x", "votes": 4, "status": "validated"}],
        "products": [{"id": "p", "text": "y", "addresses": ["j"], "price": "9 EUR"}]}"#;
    let canvas = format::from_slice(json.as_bytes()).unwrap();
    let saved = format::to_string(&canvas);
    let value: serde_json::Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(value["zeta"]["nested"][1], 2.5);
    assert_eq!(value["alpha"], true);
    assert_eq!(value["jobs"][0]["votes"], 4);
    assert_eq!(value["jobs"][0]["status"], "validated");
    assert_eq!(value["products"][0]["price"], "9 EUR");
    // Unknown keys come after the known ones, sorted, so the order is stable.
    let alpha = saved.find("\"alpha\"").unwrap();
    let zeta = saved.find("\"zeta\"").unwrap();
    assert!(saved.find("\"gain_creators\"").unwrap() < alpha && alpha < zeta);
    assert_eq!(format::from_slice(saved.as_bytes()).unwrap(), canvas);
}

#[test]
fn missing_arrays_weights_and_kinds_take_their_defaults() {
    let json = r#"{"format": "fitcanvas", "version": 1, "pains": [{"id": "p", "text": "x"}]}"#;
    let canvas = format::from_slice(json.as_bytes()).unwrap();
    let pain = canvas.item("p").unwrap();
    assert_eq!(pain.weight(), 3);
    assert_eq!(pain.kind(), Some(fitcanvas_model::Kind::Obstacle));
    assert!(canvas.items(Section::Jobs).is_empty());
    assert_eq!(canvas.title(), "");
}

#[test]
fn save_replaces_the_old_file_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("canvas.json");
    fs::write(&path, "old contents").unwrap();
    format::save_file(&path, &sample()).unwrap();
    assert_eq!(format::load_file(&path).unwrap(), sample());
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["canvas.json"]);
}

#[cfg(unix)]
#[test]
fn save_keeps_the_permissions_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.json");
    fs::write(&path, "{}").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    format::save_file(&path, &sample()).unwrap();
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o644
    );
}

#[cfg(unix)]
#[test]
fn a_new_file_gets_ordinary_document_permissions_not_private_ones() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.json");
    format::save_file(&path, &sample()).unwrap();
    // The same mode any program gets for a new file here (0666 less the umask), not the
    // private 0600 of a temporary file.
    let reference = dir.path().join("reference.txt");
    fs::File::create(&reference).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), mode(&reference));
}

#[test]
fn save_into_a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/folder/canvas.json");
    let err = format::save_file(&path, &sample()).unwrap_err();
    assert!(err.to_string().starts_with("could not save "), "{err}");
    assert!(!path.exists());
}

#[test]
fn save_over_a_folder_fails_and_keeps_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let err = format::save_file(dir.path(), &sample()).unwrap_err();
    assert!(err.to_string().contains("folder"), "{err}");
    assert!(dir.path().is_dir());
}

#[test]
fn a_folder_is_not_a_canvas() {
    let dir = tempfile::tempdir().unwrap();
    let err = load_error(dir.path());
    assert!(matches!(err, LoadError::IsDirectory));
    assert_eq!(err.to_string(), "this is a folder, not a canvas file");
}

#[test]
fn a_missing_file_is_a_read_error_naming_the_file() {
    let path = Path::new("/definitely/not/here.json");
    let e = format::load_file(path).unwrap_err();
    // In plain words, without the system's "(os error 2)".
    assert_eq!(
        e.to_string(),
        "/definitely/not/here.json: could not read the file: there is no such file or folder"
    );
}

#[test]
fn keeping_a_file_beside_holds_it_byte_for_byte_and_never_replaces_another() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    fs::write(&path, "the file").unwrap();
    let first = format::keep_beside(&path, "broken", b"<<<<<<< one").unwrap();
    let second = format::keep_beside(&path, "broken", b"<<<<<<< two").unwrap();
    assert_eq!(first, dir.path().join("plan.json.broken"));
    assert_eq!(second, dir.path().join("plan.json.broken-2"));
    assert_eq!(fs::read(&first).unwrap(), b"<<<<<<< one");
    assert_eq!(fs::read(&second).unwrap(), b"<<<<<<< two");
    assert_eq!(fs::read(&path).unwrap(), b"the file");
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".fitcanvas-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_file_over_64_mib_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    // A sparse file: large on paper, nothing written, so the test stays fast.
    fs::File::create(&path)
        .unwrap()
        .set_len(format::MAX_FILE_SIZE + 1)
        .unwrap();
    let err = load_error(&path);
    assert_eq!(
        err.to_string(),
        "the file is 65 MiB; Fitcanvas opens canvas files of up to 64 MiB"
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_instead_of_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pipe.json");
    let status = std::process::Command::new("mkfifo").arg(&path).status();
    if !status.is_ok_and(|s| s.success()) {
        return; // no mkfifo on this system; the metadata check is covered by the folder test
    }
    assert!(matches!(load_error(&path), LoadError::NotRegularFile));
}

#[test]
fn a_rejected_file_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    let bad = b"{\"format\": \"fitcanvas\", \"version\": 1, \"jobs\": [{\"id\": \"a\", \"text\": \"x\", \"weight\": 9}]}";
    fs::write(&path, bad).unwrap();
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    load_error(&path);
    assert_eq!(fs::read(&path).unwrap(), bad);
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_writes_the_file_it_points_to_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    fs::create_dir(&shared).unwrap();
    let target = shared.join("plan.json");
    format::save_file(&target, &Canvas::new()).unwrap();
    // A relative link in another folder, and a link to that link.
    let link = dir.path().join("plan-link.json");
    std::os::unix::fs::symlink("shared/plan.json", &link).unwrap();
    let link2 = dir.path().join("plan-link2.json");
    std::os::unix::fs::symlink(&link, &link2).unwrap();
    for path in [&link, &link2] {
        let mut c = sample();
        c.set_title(path.display().to_string());
        format::save_file(path, &c).unwrap();
        assert!(fs::symlink_metadata(path).unwrap().file_type().is_symlink());
        assert_eq!(format::load_file(&target).unwrap(), c);
    }
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("shared/plan.json"));
    // The temporary file went next to the target and is gone.
    let names: Vec<_> = fs::read_dir(&shared)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["plan.json"]);
    // A link whose file does not exist yet creates it.
    let dangling = dir.path().join("new-link.json");
    std::os::unix::fs::symlink("shared/new.json", &dangling).unwrap();
    format::save_file(&dangling, &sample()).unwrap();
    assert_eq!(
        format::load_file(&shared.join("new.json")).unwrap(),
        sample()
    );
    // A loop of links is an error, not a hang.
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    assert!(format::save_file(&a, &sample()).is_err());
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_overwritten() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.json");
    format::save_file(&path, &Canvas::new()).unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    // Even for root, who could write it and could always rename over it.
    let err = format::save_file(&path, &sample()).unwrap_err();
    assert_eq!(err.source.kind(), std::io::ErrorKind::PermissionDenied);
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    // Through a link too.
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    assert!(format::save_file(&link, &sample()).is_err());
    assert_eq!(fs::read(&path).unwrap(), before);
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".fitcanvas-save-")),
        "{names:?}"
    );
}

#[test]
fn fmt_never_rewrites_a_file_with_a_key_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hand-merged.json");
    let text = "{\"format\": \"fitcanvas\", \"version\": 1,\n \"jobs\": [{\"id\": \"a\", \"text\": \"mine\"}],\n \"jobs\": [{\"id\": \"b\", \"text\": \"theirs\"}]}";
    fs::write(&path, text).unwrap();
    let cli = fitcanvas::cli::Command::Fmt {
        check: false,
        files: vec![path.clone()],
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(fitcanvas::cli::run(&cli, &mut out, &mut err), 1);
    assert!(String::from_utf8_lossy(&err).contains("\"jobs\" appears twice"));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}
