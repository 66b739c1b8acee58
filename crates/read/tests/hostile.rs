//! Hostile input (truncated and deeply nested XML, entity and gzip bombs, binary and empty
//! files, huge lines, invalid UTF-8, bad JSON lines, dates that do not exist): every case
//! gives a clear `ReadError` naming the file (and the line or byte where there is one), in
//! bounded time and memory, never a panic. The last test feeds deterministic pseudo-random
//! mutations of the project's fixtures (bit flips, truncations, splices, byte insertions) to
//! every reader: the stable-toolchain companion of the cargo-fuzz targets in `fuzz/`.

use std::path::Path;
use std::time::{Duration, Instant};

use newsidx_read::{ErrorKind, FileRead, Location, Readers};

fn read(name: &str, data: &[u8]) -> FileRead {
    Readers::new().read_bytes(Path::new(name), data)
}

/// The file read to nothing, with a first error of `kind` that names it.
fn refused(file: &FileRead, kind: ErrorKind) -> &newsidx_read::ReadError {
    assert!(file.stories.is_empty(), "{:?}", file.stories);
    let error = file.errors.first().expect("an error");
    assert_eq!(error.kind, kind, "{error}");
    assert!(
        error.to_string().starts_with(&*file.path.to_string_lossy()),
        "{error}"
    );
    error
}

#[test]
fn truncated_xml_names_the_byte() {
    let nitf = include_bytes!("fixtures/nitf-sample.xml");
    let cut = &nitf[..nitf.len() * 2 / 3];
    let file = read("cut.xml", cut);
    let e = refused(&file, ErrorKind::Malformed);
    assert!(matches!(e.location, Some(Location::Byte(_))), "{e}");
}

#[test]
fn an_entity_bomb_fails_fast() {
    let mut bomb =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n<!ENTITY a \"aaaaaaaaaa\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "a".to_string()
        } else {
            format!("a{}", i - 1)
        };
        bomb.push_str(&format!(
            "<!ENTITY a{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    bomb.push_str("]>\n<nitf><body><body.content><p>&a9;</p></body.content></body></nitf>");
    let started = Instant::now();
    let file = read("bomb.xml", bomb.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(1));
    let e = refused(&file, ErrorKind::Malformed);
    assert!(e.message.contains("entity expansion is disabled"), "{e}");
}

#[test]
fn deeply_nested_xml_hits_the_depth_limit() {
    let deep = format!("<newsItem>{}", "<p>".repeat(100_000));
    let file = read("deep.xml", deep.as_bytes());
    let e = refused(&file, ErrorKind::TooLarge);
    assert!(e.message.contains("nested deeper than 256"), "{e}");
    assert!(matches!(e.location, Some(Location::Byte(_))));
}

#[test]
fn binary_files_under_story_names_are_refused() {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7 % 256) as u8));
    for name in [
        "photo.txt",
        "photo.xml",
        "photo.json",
        "photo.sgm",
        "photo.tst",
    ] {
        let file = read(name, &png);
        assert!(file.stories.is_empty(), "{name}");
        assert!(!file.errors.is_empty(), "{name}");
        assert_eq!(file.errors[0].path, Path::new(name));
    }
}

#[test]
fn empty_files_are_reported() {
    for name in ["e.txt", "e.xml", "e.jsonl", "e.json", "e.sgm", "e"] {
        let file = read(name, b"");
        assert!(file.stories.is_empty(), "{name}");
        assert!(!file.errors.is_empty(), "{name}: no error");
    }
}

#[test]
fn a_huge_line_is_refused_quickly() {
    // The 100 MB case runs the same code path; 16 MB keeps the test fast.
    let data = vec![b'a'; 16 * 1024 * 1024];
    let started = Instant::now();
    let file = read("oneline.txt", &data);
    assert!(started.elapsed() < Duration::from_secs(2));
    let e = refused(&file, ErrorKind::NotAStory);
    assert_eq!(e.location, Some(Location::Line(1)));
}

#[test]
fn invalid_utf8_and_nul_bytes() {
    let file = read(
        "latin.txt",
        b"Caf\xe9 au lait\n\nM\xfcnchen \xff\xfe story.\n",
    );
    assert_eq!(file.stories[0].title, "Café au lait");
    let file = read("nul.txt", b"Title\n\nBody\0with a NUL.\n");
    refused(&file, ErrorKind::Unrecognised);
    let file = read("nul.xml", b"<nitf><body>\0</body></nitf>");
    assert!(file.stories.is_empty());
    assert!(!file.errors.is_empty());
}

