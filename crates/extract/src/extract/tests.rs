//! Unit tests of extraction: the ambiguity rules, name rules, scoring and user gazetteers,
//! each named after the behaviour it guards.

use std::path::Path;
use std::sync::OnceLock;

use crate::{Article, Extractor, Mention, MentionKind};

fn ex() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new().expect("embedded gazetteer loads"))
}

#[test]
fn annotate_and_extract_and_annotate_fill_what_extract_finds_for_every_corpus_story() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
        let mut article = Article {
            title: title.to_string(),
            dateline: Some("BAMAKO, Mali".to_string()),
            body: body.to_string(),
            ..Article::default()
        };
        let x = ex().extract(&article);
        // Both at once: the same extraction, and the same fields.
        let mut both = article.clone();
        let y = ex().extract_and_annotate(&mut both);
        assert_eq!(y, x, "{}", path.display());
        ex().annotate(&mut article);
        assert_eq!(both, article, "{}", path.display());
        assert_eq!(article.countries, x.country_codes(), "{}", path.display());
        assert_eq!(article.primary_country, x.primary_country);
        assert_eq!(article.places, x.places);
        assert_eq!(article.people, x.people);
        assert_eq!(article.organisations, x.organisations);
        assert_eq!(article.actors, x.actors);
        checked += usize::from(!x.mentions.is_empty());
    }
    assert!(checked >= 40, "{checked} stories with mentions");
}

/// The seed story of the corpus, split as a reader would: title, standfirst, body.
fn seed() -> Article {
    let text = include_str!("../../../../corpus/000_9d45f85104269f96.txt");
    let mut paras = text.split("\n\n");
    let title = paras.next().unwrap().trim().to_string();
    let standfirst = paras.next().map(|s| s.trim().to_string());
    let body = paras.collect::<Vec<_>>().join("\n\n");
    Article {
        title,
        standfirst,
        body,
        ..Article::default()
    }
}

/// Codes of every country with evidence, about or not, sorted.
fn scored(x: &crate::Extraction) -> Vec<&str> {
    let mut v: Vec<&str> = x.countries.iter().map(|c| c.code.as_str()).collect();
    v.sort_unstable();
    v
}

fn has(v: &[String], s: &str) -> bool {
    v.iter().any(|x| x == s)
}

#[test]
fn the_matcher_is_built_on_the_first_extraction_and_shared_by_clones() {
    let x = Extractor::new().unwrap();
    assert_eq!(x.resolve_country("Malian"), Some("ML"));
    assert_eq!(x.country_name("ML"), Some("Mali"));
    assert_eq!(x.resolve_actor("PMC Wagner"), Some("Wagner Group"));
    assert!(!x.matcher_built(), "the matcher is deferred");
    let clone = x.clone();
    assert_eq!(clone.extract(&seed()), ex().extract(&seed()));
    assert!(x.matcher_built(), "a clone shares the matcher it built");
}

#[test]
fn seed_story_countries_places_people_organisations() {
    let mut a = seed();
    let x = ex().extract(&a);
    ex().annotate(&mut a);
    for code in ["ML", "RU"] {
        assert!(
            has(&a.countries, code),
            "{code} not about: {:?}",
            x.countries
        );
    }
    // Libya (named once, in passing) is evidence, below the "about" model's threshold;
    // every country the story names is scored.
    assert!(!has(&a.countries, "LY"), "{:?}", x.countries);
    assert_eq!(scored(&x), ["AF", "CF", "FR", "LY", "ML", "RU"]);
    for p in ["Bamako", "Moscow", "Sahel"] {
        assert!(has(&a.places, p), "{p} missing from {:?}", a.places);
    }
    for p in ["Sergey Lavrov", "Josep Borrell"] {
        assert!(has(&a.people, p), "{p} missing from {:?}", a.people);
    }
    for o in [
        "Wagner Group",
        "European Union",
        "United Nations",
        "Taliban",
    ] {
        assert!(
            has(&a.organisations, o),
            "{o} missing from {:?}",
            a.organisations
        );
    }
    assert!(!has(&a.people, "Lavrov"), "{:?}", a.people);
    assert_eq!(a.actors.len(), a.people.len() + a.organisations.len());
}

