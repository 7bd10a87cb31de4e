//! The `<helpdoc-help>` web component (`clients/js`): its demo, fed the shipped content's bundle,
//! passes `tests/clients/help-component.mjs` in headless Chromium (lookups, axe, keyboard, screenshots).

use crate::support::{build_shipped, client, client_script};

#[test]
fn help_component_demo_passes_in_headless_chromium() {
    let (temp, out) = build_shipped(&["--format", "json"]);
    let bundle = out.join("json/in-product-help.json");
    let shots = temp.path().join("screenshots");
    std::fs::create_dir(&shots).expect("screenshot folder");
    let script = client_script("help-component.mjs");
    let run = client(
        "node",
        &[
            &script,
            &bundle.to_string_lossy(),
            "--screenshots",
            &shots.to_string_lossy(),
        ],
    );
    assert!(
        run.code == 0 && run.stdout.contains("# fail 0"),
        "help-component.mjs failed:\n{}{}",
        run.stdout,
        run.stderr
    );
    for name in ["desktop.png", "phone.png"] {
        let png = std::fs::read(shots.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(png.starts_with(b"\x89PNG"), "{name} is not a PNG");
    }
}