#[test]
fn bad_json_lines_are_reported_and_the_rest_read() {
    let data =
        b"{\"title\":\"a\",\"body\":\"b\"}\n{broken\n\xff\xfe\n{\"title\":\"c\",\"body\":\"d\"}\n";
    let file = read("mixed.jsonl", data);
    assert_eq!(file.stories.len(), 2);
    let lines: Vec<_> = file.errors.iter().map(|e| e.location).collect();
    assert_eq!(lines, [Some(Location::Line(2)), Some(Location::Line(3))]);
}

#[test]
fn dates_that_do_not_exist_are_reported() {
    let file = read("d.txt", b"Title\n\n2021-02-31\n\nBody.\n");
    assert_eq!(file.errors[0].kind, ErrorKind::BadValue);
    assert_eq!(file.errors[0].location, Some(Location::Line(3)));
    let file = read(
        "d.json",
        br#"{"uri":"u","headline":"h","body_text":"b","firstcreated":"2021-02-31T00:00:00Z"}"#,
    );
    assert_eq!(file.stories.len(), 1);
    assert_eq!(file.errors[0].kind, ErrorKind::BadValue);
}

#[test]
fn a_gzip_bomb_is_too_large() {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    for _ in 0..64 {
        encoder.write_all(&[b'a'; 1024 * 1024]).unwrap();
    }
    let bomb = encoder.finish().unwrap();
    let file = Readers::new()
        .max_file_bytes(4 * 1024 * 1024)
        .read_bytes(Path::new("bomb.txt.gz"), &bomb);
    refused(&file, ErrorKind::TooLarge);
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 => data.truncate(rng.below(data.len() + 1)),
            2 if !other.is_empty() => {
                let at = rng.below(data.len() + 1);
                let from = rng.below(other.len());
                let len = rng.below(other.len() - from + 1).min(512);
                data.splice(at..at, other[from..from + len].iter().copied());
            }
            3 => {
                let at = rng.below(data.len() + 1);
                let byte = [
                    0u8, b'<', b'>', b'&', b'"', b'\n', 0x02, 0x03, 0xff, b'{', b'}',
                ][rng.below(11)];
                data.insert(at, byte);
            }
            4 if !data.is_empty() => {
                let from = rng.below(data.len());
                let to = (from + rng.below(64)).min(data.len());
                data.drain(from..to);
            }
            _ => {
                let at = rng.below(data.len() + 1);
                data.splice(
                    at..at,
                    b"<p><p><![CDATA[&#0;&#xD800;&unknown;]]>".iter().copied(),
                );
            }
        }
    }
    data
}

#[test]
fn mutated_fixtures_never_panic() {
    let seeds: &[(&str, &[u8])] = &[
        ("m.sgm", include_bytes!("fixtures/reuters-sample.sgm")),
        ("m.xml", include_bytes!("fixtures/nitf-sample.xml")),
        ("n.xml", include_bytes!("fixtures/newsml-message.xml")),
        ("a.xml", include_bytes!("fixtures/atom-sample.xml")),
        ("r.xml", include_bytes!("fixtures/rbnews-sample.xml")),
        ("m.txt", include_bytes!("../../../corpus/000_9d45f85104269f96.txt")),
        (
            "m.json",
            br#"{"uri":"u1","type":"text","headline":"H","body_html":"<p>One &amp; two</p>","firstcreated":"2021-09-25T09:15:00+0000","subject":[{"name":"x"}]}"#,
        ),
        (
            "m.jsonl",
            b"{\"title\":\"a\",\"body\":\"b\",\"date\":\"2021-09-25\"}\n{\"headline\":\"c\",\"text\":\"d\"}\n",
        ),
        (
            "m.tst",
            b"\x16\x16\x01W1\x1fx\nf l BC-LT--Mali     11-13 1049\n\x02\x02BC-LT--Mali,466<\n^Title<\n^By A B=\n\t   BAMAKO (AP) _ Body.\n\x03",
        ),
    ];
    let readers = Readers::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let rounds: usize = std::env::var("NEWSIDX_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let mut stories = 0;
    for round in 0..rounds {
        let (name, seed) = seeds[round % seeds.len()];
        let other = seeds[rng.below(seeds.len())].1;
        let data = mutate(&mut rng, seed, other);
        // Each mutant is read under its own name and under every other format's name, so
        // every reader sees every kind of damage.
        let (other_name, _) = seeds[rng.below(seeds.len())];
        for name in [name, other_name] {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                readers.read_bytes(Path::new(name), &data)
            }));
            match result {
                Ok(file) => {
                    stories += file.stories.len();
                    for e in &file.errors {
                        assert_eq!(e.path, Path::new(name));
                    }
                }
                Err(_) => panic!(
                    "round {round}: reader panicked on {name}, input {:?}",
                    String::from_utf8_lossy(&data)
                ),
            }
        }
    }
    assert!(stories > 0, "mutants should still often give stories");
}
