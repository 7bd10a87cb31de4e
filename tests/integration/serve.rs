//! `helpdoc serve` in a real browser: an edit reaches the open page with its scroll position
//! kept, a broken file shows the error overlay with its file and line, and fixing it removes it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::{client, client_script, helpdoc_in};

/// Ends the server however the test ends.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_reloads_keeping_the_scroll_and_shows_errors_until_fixed() {
    let temp = tempfile::tempdir().expect("temp");
    let content = temp.path().join("content");
    std::fs::create_dir_all(&content).expect("mkdir");
    let mut topic = String::from(
        "kind: concept\nid: web-services\ntitle: What is Web Services?\nanswer:\n  - paragraph: Marker one.\n",
    );
    for n in 0..80 {
        topic.push_str(&format!(
            "  - paragraph: Paragraph {n} makes the page long enough to scroll.\n"
        ));
    }
    std::fs::write(content.join("topic.yaml"), topic).expect("write");
    std::fs::write(
        content.join("guide.yaml"),
        "kind: publication\nid: guide\ntitle: Guide\nsections:\n  - id: basics\n    title: Basics\n    topics: [web-services]\n",
    )
    .expect("write");
    let mut child = helpdoc_in(temp.path())
        .args(["serve", "--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let _serving = Serving(child);
    let (found, address) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("previewing at ") {
                let _ = found.send(rest.split(' ').next().unwrap_or_default().to_string());
            }
        }
    });
    let url = address
        .recv_timeout(Duration::from_secs(60))
        .expect("serve prints its address");
    let page = format!("{url}guide.html");
    let checked = client(
        "node",
        &[
            &client_script("serve-check.mjs"),
            &page,
            &content.join("topic.yaml").to_string_lossy(),
        ],
    );
    assert_eq!(checked.code, 0, "{}\n{}", checked.stdout, checked.stderr);
    assert!(checked.stdout.contains("scroll kept"), "{}", checked.stdout);
}