#[test]
fn seed_story_links_later_lavrov_and_offsets_are_exact() {
    let a = seed();
    let x = ex().extract(&a);
    let text = a.full_text();
    for m in &x.mentions {
        assert_eq!(&text[m.start..m.end], m.surface, "{m:?}");
    }
    let lavrovs: Vec<&Mention> = x
        .mentions
        .iter()
        .filter(|m| m.surface == "Lavrov")
        .collect();
    assert!(lavrovs.len() >= 3, "{lavrovs:?}");
    for m in lavrovs {
        assert_eq!(m.kind, MentionKind::Person);
        assert_eq!(m.entity, "Sergey Lavrov");
        assert_eq!(m.country.as_deref(), Some("RU"));
    }
    let malian = ex().extract_plain("Malian troops entered Kidal.");
    assert_eq!(malian.mentions[0].kind, MentionKind::Nationality);
    assert_eq!(malian.mentions[0].entity, "Mali");
    assert_eq!(malian.country_codes(), ["ML"]);
}

/// Countries the plain text is about, sorted.
fn countries(text: &str) -> Vec<String> {
    let mut c = ex().extract_plain(text).country_codes();
    c.sort();
    c
}

/// (surface, kind, entity) of every mention.
fn mentions(text: &str) -> Vec<(String, MentionKind, String)> {
    ex().extract_plain(text)
        .mentions
        .into_iter()
        .map(|m| (m.surface, m.kind, m.entity))
        .collect()
}

fn mention<'m>(
    ms: &'m [(String, MentionKind, String)],
    surface: &str,
) -> Option<&'m (String, MentionKind, String)> {
    ms.iter().find(|m| m.0 == surface)
}

#[test]
fn chad_the_country_and_chad_the_given_name() {
    let text = "Chad Smith, a teacher from Ohio, said he would run again.";
    let x = ex().extract_plain(text);
    assert!(has(&x.people, "Chad Smith"), "{:?}", x.people);
    assert!(!x.country_codes().contains(&"TD".to_string()), "{x:?}");
    assert_eq!(
        countries("Chad and Sudan closed their border."),
        ["SD", "TD"]
    );
}

#[test]
fn niger_nigeria_nigerian_nigerien() {
    let text = "Niger's junta met Nigerian officials in Abuja, and Nigerien troops \
                stayed in Niamey while Nigeria watched.";
    let ms = mentions(text);
    assert_eq!(mention(&ms, "Niger").unwrap().2, "Niger");
    assert_eq!(mention(&ms, "Nigerian").unwrap().2, "Nigeria");
    assert_eq!(
        mention(&ms, "Nigerian").unwrap().1,
        MentionKind::Nationality
    );
    assert_eq!(mention(&ms, "Nigerien").unwrap().2, "Niger");
    assert_eq!(mention(&ms, "Nigeria").unwrap().2, "Nigeria");
    assert_eq!(countries(text), ["NE", "NG"]);
    assert_eq!(countries("Oil spilled across the Niger Delta."), ["NG"]);
}

#[test]
fn jordan_the_country_and_jordan_the_person() {
    let text = "Michael Jordan scored 40 points in Chicago. Later, Jordan said he was tired.";
    let x = ex().extract_plain(text);
    assert!(has(&x.people, "Michael Jordan"), "{:?}", x.people);
    assert!(!x.country_codes().contains(&"JO".to_string()), "{x:?}");
    let later: Vec<&Mention> = x
        .mentions
        .iter()
        .filter(|m| m.surface == "Jordan")
        .collect();
    assert_eq!(later.len(), 1, "{later:?}");
    assert_eq!(later[0].kind, MentionKind::Person);
    assert_eq!(later[0].entity, "Michael Jordan");
    assert_eq!(
        countries("Jordan said it would reopen the border with Syria."),
        ["JO", "SY"]
    );
}

#[test]
fn georgia_the_country_and_the_us_state() {
    let state = "Voters in Georgia queued for hours in Atlanta on Tuesday.";
    assert_eq!(countries(state), ["US"]);
    let x = ex().extract_plain(state);
    let m = x.mentions.iter().find(|m| m.surface == "Georgia").unwrap();
    assert_eq!(m.country.as_deref(), Some("US"));
    let country = "Russian troops entered Georgia, and Tbilisi protested.";
    assert_eq!(countries(country), ["GE"]);
    // The demonym is evidence for Russia, too weak alone for the story to be about it.
    assert_eq!(scored(&ex().extract_plain(country)), ["GE", "RU"]);
    assert_eq!(countries("Georgia held a parliamentary election."), ["GE"]);
}

