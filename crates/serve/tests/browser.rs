//! Browser tests: the web page in a real headless Chromium, driven over WebDriver
//! (chromedriver), as a person would use it. Screenshots are kept as test output in
//! `target/tmp/newsidx-browser/` (or `$NEWSIDX_SCREENSHOTS`).
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Without
//! chromedriver the test fails under CI (`CI` set) and is skipped with a message elsewhere.

mod common;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{index_corpus, start, SEED};
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::{Client, ClientBuilder, Locator};
use newsidx_serve::Config;
use serde_json::json;

/// chromedriver, killed when the test ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn chromedriver() -> Option<PathBuf> {
    let path = std::env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"));
    path.exists().then_some(path)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn screenshots() -> PathBuf {
    let dir = std::env::var_os("NEWSIDX_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("newsidx-browser"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    let path = screenshots().join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

/// Polls `check` (a JavaScript expression) until it is true, for at most 20 s.
async fn until(client: &Client, what: &str, check: &str) {
    let start = Instant::now();
    loop {
        let v = client
            .execute(&format!("return !!({check});"), vec![])
            .await
            .unwrap();
        if v == json!(true) {
            return;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let body = client
                .execute("return document.body.innerText;", vec![])
                .await
                .unwrap();
            panic!("waited 20 s for {what} ({check}); the page says:\n{body}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens `url` and waits until `check` holds (see [`until`]).
async fn open(client: &Client, url: &str, what: &str, check: &str) {
    client.goto(url).await.unwrap();
    until(client, what, check).await;
}

/// Clicks the element `css` finds.
async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

async fn js(client: &Client, script: &str) -> serde_json::Value {
    client.execute(script, vec![]).await.unwrap()
}

#[test]
fn the_page_searches_filters_and_shows_stories_in_a_real_browser() {
    let Some(driver_path) = chromedriver() else {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
        assert!(
            !ci,
            "chromedriver is missing: CI must install chromium and chromium-driver"
        );
        eprintln!("skipped: no chromedriver (apt-get install chromium chromium-driver)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    index_corpus(dir.path());
    let server = start(dir.path(), Config::default());
    let port = free_port();
    let driver = Driver(
        Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(drive(server, port));
    drop(driver);
}

async fn drive(server: SocketAddr, port: u16) {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({"args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                        "--disable-dev-shm-usage", "--window-size=1280,1000"]}),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a WebDriver session with chromium");
    let base = format!("http://{server}");

    // A shared link opens with its results at once.
    open(
        &client,
        &format!("{base}/?q=Wagner+Mali"),
        "the hits",
        "document.querySelectorAll('#hits li').length >= 10",
    )
    .await;
    let text = js(&client, "return document.body.innerText;").await;
    let text = text.as_str().unwrap();
    assert!(
        text.contains("Mali approached Russian companies, Moscow not involved: Lavrov"),
        "{text}"
    );
    assert!(
        text.contains("Mali (ML)"),
        "country facet with names: {text}"
    );
    let summary = js(
        &client,
        "return document.getElementById('summary').innerText;",
    )
    .await;
    assert!(
        summary.as_str().unwrap().starts_with("26 stories"),
        "{summary}"
    );
    assert_eq!(
        js(
            &client,
            "return document.querySelectorAll('#hits mark').length > 0;"
        )
        .await,
        json!(true),
        "matched words are marked"
    );
    shot(&client, "1-search.png").await;

    // Tick a country: the URL and the hits follow.
    click(&client, "#facets input[id^='f-country-'][value='NE']").await;
    until(
        &client,
        "the URL to hold the filter",
        "location.search.includes('country=NE')",
    )
    .await;
    until(
        &client,
        "fewer hits",
        "document.getElementById('summary').innerText.startsWith('6 stories')",
    )
    .await;
    let all_ne = js(
        &client,
        "return [...document.querySelectorAll('#hits li .tags')].every(t => / NE\\b/.test(t.innerText));",
    )
    .await;
    assert_eq!(all_ne, json!(true), "every hit is about Niger");
    let checked = js(
        &client,
        "return document.querySelector(\"#facets input[value='NE']\").checked;",
    )
    .await;
    assert_eq!(checked, json!(true));
    // The filter in force shows as a chip above the hits (on a phone the facets are below).
    let chips = js(
        &client,
        "return [...document.querySelectorAll('#chips button')].map(b => b.innerText);",
    )
    .await;
    assert_eq!(chips, json!(["Country: Niger (NE) ✕"]));
    shot(&client, "2-country-ne.png").await;
    // A link naming the country ("Niger") ticks the same box: the page shows what the filter
    // resolved to, not a second entry for the name as typed.
    open(
        &client,
        &format!("{base}/?q=Wagner+Mali&country=Niger"),
        "the filtered hits from a link",
        "document.getElementById('summary').innerText.startsWith('6 stories')",
    )
    .await;
    let boxes = js(
        &client,
        "return [...document.querySelectorAll(\"#facets input[id^='f-country-']:checked\")].map(b => b.value);",
    )
    .await;
    assert_eq!(boxes, json!(["NE"]), "the name resolves to its code's box");
    // Its chip removes the filter as typed.
    click(
        &client,
        "#chips button[aria-label='Remove Country: Niger (NE)']",
    )
    .await;
    until(
        &client,
        "the chip to remove the filter",
        "!location.search.includes('country=') && document.getElementById('summary').innerText.startsWith('26 stories')",
    )
    .await;
    client.back().await.unwrap();
    client.back().await.unwrap();
    // Back gives the unfiltered search again.
    client.back().await.unwrap();
    until(
        &client,
        "the unfiltered results",
        "document.getElementById('summary').innerText.startsWith('26 stories')",
    )
    .await;

    // Drag across the histogram: from and to are set from the buckets.
    let chart = client.find(Locator::Css("#chart")).await.unwrap();
    let width = js(
        &client,
        "return document.getElementById('chart').getBoundingClientRect().width;",
    )
    .await
    .as_f64()
    .unwrap();
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement {
            element: chart.clone(),
            duration: None,
            x: -width * 0.45,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveToElement {
            element: chart,
            duration: Some(Duration::from_millis(200)),
            x: -width * 0.05,
            y: 0.0,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    client.perform_actions(drag).await.unwrap();
    until(
        &client,
        "a date range from the drag",
        "location.search.includes('from=') && location.search.includes('to=')",
    )
    .await;
    until(
        &client,
        "the narrowed hits",
        "!document.getElementById('summary').innerText.startsWith('26 stories')",
    )
    .await;
    shot(&client, "3-dragged-dates.png").await;

    // A syntax error is shown at its position.
    open(
        &client,
        &format!("{base}/"),
        "the page",
        "document.getElementById('q') !== null",
    )
    .await;
    // "/" focuses the search box.
    let body = client.find(Locator::Css("body")).await.unwrap();
    body.send_keys("/").await.unwrap();
    assert_eq!(
        js(&client, "return document.activeElement.id;").await,
        json!("q")
    );
    let q = client.find(Locator::Id("q")).await.unwrap();
    q.send_keys("wagner (mali\n").await.unwrap();
    until(
        &client,
        "the error",
        "!document.getElementById('error').hidden",
    )
    .await;
    let error = js(
        &client,
        "return document.getElementById('error').innerText;",
    )
    .await;
    let error = error.as_str().unwrap();
    assert!(error.contains("character 13"), "{error}");
    assert!(error.contains("wagner (mali\n            ^"), "{error}");
    assert_eq!(
        js(&client, "return document.getElementById('exports').hidden && document.querySelectorAll('#pager button, #hits li').length === 0;").await,
        json!(true),
        "no stale results, pager or export links under an error"
    );
    shot(&client, "4-syntax-error.png").await;

    // A story: its text with the entities marked, and its related stories.
    open(
        &client,
        &format!("{base}/?story={SEED}"),
        "the story",
        "document.querySelector('#story h1') !== null",
    )
    .await;
    until(
        &client,
        "related stories",
        "document.querySelectorAll('#related li a').length > 0",
    )
    .await;
    let marks = js(
        &client,
        "return [...document.querySelectorAll('#story .text mark.person')].map(m => m.innerText);",
    )
    .await;
    assert!(
        marks
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "Sergey Lavrov"),
        "{marks}"
    );
    shot(&client, "5-story.png").await;

    // At a phone's width nothing runs off the side.
    client.set_window_size(390, 844).await.unwrap();
    open(
        &client,
        &format!("{base}/?q=Wagner+Mali"),
        "the hits",
        "document.querySelectorAll('#hits li').length >= 10",
    )
    .await;
    let overflow = js(
        &client,
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
    )
    .await;
    assert!(
        overflow.as_f64().unwrap() <= 1.0,
        "horizontal overflow {overflow}"
    );
    shot(&client, "6-phone.png").await;
    client.close().await.unwrap();
}
