//! The preview's HTTP answers, and the server loop (tiny_http on 127.0.0.1).
//!
//! Only five kinds of path exist: `/` (the index), `/<publication>.html` (from memory, with the
//! live script added), `/<publication>.pdf` (made from memory when asked for),
//! `/__helpdoc/live.js` and `/__helpdoc/status` (a long poll the page uses to reload or show the
//! error overlay). A request whose `Host` is not this server's loopback
//! address is refused, so a web page cannot reach the preview through DNS rebinding.

use std::sync::Arc;
use std::time::Duration;

use super::{Preview, Status};
use crate::text::html_escape::escape_text;

/// The browser side: reload keeping the scroll position, and the error overlay.
const LIVE_JS: &str = include_str!("live.js");

/// How long a status request waits for a change before answering anyway.
const POLL: Duration = Duration::from_secs(20);

/// An HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    fn text(status: u16, message: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: format!("{message}\n").into_bytes(),
        }
    }
}

/// Whether `host` (the `Host` header) names this server: `127.0.0.1`, `localhost` or `[::1]`
/// with its port.
pub fn is_own_host(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return false;
    };
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host.eq_ignore_ascii_case(&format!("{name}:{port}")))
}

/// The answer to `method url` sent with `host`, for a server on `port`. A status request may
/// block for up to twenty seconds, waiting for a change.
pub fn respond(preview: &Preview, method: &str, url: &str, host: Option<&str>, port: u16) -> Reply {
    if !is_own_host(host, port) {
        return Reply::text(403, "the preview answers only to 127.0.0.1 and localhost");
    }
    if method != "GET" && method != "HEAD" {
        return Reply::text(405, "the preview is read-only");
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    match path {
        "/" => index(preview),
        "/__helpdoc/live.js" => Reply {
            status: 200,
            content_type: "text/javascript; charset=utf-8",
            body: LIVE_JS.as_bytes().to_vec(),
        },
        "/__helpdoc/status" => {
            let since = query
                .split('&')
                .find_map(|pair| pair.strip_prefix("since="))
                .and_then(|v| v.parse::<u64>().ok());
            let status = match since {
                Some(since) => preview.wait_change(since, POLL),
                None => preview.status(),
            };
            Reply {
                status: 200,
                content_type: "application/json",
                body: serde_json::to_vec(&status).unwrap_or_default(),
            }
        }
        _ if path.ends_with(".pdf") => match path.strip_prefix('/').and_then(|p| preview.pdf(p)) {
            Some(Ok(pdf)) => Reply {
                status: 200,
                content_type: "application/pdf",
                body: pdf.to_vec(),
            },
            Some(Err(message)) => Reply::text(500, &format!("the PDF failed: {message}")),
            None => Reply::text(404, "no such PDF in the preview"),
        },
        _ => match path
            .strip_prefix('/')
            .and_then(|name| preview.page(name).map(|p| (name, p)))
        {
            Some((_, (page, status))) => Reply {
                status: 200,
                content_type: "text/html; charset=utf-8",
                body: with_live_script(&page.html, &status),
            },
            None => Reply::text(404, "no such page in the preview"),
        },
    }
}

/// The tag that loads the live script, telling it which render the page comes from.
fn live_tag(status: &Status) -> String {
    format!(
        "<script src=\"/__helpdoc/live.js\" data-good=\"{}\"></script>",
        status.good
    )
}

/// `html` with the live script before its last `</body>` (or at the end).
fn with_live_script(html: &[u8], status: &Status) -> Vec<u8> {
    let tag = live_tag(status);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The index: a link to each publication's page.
fn index(preview: &Preview) -> Reply {
    let (pages, status) = preview.index();
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>helpdoc preview</title></head><body><main><h1>helpdoc preview</h1>",
    );
    if pages.is_empty() {
        html.push_str("<p>No preview yet: fix the problems shown, and it appears.</p>");
    } else {
        html.push_str("<ul>");
        for (path, title, pdf) in &pages {
            html.push_str(&format!(
                "<li><a href=\"/{}\">{}</a>",
                escape_text(path),
                escape_text(title)
            ));
            if let Some(pdf) = pdf {
                html.push_str(&format!(
                    " (<a href=\"/{}\">PDF</a>, made when opened)",
                    escape_text(pdf)
                ));
            }
            html.push_str("</li>");
        }
        html.push_str("</ul>");
    }
    html.push_str("</main>");
    html.push_str(&live_tag(&status));
    html.push_str("</body></html>\n");
    Reply {
        status: 200,
        content_type: "text/html; charset=utf-8",
        body: html.into_bytes(),
    }
}

/// Answers requests until the server fails; each request gets a thread (status requests wait).
pub fn serve(server: tiny_http::Server, preview: Arc<Preview>, port: u16) {
    for request in server.incoming_requests() {
        let preview = Arc::clone(&preview);
        std::thread::spawn(move || {
            let host = request
                .headers()
                .iter()
                .find(|h| h.field.equiv("Host"))
                .map(|h| h.value.as_str().to_string());
            let reply = respond(
                &preview,
                request.method().as_str(),
                request.url(),
                host.as_deref(),
                port,
            );
            let headers = [
                ("Content-Type", reply.content_type),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ];
            let mut response =
                tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
            for (name, value) in headers {
                if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
                {
                    response.add_header(header);
                }
            }
            let _ = request.respond(response);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn preview() -> Preview {
        let preview = Preview::new();
        let mut pages = BTreeMap::new();
        pages.insert(
            "guide.html".to_string(),
            super::super::Page {
                title: "Guide <1>".into(),
                html: std::sync::Arc::new(b"<html><body><p>Hi</p></body></html>".to_vec()),
            },
        );
        preview.update(Ok(super::super::Good::pages(pages)));
        preview
    }

    #[test]
    fn only_the_preview_is_served_and_only_to_its_own_host() {
        let preview = preview();
        let host = Some("127.0.0.1:4000");
        let page = respond(&preview, "GET", "/guide.html", host, 4000);
        assert_eq!(page.status, 200);
        assert_eq!(
            String::from_utf8(page.body).expect("utf-8"),
            "<html><body><p>Hi</p><script src=\"/__helpdoc/live.js\" data-good=\"1\"></script></body></html>"
        );
        for path in [
            "/../Cargo.toml",
            "/etc/passwd",
            "/guide.html/x",
            "//guide.html",
            "/content/a.yaml",
        ] {
            assert_eq!(
                respond(&preview, "GET", path, host, 4000).status,
                404,
                "{path}"
            );
        }
        for bad in [
            None,
            Some("evil.example:4000"),
            Some("127.0.0.1:4001"),
            Some("localhost"),
        ] {
            assert_eq!(
                respond(&preview, "GET", "/guide.html", bad, 4000).status,
                403,
                "{bad:?}"
            );
        }
        assert_eq!(
            respond(&preview, "POST", "/", Some("localhost:4000"), 4000).status,
            405
        );
        let index =
            String::from_utf8(respond(&preview, "GET", "/", host, 4000).body).expect("utf-8");
        assert!(index.contains("Guide &lt;1&gt;"), "{index}");
    }

    #[test]
    fn problems_keep_the_last_good_pages() {
        let preview = preview();
        preview.update(Err(vec![super::super::Problem {
            file: Some("a.yaml".into()),
            line: Some(2),
            column: Some(3),
            message: "<b>bad</b>".into(),
            help: None,
        }]));
        let status = preview.status();
        assert_eq!((status.version, status.good), (2, 1));
        assert_eq!(
            respond(&preview, "GET", "/guide.html", Some("localhost:1"), 1).status,
            200
        );
        let answered = respond(
            &preview,
            "GET",
            "/__helpdoc/status?since=1",
            Some("localhost:1"),
            1,
        );
        let json: serde_json::Value = serde_json::from_slice(&answered.body).expect("json");
        assert_eq!(json["problems"][0]["message"], "<b>bad</b>");
    }
}