#[test]
fn turkey_the_country_and_turkey_the_bird() {
    assert_eq!(countries("Turkey said it would veto the plan."), ["TR"]);
    assert!(countries("Families ate turkey and pumpkin pie.").is_empty());
    let x = ex().extract_plain("Families ate turkey and pumpkin pie.");
    assert!(x.mentions.is_empty(), "{:?}", x.mentions);
}

#[test]
fn the_guineas_take_the_longest_name() {
    let text = "Equatorial Guinea and Guinea-Bissau signed a deal with Papua New Guinea.";
    assert_eq!(countries(text), ["GQ", "GW", "PG"]);
    assert_eq!(countries("Guinea's junta freed the prisoners."), ["GN"]);
    assert_eq!(countries("Guinea Bissau held a vote."), ["GW"]);
}

#[test]
fn nice_and_reading_need_a_capital_and_context() {
    let x = ex().extract_plain("The attack in Nice killed 86 people, French officials said.");
    assert!(has(&x.places, "Nice"), "{:?}", x.places);
    assert_eq!(x.country_codes(), ["FR"]);
    assert!(countries("It was a nice day at the beach.").is_empty());
    assert!(countries("Nice weather helped the harvest.").is_empty());
    assert!(countries("Reading is good for children.").is_empty());
    let x = ex().extract_plain("Police in Reading arrested a man, British media reported.");
    assert!(has(&x.places, "Reading"), "{:?}", x.places);
    assert_eq!(x.country_codes(), ["GB"]);
}

#[test]
fn us_the_country_and_us_the_pronoun() {
    let ms = mentions("Let us know what the US thinks and what the U.S. said.");
    let us: Vec<&str> = ms
        .iter()
        .filter(|m| m.2 == "United States")
        .map(|m| m.0.as_str())
        .collect();
    assert_eq!(us, ["US", "U.S."]);
    assert!(countries("Tell us what you think.").is_empty());
    let a = |title: &str| Article {
        title: title.into(),
        body: "The talks went on.".into(),
        ..Article::default()
    };
    assert!(ex()
        .extract(&a("LET US TALK ABOUT IT"))
        .country_codes()
        .is_empty());
    assert_eq!(
        ex().extract(&a("U.S. TRADE DEFICIT WIDENS"))
            .country_codes(),
        ["US"]
    );
}

#[test]
fn washington_the_capital_the_state_and_the_person() {
    let x = ex().extract_plain("Washington said the sanctions would stay.");
    assert_eq!(x.places, ["Washington"]);
    assert_eq!(x.country_codes(), ["US"]);
    let x = ex().extract_plain("Wildfires burned across Washington state this week.");
    assert_eq!(x.places, ["Washington state"]);
    let x = ex().extract_plain("George Washington crossed the river.");
    assert!(has(&x.people, "George Washington"), "{:?}", x.people);
    assert!(x.places.is_empty(), "{:?}", x.places);
}

#[test]
fn paris_the_city_and_paris_hilton() {
    let x = ex().extract_plain("Paris Hilton arrived at the party in a pink car.");
    assert!(has(&x.people, "Paris Hilton"), "{:?}", x.people);
    assert!(x.country_codes().is_empty(), "{x:?}");
    assert_eq!(countries("Talks opened in Paris on Monday."), ["FR"]);
}

#[test]
fn a_city_takes_the_country_the_story_already_names() {
    // London, Ontario, rather than London, England.
    let x = ex().extract_plain("Ontario police said the crash happened near London.");
    let m = x.mentions.iter().find(|m| m.surface == "London").unwrap();
    assert_eq!(m.country.as_deref(), Some("CA"));
    let x = ex().extract_plain("The crash happened near London.");
    let m = x.mentions.iter().find(|m| m.surface == "London").unwrap();
    assert_eq!(m.country.as_deref(), Some("GB"));
}

#[test]
fn all_caps_headline_still_matches() {
    let a = Article {
        title: "MALI JUNTA EXPELS FRENCH AMBASSADOR OVER WAGNER ROW".into(),
        dateline: Some("BAMAKO, Jan 31".into()),
        body: "The ambassador was given 72 hours to leave.".into(),
        ..Article::default()
    };
    let x = ex().extract(&a);
    assert_eq!(x.primary_country.as_deref(), Some("ML"));
    // The demonym and Wagner Group's home country are evidence too, in an all-caps line.
    assert_eq!(scored(&x), ["FR", "ML", "RU"]);
    assert!(has(&x.places, "Bamako"), "{:?}", x.places);
    assert!(
        has(&x.organisations, "Wagner Group"),
        "{:?}",
        x.organisations
    );
    // A word-like acronym is not read in a headline: "CAR" is not the Central African
    // Republic here.
    let a = Article {
        title: "CAR SALES RISE IN FEBRUARY".into(),
        body: "Sales rose.".into(),
        ..Article::default()
    };
    assert!(ex().extract(&a).country_codes().is_empty());
}

