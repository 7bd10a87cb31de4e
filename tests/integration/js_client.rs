//! The JS client (`clients/js`): its `node --test` suite (the shared lookup vectors, the types
//! drift test) runs as part of the Rust suite.

use crate::support::repo;

#[test]
fn js_client_passes_its_node_tests() {
    let dir = repo().join("clients/js");
    assert!(
        dir.join("node_modules/json-schema-to-typescript").is_dir(),
        "clients/js has no dev dependencies: run .ci/install-test-tools"
    );
    let output = std::process::Command::new("node")
        .arg("--test")
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node (run .ci/install-test-tools first): {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "node --test failed in clients/js:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("# fail 0"), "{stdout}");
}
