//! `helpdoc serve` in a real browser: an edit reaches the open page with its scroll position
//! kept, a broken file shows the error overlay with its file and line, and fixing it removes it;
//! `--open` starts the browser on the preview, and the index offers each publication's PDF.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::pdf::pdf_tool;
use crate::support::{client, client_script, helpdoc_in};

/// Ends the server however the test ends.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `helpdoc serve --port 0 EXTRA...` in `dir` with `env`; returns the running server and
/// the address it prints.
fn start_serve(dir: &std::path::Path, env: &[(&str, &std::path::Path)]) -> (Serving, String) {
    let mut command = helpdoc_in(dir);
    command.args(["serve", "--port", "0"]);
    if !env.is_empty() {
        command.arg("--open");
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let serving = Serving(child);
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
    (serving, url)
}

/// `GET url` (an `http://127.0.0.1:PORT/...` address); returns the status line and the body.
fn get(url: &str) -> (String, Vec<u8>) {
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, path) = rest.split_once('/').expect("a path");
    let mut stream = std::net::TcpStream::connect(host).expect("connects");
    write!(
        stream,
        "GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("answer");
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers end");
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let status = head.lines().next().unwrap_or_default().to_string();
    (status, answer[split + 4..].to_vec())
}

/// A two-file project: one concept, one publication `guide`.
fn small_project(content: &std::path::Path) {
    std::fs::create_dir_all(content).expect("mkdir");
    std::fs::write(
        content.join("topic.yaml"),
        "kind: concept\nid: web-services\ntitle: What is Web Services?\nanswer:\n  - paragraph: Marker one.\n",
    )
    .expect("write");
    std::fs::write(
        content.join("guide.yaml"),
        "kind: publication\nid: guide\ntitle: Guide\nsections:\n  - id: basics\n    title: Basics\n    topics: [web-services]\n",
    )
    .expect("write");
}

#[test]
fn serve_opens_the_browser_and_makes_the_pdf_when_asked() {
    let temp = tempfile::tempdir().expect("temp");
    small_project(&temp.path().join("content"));
    // A stand-in browser that records the address it is asked to open. It writes a scratch file
    // and renames it, so the test never reads the record half-written (the shell creates the
    // redirection's file, empty, before `printf` runs).
    let opened = temp.path().join("opened.txt");
    let browser = temp.path().join("browser.sh");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > '{0}.part' && mv '{0}.part' '{0}'\n",
            opened.display()
        ),
    )
    .expect("write");
    let mut permissions = std::fs::metadata(&browser).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&browser, permissions).expect("chmod");
    let (_serving, url) = start_serve(temp.path(), &[("BROWSER", &browser)]);
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !opened.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        std::fs::read_to_string(&opened).expect("the browser was started"),
        url
    );

    let (status, index) = get(&url);
    assert!(status.contains(" 200 "), "{status}");
    let index = String::from_utf8(index).expect("utf-8");
    assert!(index.contains("href=\"/guide.pdf\""), "{index}");
    let (status, pdf) = get(&format!("{url}guide.pdf"));
    assert!(status.contains(" 200 "), "{status}");
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let file = temp.path().join("guide.pdf");
    std::fs::write(&file, &pdf).expect("write");
    pdf_tool("qpdf", &["--check", &file.to_string_lossy()]);
    let text = pdf_tool("pdftotext", &[&file.to_string_lossy(), "-"]);
    assert!(text.contains("Marker one."), "{text}");
    // Asked again, the same bytes (kept, not made twice); a publication without a PDF is a 404.
    assert_eq!(get(&format!("{url}guide.pdf")).1, pdf);
    assert!(get(&format!("{url}other.pdf")).0.contains(" 404 "));
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
    let (_serving, url) = start_serve(temp.path(), &[]);
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