#[test]
fn wagner_aliases_are_one_actor() {
    for text in [
        "Wagner fighters arrived.",
        "Fighters of the Wagner Group arrived.",
        "PMC Wagner fighters arrived.",
    ] {
        let x = ex().extract_plain(text);
        assert_eq!(x.organisations, ["Wagner Group"], "{text}");
        assert_eq!(x.actors, ["Wagner Group"], "{text}");
    }
    for name in ["Wagner", "the Wagner Group", "PMC Wagner", "pmc wagner"] {
        assert_eq!(ex().resolve_actor(name), Some("Wagner Group"), "{name}");
    }
    assert_eq!(ex().resolve_actor("nobody at all"), None);
}

#[test]
fn people_by_title_role_given_name_and_speech() {
    let text = "Foreign Minister Karim Belhadji met EU foreign policy chief Annika \
                Strandberg in Bamako. Olusegun Adeyemo-Baptiste said the talks went well. \
                The group said nothing. Mr Belhadji later left, and Strandberg stayed.";
    let x = ex().extract_plain(text);
    for p in [
        "Karim Belhadji",
        "Annika Strandberg",
        "Olusegun Adeyemo-Baptiste",
    ] {
        assert!(has(&x.people, p), "{p} missing from {:?}", x.people);
    }
    assert_eq!(x.people.len(), 3, "{:?}", x.people);
    let later: Vec<&str> = x
        .mentions
        .iter()
        .filter(|m| m.surface == "Belhadji" || m.surface == "Strandberg")
        .map(|m| m.entity.as_str())
        .collect();
    assert_eq!(later, ["Karim Belhadji", "Annika Strandberg"]);
    assert_eq!(x.organisations, ["European Union"]);
}

#[test]
fn organisations_by_pattern() {
    let text = "The Ourossene Liberation Front attacked a convoy of Kidal Mining Corp, \
                the Ministry of Mines said. Sahel Development Bank and the Tuareg \
                Patriotic Party condemned it.";
    let x = ex().extract_plain(text);
    // A company is named without its company form ("Corp").
    for o in [
        "Ourossene Liberation Front",
        "Kidal Mining",
        "Ministry of Mines",
        "Sahel Development Bank",
        "Tuareg Patriotic Party",
    ] {
        assert!(
            has(&x.organisations, o),
            "{o} missing from {:?}",
            x.organisations
        );
    }
    // "Kidal" inside the company's name gives the company its country.
    let corp = x
        .mentions
        .iter()
        .find(|m| m.entity == "Kidal Mining")
        .unwrap();
    assert_eq!(corp.country.as_deref(), Some("ML"));
}

#[test]
fn country_lookups_for_facets_and_filters() {
    for name in ["Mali", "Malian", "ml", "ML", "MLI", "mali"] {
        assert_eq!(ex().resolve_country(name), Some("ML"), "{name}");
    }
    assert_eq!(ex().resolve_country("the United States"), Some("US"));
    assert_eq!(ex().resolve_country("Atlantis"), None);
    assert_eq!(ex().country_name("ML"), Some("Mali"));
    assert_eq!(ex().country_name("ml"), Some("Mali"));
    assert_eq!(ex().country_name("XX"), None);
}

/// Issue 17: `--country "Soviet Union"`, `"West Germany"`, `USSR` and `England` were
/// rejected as unknown although extraction counts their mentions for their countries.
#[test]
fn historical_states_and_regions_resolve_to_their_country() {
    for (name, code) in [
        ("Soviet Union", "RU"),
        ("USSR", "RU"),
        ("soviet", "RU"),
        ("West Germany", "DE"),
        ("West German", "DE"),
        ("England", "GB"),
        ("the Kremlin", "RU"),
    ] {
        assert_eq!(ex().resolve_country(name), Some(code), "{name}");
    }
    // A region of several countries, a city and unknown codes stay unknown.
    for name in ["Sahel", "Bamako", "XX", "QQ", "ZZ", "EU"] {
        assert_eq!(ex().resolve_country(name), None, "{name}");
    }
}

#[test]
fn historical_states_count_as_successors() {
    let x = ex().extract_plain("The Soviet Union and West Germany signed a trade pact.");
    assert_eq!(x.country_codes().len(), 2, "{x:?}");
    assert!(x.country_codes().contains(&"RU".to_string()));
    assert!(x.country_codes().contains(&"DE".to_string()));
}

#[test]
fn salience_weighs_the_title_and_the_primary_country_stands_out() {
    let a = Article {
        title: "Mali's junta names a new government".into(),
        body: "The cabinet met.\n\nThe move angered France. France said it would respond.".into(),
        ..Article::default()
    };
    let x = ex().extract(&a);
    assert_eq!(x.primary_country.as_deref(), Some("ML"));
    let ml = x.countries.iter().find(|c| c.code == "ML").unwrap();
    let fr = x.countries.iter().find(|c| c.code == "FR").unwrap();
    assert_eq!((ml.mentions, fr.mentions), (1, 2));
    assert!(ml.salience > fr.salience, "{:?}", x.countries);
    let total: f32 = x.countries.iter().map(|c| c.salience).sum();
    assert!((total - 1.0).abs() < 1e-4, "{total}");
}

#[test]
fn user_gazetteer_adds_an_actor() {
    let tsv = "# kind\tname\tcountry\taliases\tsubtype\n\
               organisation\tSahel Mining Watch\tML\tSMW|the Watch\tother\n\
               person\tAminata Kone-Traore\tML\tKone-Traore\n\
               ignore\tChad\n";
    let x = Extractor::builder()
        .user_gazetteer_text("watch.tsv", tsv)
        .build()
        .unwrap();
    let r = x.extract_plain("SMW said Kone-Traore visited Chad and Niger.");
    assert_eq!(r.organisations, ["Sahel Mining Watch"]);
    assert_eq!(r.people, ["Aminata Kone-Traore"]);
    // "Chad" is ignored; the watch's and the person's home country counts (0.5 + 0.5).
    assert_eq!(r.country_codes(), ["ML", "NE"], "{r:?}");
    assert_eq!(x.resolve_actor("SMW"), Some("Sahel Mining Watch"));
    assert_eq!(
        x.resolve_actor("Sahel Mining Watch"),
        Some("Sahel Mining Watch")
    );
    // The embedded extractor knows none of it.
    assert_eq!(ex().resolve_actor("SMW"), None);
}

#[test]
fn user_gazetteer_errors_name_the_file_and_line() {
    let tsv = "# watch list\n\
               organisation\tSahel Mining Watch\tML\n\
               person\tJane Doe\tXX\tDoe\n";
    let err = Extractor::builder()
        .user_gazetteer_text("watch.tsv", tsv)
        .build()
        .unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("watch.tsv:3:"), "{msg}");
    assert!(msg.contains("XX"), "{msg}");
    let tsv = "organisation\tSahel Mining Watch\tML\nwatchlist Sahel Mining Watch\n";
    let msg = Extractor::builder()
        .user_gazetteer_text("w.tsv", tsv)
        .build()
        .unwrap_err()
        .to_string();
    assert!(msg.starts_with("w.tsv:2:"), "{msg}");
    let tsv = "spaceship\tEnterprise\t\t\n";
    let msg = Extractor::builder()
        .user_gazetteer_text("w.tsv", tsv)
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        msg.starts_with("w.tsv:1:") && msg.contains("spaceship"),
        "{msg}"
    );
}

#[test]
fn user_gazetteer_file_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("actors.tsv");
    std::fs::write(
        &path,
        "organisation\tKayes Defence League\tML\tKDL\tarmed_group\n",
    )
    .unwrap();
    let x = Extractor::builder().user_gazetteer(&path).build().unwrap();
    assert_eq!(x.resolve_actor("KDL"), Some("Kayes Defence League"));
    let missing = dir.path().join("missing.tsv");
    let msg = Extractor::builder()
        .user_gazetteer(&missing)
        .build()
        .unwrap_err()
        .to_string();
    assert!(msg.contains("missing.tsv"), "{msg}");
}

#[test]
fn offsets_are_bytes_of_the_plain_text() {
    let text = "Über-Kämpfer « Malian » troops met in Bamako.";
    let x = ex().extract_plain(text);
    assert!(!x.mentions.is_empty());
    for m in &x.mentions {
        assert_eq!(&text[m.start..m.end], m.surface);
    }
    assert_eq!(x.places, ["Bamako"]);
}

/// Regression: "the Gulf of Guinea" read as "the Gulf" (the Persian Gulf) plus Guinea.
#[test]
fn the_gulf_of_guinea_is_not_the_persian_gulf_plus_guinea() {
    let text = "Pirates boarded a tanker in the Gulf of Guinea off Lome on Sunday, \
                the navy of Togo said.";
    let x = ex().extract_plain(text);
    let gulf = x
        .mentions
        .iter()
        .find(|m| m.surface.contains("Gulf"))
        .unwrap();
    assert_eq!(gulf.surface, "Gulf of Guinea", "{:?}", x.mentions);
    assert!(!has(&x.places, "Persian Gulf"), "{:?}", x.places);
    assert!(!scored(&x).contains(&"GN"), "{:?}", x.countries);
    assert!(!scored(&x).contains(&"IR"), "{:?}", x.countries);
    // A user gazetteer entry without "the" overrides the embedded one.
    let user = Extractor::builder()
        .user_gazetteer_text("gulf.tsv", "place\tGulf of Guinea\tCM\n")
        .build()
        .unwrap();
    let x = user.extract_plain("Fishermen in the Gulf of Guinea protested on Monday.");
    let gulf = x
        .mentions
        .iter()
        .find(|m| m.surface.contains("Gulf"))
        .unwrap();
    assert_eq!(gulf.surface, "Gulf of Guinea", "{:?}", x.mentions);
    assert_eq!(gulf.country.as_deref(), Some("CM"), "{:?}", x.mentions);
    assert_eq!(x.country_codes(), ["CM"], "{:?}", x.countries);
}

/// Regression: "SAUDI RIYAL DEPOSIT RATES EASE" with a BAHRAIN dateline kept only BH,
/// though the story names Saudi Arabia three times (its currency twice).
#[test]
fn a_currency_story_keeps_the_currency_country_not_only_the_dateline() {
    let a = Article {
        title: "SAUDI RIYAL DEPOSIT RATES EASE".into(),
        dateline: Some("BAHRAIN, March 3".into()),
        body: "Saudi riyal interbank deposit rates eased in quiet trading, with banks \
               long in overnight funds, dealers said.\n    Traders waited for news on oil \
               prices and the Saudi economy before taking positions.\n    The spot riyal \
               was little changed against the dollar."
            .into(),
        ..Article::default()
    };
    let x = ex().extract(&a);
    assert!(
        x.country_codes().contains(&"SA".to_string()),
        "{:?}",
        x.countries
    );
}

/// Regression: the subjects of a story named in one list, "Venezuela, Iran and Saudi
/// Arabia", were dropped as list items.
#[test]
fn countries_listed_as_the_subject_of_the_lead_are_kept() {
    let a = Article {
        title: "THREE OPEC MEMBERS AGREE TO TRIM OUTPUT".into(),
        dateline: Some("VIENNA, April 28".into()),
        body: "Venezuela, Iran and Saudi Arabia agreed to trim their crude oil output by \
               five pct from next month, oil ministers said after a meeting here.\n    \
               The cut is meant to steady prices before the summer, the ministers said."
            .into(),
        ..Article::default()
    };
    let x = ex().extract(&a);
    let mut c = x.country_codes();
    c.sort();
    for code in ["IR", "SA", "VE"] {
        assert!(c.contains(&code.to_string()), "{code}: {:?}", x.countries);
    }
}

fn german(title: &str, body: &str) -> Article {
    Article {
        title: title.into(),
        body: body.into(),
        language: Some("de".into()),
        ..Article::default()
    }
}

#[test]
fn die_schweden_is_sweden_in_german_copy_not_norway() {
    let x = ex().extract(&german(
        "Ikea verliert Land im Betten-Krieg",
        "Die Schweden haben die Idee geklaut, sagte der Designer am Donnerstag in Stockholm.",
    ));
    assert!(x.mentioned_country_codes().contains(&"SE".to_string()));
    assert!(!x.mentioned_country_codes().contains(&"NO".to_string()));
}

#[test]
fn a_german_currency_table_names_its_countries() {
    let x = ex().extract(&german(
        "Devisenkurse",
        "Folgende Devisenkurse wurden festgestellt.\n\nUSA 1 USD 0,850 0,906\n\n\
         Großbritannien 1 GBP 1,102 1,176\n\nKanada 1 CAD 0,643 0,704\n\n\
         Schweiz 100 CHF 88,661 94,428",
    ));
    let named = x.mentioned_country_codes();
    for code in ["US", "GB", "CA", "CH"] {
        assert!(named.contains(&code.to_string()), "{code} not in {named:?}");
    }
}

#[test]
fn german_names_match_only_in_german_stories() {
    let body = "Die Regierung in Rom und die Bundesregierung in Deutschland streiten.";
    let de = ex().extract(&german("Streit", body));
    assert!(de.mentioned_country_codes().contains(&"IT".to_string()));
    assert!(de.mentioned_country_codes().contains(&"DE".to_string()));
    let mut english = german("Streit", body);
    english.language = Some("en".into());
    let en = ex().extract(&english);
    assert!(
        en.mentioned_country_codes().is_empty(),
        "{:?}",
        en.mentioned_country_codes()
    );
}

#[test]
fn a_country_resolves_from_its_name_in_other_languages() {
    for name in [
        "Deutschland",
        "Allemagne",
        "Alemania",
        "Germania",
        "deutschland",
    ] {
        assert_eq!(ex().resolve_country(name), Some("DE"), "{name}");
    }
    assert_eq!(ex().resolve_country("Schweden"), Some("SE"));
    assert_eq!(ex().resolve_country("Großbritannien"), Some("GB"));
}

#[test]
fn eurostoxx_50_names_no_spain_or_mali_as_what_it_is_about() {
    let x = ex().extract(&german(
        "EuroStoxx 50: Aktienkurse um 17:56 Uhr",
        "Frankfurt/Main (dpa) - Die Werte des EuroStoxx 50 um 17:56 Uhr.\n\n\
         Airbus 60,38\n\nAllianz 174,50\n\nBASF 81,65\n\nBayer 113,90\n\n\
         Banco Bilbao Vizcaya 7,31\n\nBanco Santander 5,79\n\nDeutsche Bank 15,80\n\n\
         Deutsche Telekom 15,86\n\nVolkswagen 133,20",
    ));
    let about = x.country_codes();
    assert!(!about.contains(&"ES".to_string()), "{about:?}");
    assert!(!about.contains(&"ML".to_string()), "{about:?}");
}

#[test]
fn finnish_case_endings_link_to_the_base_name() {
    let x = ex().extract(&Article {
        title: "Obaman vierailu".into(),
        body: "Entinen presidentti Barack Obaman mukaan Donald Trumpin politiikka on \
               vaarallista, sanoi Obama Helsingissä."
            .into(),
        language: Some("fi".into()),
        ..Article::default()
    });
    assert!(
        x.people.contains(&"Barack Obama".to_string()),
        "{:?}",
        x.people
    );
    assert!(
        x.people.contains(&"Donald Trump".to_string()),
        "{:?}",
        x.people
    );
    let obaman = x
        .mentions
        .iter()
        .find(|m| m.surface == "Barack Obaman")
        .unwrap();
    assert_eq!(obaman.entity, "Barack Obama");
}

#[test]
fn a_german_genitive_links_to_the_base_name_but_not_in_english() {
    let body = "Bundeskanzlerin Angela Merkel sprach in Berlin. Merkels Sprecher sagte, \
                Deutschlands Haltung sei klar.";
    let x = ex().extract(&german("Merkel", body));
    let merkels = x.mentions.iter().find(|m| m.surface == "Merkels");
    assert_eq!(merkels.map(|m| m.entity.as_str()), Some("Angela Merkel"));
    let mut english = german("Merkel", body);
    english.language = Some("en".into());
    let en = ex().extract(&english);
    assert!(en.mentions.iter().all(|m| m.surface != "Merkels"));
}

#[test]
fn germany_is_found_by_its_name_in_french_spanish_and_italian_stories() {
    for (lang, body) in [
        (
            "fr",
            "Le gouvernement de l'Allemagne a annoncé des élections anticipées.",
        ),
        (
            "es",
            "El gobierno de Alemania anunció elecciones anticipadas.",
        ),
        (
            "it",
            "Il governo della Germania ha annunciato elezioni anticipate.",
        ),
    ] {
        let x = ex().extract(&Article {
            title: "Élections".into(),
            body: body.into(),
            language: Some(lang.into()),
            ..Article::default()
        });
        assert_eq!(x.country_codes(), ["DE"], "{lang}: {body}");
    }
}

/// A dateline town below the gazetteer's 100,000 people gives its country; the same town
/// in running text does not, nor does a dateline whose place the gazetteer knows.
#[test]
fn a_small_dateline_town_gives_its_country() {
    let story = |dateline: &str, body: &str| Article {
        title: "Neun Jahre Haft nach Angriff auf Nachbarn".into(),
        dateline: Some(dateline.into()),
        body: body.into(),
        language: Some("de".into()),
        ..Article::default()
    };
    let body = "Das Landgericht hat einen 41 Jahre alten Mann zu neun Jahren Haft verurteilt. \
                Er hatte seinen Nachbarn im Streit schwer verletzt.";
    let x = ex().extract(&story("Hanau (dpa)", body));
    assert_eq!(x.country_codes(), ["DE"], "{:?}", x.countries);
    let moved = format!("{body} Der Mann stammt aus Hanau.");
    let y = ex().extract(&story("", &moved));
    assert!(y.countries.is_empty(), "{:?}", y.countries);
    let z = ex().extract(&story("Wien (dpa)", body));
    assert_eq!(z.country_codes(), ["AT"], "{:?}", z.countries);
}

/// A surname alone in an old story is not someone who took office decades later: "Harris"
/// in 1987 is not Kamala Harris, though the US is in evidence; in a story of her time it is.
#[test]
fn a_surname_alone_is_not_a_person_from_decades_later() {
    let story = |year: i32| Article {
        title: "U.S. SENATE PANEL BACKS FARM BILL".into(),
        date: newsidx_model::TimeZone::with_ymd_and_hms(&newsidx_model::Utc, year, 3, 4, 12, 0, 0)
            .single(),
        body: "The U.S. Senate Agriculture Committee backed the farm bill on Tuesday. Vice \
               President Harris said the Senate would vote on it in Washington next week."
            .into(),
        ..Article::default()
    };
    let old = ex().extract(&story(1987));
    assert!(
        !old.people.iter().any(|p| p == "Kamala Harris"),
        "{:?}",
        old.people
    );
    let recent = ex().extract(&story(2022));
    assert!(
        recent.people.iter().any(|p| p == "Kamala Harris"),
        "{:?}",
        recent.people
    );
}

#[test]
fn a_common_surname_alone_needs_an_office_or_the_full_name() {
    // "Brown" is an English word and the surname of several people the gazetteer holds:
    // neither a job before it nor the country in evidence makes it Harold Brown.
    let people = |text: &str| ex().extract_plain(text).people;
    for text in [
        "E.F. Hutton and Co Inc analyst Brown said the U.S. economy grew.",
        "The U.S. economy grew in March, Mr Brown said in Washington.",
        "U.S. factory orders rose, Brown said.",
    ] {
        let found = people(text);
        assert!(!has(&found, "Harold Brown"), "{text}: {found:?}");
    }
    // Grounds: an office before the surname, or the full name in the story.
    assert!(has(
        &people("U.S. Defense Secretary Brown said the Pentagon would ask for more."),
        "Harold Brown"
    ));
    assert!(has(
        &people("Harold Brown visited Washington. Brown said the talks went well."),
        "Harold Brown"
    ));
    // A surname only one person holds, not an English word, still reads with the country.
    let volcker = people("U.S. interest rates will stay low, Volcker told Congress in Washington.");
    assert!(
        volcker
            .iter()
            .any(|p| p.starts_with("Paul") && p.ends_with("Volcker")),
        "{volcker:?}"
    );
    // Kamala Harris shares her surname: the country alone is no ground.
    assert!(!has(
        &people("The U.S. Senate backed the bill. Harris said it would pass in Washington."),
        "Kamala Harris"
    ));
}

#[test]
fn collapse_joins_words_by_one_space_and_drops_a_possessive() {
    use super::names::collapse;
    assert_eq!(collapse("  Sergey \n\t Lavrov's "), "Sergey Lavrov");
    assert_eq!(collapse("Mali’s"), "Mali");
    assert_eq!(collapse("Wagner  Group"), "Wagner Group");
    assert_eq!(collapse("'s"), "");
    assert_eq!(collapse(""), "");
    assert_eq!(collapse("Jones's’s"), "Jones's");
}

#[test]
fn a_known_name_written_without_the_stops_of_its_initials_is_the_known_person() {
    for text in [
        "US President George W Bush met German leaders in Mainz.",
        "US President George W. Bush met German leaders in Mainz.",
    ] {
        let x = ex().extract_plain(text);
        let bush: Vec<&Mention> = x
            .mentions
            .iter()
            .filter(|m| m.surface.contains("Bush"))
            .collect();
        assert_eq!(bush.len(), 1, "{text}: {:?}", x.mentions);
        assert_eq!(bush[0].entity, "George W. Bush", "{text}");
        assert_eq!(bush[0].kind, MentionKind::Person);
    }
}
