//! Actors read from the words around them, after the tagger's spans are merged: names the
//! tagger split or cut short, offices and groups of people read as organisations, and firms
//! named after people. Each rule reads only the story's own text and the lexicon's closed
//! classes, never a list of particular names.
//!
//! - **A name split at "and".** "Citizens Federal Savings and Loan Association", "Procter
//!   and Gamble Co": the tagger (or a rule) reads "Loan Association" apart. A new name, not
//!   complete by itself (it does not end on an organisation suffix), then "and" or "&", then
//!   a new organisation of one word and its suffixes ("Loan Association", "Telegraph Co",
//!   "Loan Insurance Corp") is one organisation. Two complete names stay two ("Chrysler Corp
//!   and American Motors Corp"), as does a second name of two words or more before its form
//!   ("Merrill Lynch and Salomon Brothers Inc"), an acronym ("AFG Industries") or a place
//!   ("Lufthansa and British Airways"), or a first name with "of" or "and" of its own. A head
//!   word ends the second name as a suffix does ("Monetary Union", "Commonwealth Office", not
//!   "The Office"), and a capitalised common word inside a sentence is a name's word unless a
//!   comma comes before it ("The West African Economic and Monetary Union", "Sonora,
//!   Goldenbell, United and Inca Resources Inc" stays a list).
//! - **A firm of two surnames.** Two new one-word people joined by "and" or "&" are one
//!   firm when they are the same name ("Johnson and Johnson") or the pair stands where a
//!   firm does ("economist at Phillips and Drew").
//! - **A firm of two names.** "Wagner and Brown", a Texas firm of 1987: a known
//!   organisation named by a one-word alias ("Wagner", the Wagner Group's), "and" or "&",
//!   then a new person of one word ("Brown"), or the other way round, with no capitalised
//!   word right before or after, is one firm named for two people, not the known
//!   organisation and a person; the alias elsewhere in the story ("WAGNER/BROWN BID") is
//!   that firm too. A new organisation beside the alias makes two firms ("Chase and
//!   Citibank"). Not when either word is the surname of a person the story names in full
//!   ("Ulrich Wagner ... Wagner and Brown" is left to coreference).
//! - **An office before a person.** "U.S. Trade Representative Clayton Yeutter": the tagger
//!   reads "U.S. Trade" as an organisation. A new organisation ending on a common word that is
//!   no organisation's head ("Trade", "Defence", "Agriculture") right before a capitalised
//!   title and a person is the first half of that person's office, not an actor: dropped (the
//!   person is the actor; "Senate Finance Committee Chairman X" and "Central Bank Governor X"
//!   end on a head and stay, as do bodies: "Metropolitan Police Commissioner X").
//! - **A name cut short.** "London Interbank Offered Rate": the tagger reads "London
//!   Interbank". A new organisation followed, in the same sentence, by one or two capitalised
//!   words that end the name, none a title, a company form, an organisation suffix or a
//!   month or weekday, is the start of a longer name the tagger did not take for an
//!   organisation (a rate, an act, a forecast, a sponsored event): dropped, unless an
//!   organisation the gazetteer knows or an acronym is inside ("BBC Radio Five Live").
//! - **People, not an organisation.** A new organisation whose last word is a plural for
//!   people ("U.S. Officials", "Western Diplomats"), or a country's name and a plural for
//!   firms ("U.S. Banks", not "Marine Midland Banks"), is dropped,
//!   as is such a plural alone in a headline ("BANKERS SEE ...").
//! - **A body or a plan, not a person.** A new person of two words or more whose last word
//!   is an organisation suffix, "School" or "College" ("Means Committee", "Valley Bancorp",
//!   "Deutsche Boerse", "Wharton School") is an organisation; one whose last word names a
//!   plan, an agreement or a disease ("Marshall Plan", "Paris Accord", "Deficiency
//!   Syndrome") is dropped.
//! - **Firms named after people.** A new person written with a company form ("James Capel
//!   and Co", "Samuel Montagu and Co Ltd", "Cheung Kong (Holdings) Ltd"), before a word for a
//!   firm ("the official Tanjug news agency"), as an employer ("analyst at E.F. Hutton",
//!   "Smith Barney analyst Craig Sloane", "E.F. Hutton food analyst June Page", "brokers
//!   James Capel", "French bank Societe Generale", "lead manager Credit Suisse", "Caroline
//!   Levy of E.F. Hutton", Reuters' `<Pratt and Whitney>`) is an organisation; and then everywhere
//!   in the story, by its full name or its last word alone ("Capel handled the deal"), as is
//!   the last word alone of a new firm written with its company form ("Hutton said" after
//!   "E.F. Hutton and Co"). A new person of one word is a firm, a club or a band also when
//!   the story writes "X, which" (not at a list's end), "X boss" ("manager", "chairman",
//!   "chief", and who plays for a club: "winger", "goalkeeper", "captain"...), "X's shares"
//!   ("profits", "sales", "board", "website", "stake"...), "X's" and a given name and a
//!   capitalised word ("Coldplay's Chris Martin", "Chelsea's William Gallas"), "X shares", "the firm X"
//!   ("company", "band", "club", "analysts"), "shares in X", a model's number in a sentence
//!   ("a Nokia 3220 handset", "Airbus A380"; not a year, a minute or a table's figure), or
//!   "X have" and "X are" at a clause's start (a plural subject:
//!   "Chelsea have sacked"; not "she and sister Venus are", "who like Robbie are"): "Chelsea
//!   boss Jose Mourinho", "the band Keane". Where the tagger itself read one mention of a
//!   one-word name so placed as an organisation ("as Chelsea manager"), the story's other
//!   mentions of it, read as a person, are that organisation too. And a new person whose name is, or opens, the name of an organisation the
//!   story names is that organisation ("Cairn" of "Cairn Energy", "Time Warner" of
//!   "TimeWarner"), within the limits `firms_named_after_people` (in `tagging`) sets.
//! - **Armed groups and bodies read as people.** A new person of one word, or a word of
//!   creed and one word ("mainly Muslim Seleka rebels"), right before "rebels",
//!   "militants", "fighters" and the like names the armed group: an organisation, without
//!   the creed. So is a new person (not opening with a given name) set beside a body's noun
//!   that ends its phrase ("Dan Na Ambassagou, a Dogon militia that", "X, a new party.";
//!   not "Y, a director of the company"). Either way, in all the story's mentions.
//! - **A line-up.** A line that is a list of three names or more, separated by commas
//!   and brackets, half of them people or surnames of people the story names in full
//!   ("Dudek, Finnan, Carragher, Hyypia, Traore (Biscan 67), ..."), lists people: the
//!   tagger's organisations and places in it are people too (not a club in brackets
//!   without a minute, "Damien Traille (Biarritz)", nor a list inside a sentence).
//! - **A work's title.** A new name right after a word for a work ("drama", "comedy",
//!   "film", "album", "song", "novel", "game"...: "Mike Leigh's drama Vera Drake", "the
//!   comedy Sideways") is the work's title: its mentions go, as a people's name's do.
//! - **An event, not an organisation.** A new organisation of two words or more whose last
//!   word names an event ("General Election", "Academy Awards", "Consumer Electronics Show",
//!   "Athens Games", "Davis Cup") goes, with its acronym in brackets ("(CES)") wherever the
//!   story writes it.
//! - **A country's portfolio.** A new organisation of a country's name (or an international
//!   body's) and portfolio words only ("the U.S. Trade deficit", "EC External Trade") names
//!   a policy or an office, not an organisation: dropped.
//! - **A state body named by common words.** "Finance Ministry", "Central Bank", "Air
//!   Force", "National Assembly", "Democratic Party": a new organisation whose words are all
//!   dictionary words (no given name, no proper name) and whose last word names a state body
//!   is one country's. It is named with that country ("Finance Ministry (Japan)"): the
//!   country right before it ("Japan's Finance Ministry", "the Brazilian Central Bank"), else
//!   the story's country when it is about one country only; else it keeps its bare name. A
//!   name that holds its country already ("Japanese Finance Ministry", "US Supreme Court")
//!   or opens on "The" ("The Office", a television series as often as a ministry's) is left
//!   as it is.
//! - **A given name alone.** A new person named by a one-word given name ("David said",
//!   "Ray"), whom no full name in the story explains, no honorific makes one person's
//!   ("King Hussein") and no title shows to be a surname ("Mr Howard"), stays a mention but
//!   is no person or actor of the story.
//! - **Labels read as names.** A new name of one word right before a lone capital letter
//!   ("Class A warrant", "Series B shares") is a share class or a series; a party and a
//!   state after a legislator's name ("Rep. Arlan Stangeland, R-Minn.", "D-Texas") is no
//!   person: both dropped. So is a new one-word person between "the" and a lower-case word:
//!   a name lent to a thing ("the Richter scale").

use super::names::collapse;
use super::scoring::RULE_ORG_WEIGHT;
use super::tagging::{company_form, without_company_form};
use super::{Out, Pass, Target};
use crate::extraction::{MentionKind, MentionSource};
use crate::gazetteer::Kind;
use crate::lexicon::WordClass;
use rustc_hash::FxHashSet;

/// Plural nouns for people: an "organisation" ending on one is a group of people.
#[rustfmt::skip]
const PEOPLE_PLURALS: &[&str] = &[
    "officials", "sources", "analysts", "economists", "traders", "dealers", "diplomats",
    "bankers", "negotiators", "lawmakers", "officers", "delegates", "experts", "executives",
    "spokesmen", "ministers", "leaders", "legislators", "congressmen", "senators",
];

/// Plural nouns for institutions: an "organisation" of a country's name and one of them
/// ("U.S. Banks", "U.K. Firms") is a group of them.
const GROUP_PLURALS: &[&str] = &["firms", "banks", "companies"];

/// A government's portfolios: after a country's name ("U.S. Trade", "EC Farm") they name a
/// policy or an office, not an organisation.
#[rustfmt::skip]
const PORTFOLIOS: &[&str] = &[
    "trade", "defence", "defense", "agriculture", "farm", "finance", "foreign", "interior",
    "justice", "commerce", "energy", "health", "education", "security", "budget", "industry",
    "labor", "labour", "transport", "transportation", "economic", "monetary", "fiscal", "tax",
    "external",
];

/// Common words that name a body ("Metropolitan Police Commissioner X" names the police).
#[rustfmt::skip]
const BODIES: &[&str] = &[
    "police", "navy", "government", "parliament", "senate", "cabinet", "assembly", "military",
    "guard", "marine", "college", "school", "hospital", "embassy", "tribunal", "press",
    "radio", "television", "club", "exchange",
];

/// Lower-case words for a firm or an agency after its name ("the Tanjug news agency").
const FIRM_NOUNS: &[&str] = &[
    "agency",
    "newspaper",
    "daily",
    "firm",
    "brokerage",
    "company",
    "group",
    "bank",
    "conglomerate",
];

/// Jobs held at a firm: "analyst at X", "X analyst Jane Doe".
#[rustfmt::skip]
const FIRM_JOBS: &[&str] = &[
    "analyst", "analysts", "economist", "economists", "strategist", "strategists", "trader",
    "traders", "dealer", "dealers", "meteorologist", "broker",
];

/// Words for who runs or plays for a firm, club or band, right after its one-word name
/// ("Chelsea boss Jose Mourinho", "Marsh chief", "Chelsea winger Arjen Robben").
#[rustfmt::skip]
const RUNNER_AFTER: &[&str] = &[
    "boss", "manager", "chairman", "chief", "winger", "goalkeeper", "keeper", "striker",
    "defender", "midfielder", "captain", "physio", "left-back", "right-back", "full-back",
];

/// Words that open a clause whose subject follows: a one-word name after one of them (or
/// at a sentence's or a clause's start) and before "have" or "are" is a plural subject
/// ("said Chelsea have", "because Keane are").
#[rustfmt::skip]
const CLAUSE_OPENERS: &[&str] = &[
    "that", "but", "as", "when", "while", "because", "since", "if", "though", "although",
    "after", "before", "said", "says", "where", "until", "unless", "so",
];

/// What a firm has, after its one-word name and "'s" ("Google's shares").
#[rustfmt::skip]
const FIRM_HAS: &[&str] = &[
    "shares", "profit", "profits", "sales", "revenue", "revenues", "board", "website",
    "stake", "shareholders",
];

/// Words right before a one-word name of a firm, club, band or public body ("the firm
/// Sophos", "band Keane", "search giant Google", "handset maker Nokia", "media watchdog
/// Ofcom", "file-sharing network Napster"; "shares in Yukos" is matched apart). Not "rival":
/// "his rival Kerry".
#[rustfmt::skip]
const NAMED_AFTER: &[&str] = &[
    "firm", "company", "band", "club", "giant", "maker", "makers", "carmaker", "regulator",
    "watchdog", "engine", "website", "site", "network", "retailer", "supermarket", "carrier",
    "airline", "insurer", "operator", "manufacturer", "broadcaster", "publisher", "label",
    "conglomerate", "consultancy", "chain", "brand", "provider", "analysts", "researchers",
];

/// Kinds of settlement or area that name a place after "of": "the central town of Moura".
#[rustfmt::skip]
const PLACE_NOUNS: &[&str] = &[
    "town", "village", "city", "region", "province", "district", "port", "commune", "suburb",
    "township", "hamlet", "oasis",
];

/// Nouns for the people of a group, after its name used as an adjective ("Fulani herders",
/// "Dozo hunters", "mainly Tuareg armed groups"): the name is the group's, no actor's.
#[rustfmt::skip]
const GROUP_NOUNS: &[&str] = &[
    "villagers", "herders", "farmers", "hunters", "tribesmen", "nomads", "elders", "clans",
    "tribes", "community", "communities", "groups", "population", "populations", "families",
    "civilians", "separatists",
];

/// Nouns for the fighters of an armed group, after its name ("Seleka rebels", "Shabaab
/// militants"): the name is the group's, an organisation.
#[rustfmt::skip]
const FIGHTER_NOUNS: &[&str] = &[
    "rebels", "militants", "fighters", "insurgents", "militiamen", "jihadists", "guerrillas",
    "gunmen",
];

/// Nouns that make a name an organisation's when they end the phrase set beside it ("Dan
/// Na Ambassagou, a Dogon militia that", "Veritas, a new party."): not "Smith, a party
/// member".
#[rustfmt::skip]
const APPOSITION_BODIES: &[&str] = &[
    "militia", "group", "movement", "party", "company", "firm", "organisation",
    "organization", "coalition", "alliance", "charity", "union", "network", "airline",
    "insurer", "bank", "carrier", "conglomerate", "consortium", "retailer", "subsidiary",
    "agency", "band", "club", "broadcaster", "newspaper", "faction", "brokerage",
];

/// Words of faith or creed written before an armed group's name ("mainly Muslim Seleka
/// rebels"), no part of it.
#[rustfmt::skip]
const CREED_WORDS: &[&str] = &[
    "muslim", "christian", "islamist", "jihadist", "sunni", "shia", "shiite", "shi'ite",
    "catholic", "protestant", "hindu", "buddhist", "jewish", "sikh", "druze", "maoist",
    "marxist", "communist",
];

/// Nouns for a work right before its title ("Mike Leigh's drama Vera Drake", "the comedy
/// Sideways", "the game Halo"): the title is no actor's name.
#[rustfmt::skip]
const WORK_NOUNS: &[&str] = &[
    "film", "films", "movie", "drama", "comedy", "thriller", "biopic", "musical", "sitcom",
    "documentary", "album", "single", "song", "novel", "game",
];

/// Words before "in" and a work's title: "her role in Vera Drake", "he starred in Ray".
#[rustfmt::skip]
const ROLE_WORDS: &[&str] = &[
    "role", "roles", "starred", "starring", "stars", "appeared", "appears", "cameo",
];

/// Nouns for a built place after its name ("the Radisson Blu hotel", "the Kakhovka dam").
#[rustfmt::skip]
const FACILITY_NOUNS: &[&str] = &[
    "hotel", "dam", "bridge", "airport", "stadium", "hospital", "reactor", "refinery",
    "pipeline", "oilfield", "prison", "mosque", "cathedral", "embassy", "mall", "mine",
];

/// Last words that make a name an event's, never an organisation's
/// ([`Pass::people_named_as_bodies_or_plans`]).
#[rustfmt::skip]
const EVENT_WORDS: &[&str] = &[
    "election", "elections", "games", "olympics", "award", "awards", "prize", "globes", "show",
    "festival",
    "championship", "championships", "cup", "expo", "open", "prix", "war",
];

/// Last words that make a name a plan, an agreement or a disease, never a person's
/// ([`Pass::people_named_as_bodies_or_plans`]).
const PLAN_WORDS: &[&str] = &[
    "plan",
    "accord",
    "accords",
    "act",
    "agreement",
    "treaty",
    "pact",
    "doctrine",
    "protocol",
    "syndrome",
];

/// Last words of bodies beside the lexicon's organisation suffixes: schools, often named
/// after a person, and the words that end clubs' names ("Man Utd", "Blackburn Rovers",
/// "Wigan Athletic"), which no person's name ends on; not suffixes that make the name's
/// first word the body's ([`Pass::people_named_as_bodies_or_plans`]).
const BODY_WORDS: &[&str] = &[
    "school",
    "college",
    "utd",
    "united",
    "rovers",
    "wanderers",
    "athletic",
];

/// Nouns for a place after a name the tagger read as an organisation's ("the Khurais
/// oilfield", "the disputed Shebaa Farms area"): those of [`FACILITY_NOUNS`] that no firm is
/// named before (a firm has hotels, refineries, pipelines and mines), and "area".
#[rustfmt::skip]
const ORG_PLACE_NOUNS: &[&str] = &[
    "area", "dam", "bridge", "airport", "stadium", "oilfield", "gasfield", "prison", "mosque",
    "cathedral",
];

/// Every person or organisation mention of the new names `places` becomes a place's.
fn read_as_places(outs: &mut [Out], places: &[String]) {
    for o in outs.iter_mut() {
        if let Target::Text(name) = &o.target {
            if matches!(o.kind, MentionKind::Person | MentionKind::Organisation)
                && places.contains(name)
            {
                o.kind = MentionKind::Location;
                o.counts = None;
            }
        }
    }
}

/// Words right before a firm's name: "brokers James Capel", "brokerage James Capel".
const FIRM_BEFORE: &[&str] = &[
    "brokers",
    "brokerage",
    "broker",
    "bankers",
    "stockbrokers",
    // "brokerage house X", "investment house X", "auction house X".
    "house",
    // "French bank Societe Generale".
    "bank",
];

/// Months and weekdays: a capitalised word after a name that is no part of it.
#[rustfmt::skip]
pub(super) fn calendar_word(w: &str) -> bool {
    matches!(
        w,
        "january" | "february" | "march" | "april" | "may" | "june" | "july" | "august"
            | "september" | "october" | "november" | "december" | "jan" | "feb" | "mar"
            | "apr" | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec"
            | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday"
            | "sunday"
    )
}

/// Last words of a state body's name ("Finance Ministry", "Supreme Court") of two words or
/// more.
#[rustfmt::skip]
const STATE_BODIES: &[&str] = &[
    "ministry", "department", "bank", "court", "assembly", "parliament", "force", "forces",
    "army", "navy", "police", "government", "cabinet", "treasury", "council", "committee",
    "commission", "party", "senate", "congress", "agency", "authority", "office", "tribunal",
    "guard", "administration", "legislature",
];

/// Words after "the X" for the people around person X: "the Clinton administration".
#[rustfmt::skip]
const PEOPLE_AROUND: &[&str] = &[
    "administration", "government", "cabinet", "presidency", "campaign", "camp", "team",
    "family", "brothers", "sisters", "household", "era", "years", "regime", "clan", "couple",
    "estate", "case", "trial", "affair", "doctrine", "plan", "visit",
];

/// State bodies named by one word: "the Treasury said", "Parliament voted".
pub(super) const ONE_WORD_STATE_BODIES: &[&str] = &[
    "parliament",
    "treasury",
    "army",
    "navy",
    "cabinet",
    "government",
    "senate",
    "congress",
    "legislature",
];

/// A US legislator's party and state: "R-Minn", "D-Texas", "I-Vt".
fn party_and_state(name: &str) -> bool {
    let b = name.trim_end_matches('.').as_bytes();
    matches!(b, [b'R' | b'D' | b'I', b'-', c, rest @ ..]
        if c.is_ascii_uppercase() && rest.iter().all(|b| b.is_ascii_alphabetic() || *b == b'.'))
}

/// A new name: one the tagger or a rule found, not the gazetteer's entity.
fn new_name(o: &Out) -> bool {
    matches!(o.target, Target::Text(_)) && o.source != MentionSource::Gazetteer
}

impl Pass<'_> {
    /// The last word of `name`, lower case, without a trailing full stop.
    pub(super) fn last_word(name: &str) -> String {
        let w = name.rsplit(' ').next().unwrap_or(name);
        crate::lexicon::lower(w.trim_end_matches('.'))
    }

    /// A word that ends an organisation's name: a company form or an organisation suffix.
    pub(super) fn org_end_word(&self, w: &str) -> bool {
        company_form(w) || self.lex().class(w).contains(WordClass::ORG_SUFFIX)
    }

    /// "X and Loan Association" is one organisation (module docs). `outs` is sorted and
    /// stays so.
    pub(super) fn join_names_before_heads(&self, outs: &mut Vec<Out>) {
        // A name no mention holds before "and" ("Procter and Gamble Co"), or one of a place
        // or demonym and such words ("American Telephone and Telegraph Co").
        let mut k = 0;
        while k < outs.len() {
            let b = &outs[k];
            let after_and = {
                let before = self.text[..b.start].trim_end();
                before.ends_with(" and") || before.ends_with(" &")
            };
            if b.kind != MentionKind::Organisation
                || !new_name(b)
                || !after_and
                || !self.one_word_and_heads(b)
            {
                k += 1;
                continue;
            }
            let Some(start) = self.bare_name_before_and(b.start) else {
                k += 1;
                continue;
            };
            let first = outs.partition_point(|o| o.end <= start);
            let inside = &outs[first..k];
            let place = |o: &Out| {
                matches!(o.kind, MentionKind::Location | MentionKind::Nationality)
                    && o.start >= start
            };
            if !inside.iter().all(place) {
                k += 1;
                continue;
            }
            // The country of a place or demonym taken in, as the name rules give it.
            let country = inside.iter().find_map(|o| o.counts.clone());
            let name = collapse(&self.text[start..outs[k].end]);
            let b = &mut outs[k];
            if b.counts.is_none() {
                b.counts = country.map(|(c, _)| (c, RULE_ORG_WEIGHT));
            }
            b.start = start;
            b.target = self.rule_organisation(name);
            b.single = false;
            b.part = self.part_at(start);
            outs.drain(first..k);
            k = first + 1;
        }
        let mut i = 0;
        while i + 1 < outs.len() {
            if self.joins_at_and(&outs[i], &outs[i + 1])
                || self.two_surname_firm(&outs[i], &outs[i + 1])
            {
                let b = self.join_into_organisation(outs, i);
                let a = &mut outs[i];
                a.counts = a.counts.take().or(b.counts);
            }
            i += 1;
        }
    }

    /// Makes `outs[i]`, "and", `outs[i + 1]` one organisation found by a rule, named by the
    /// text they span, in `outs[i]`; returns `outs[i + 1]`, removed. Its country is the
    /// caller's to set.
    fn join_into_organisation(&self, outs: &mut Vec<Out>, i: usize) -> Out {
        let name = collapse(&self.text[outs[i].start..outs[i + 1].end]);
        let target = self.rule_organisation(name);
        self.join_as(outs, i, target)
    }

    /// [`Pass::join_into_organisation`] with the organisation given.
    fn join_as(&self, outs: &mut Vec<Out>, i: usize, target: Target) -> Out {
        let b = outs.remove(i + 1);
        let a = &mut outs[i];
        a.end = b.end;
        a.kind = MentionKind::Organisation;
        a.target = target;
        a.single = false;
        a.source = MentionSource::Rule;
        a.confidence = a.confidence.min(b.confidence);
        a.listed = true;
        b
    }

    /// Whether only "and" or "&" stands between `a` and `b`, in one paragraph.
    fn joined_by_and(&self, a: &Out, b: &Out) -> bool {
        let between = &self.text[a.end..b.start];
        let mut words = between.split_whitespace();
        matches!(words.next(), Some("and" | "&"))
            && words.next().is_none()
            && !between.contains("\n\n")
    }

    /// Two one-word names with only a comma between them that together name an organisation
    /// the gazetteer knows ("Goldman, Sachs", a firm written in its old style) are that
    /// organisation. `outs` is sorted and stays so.
    pub(super) fn join_comma_known_firms(&self, outs: &mut Vec<Out>) {
        let one_word = |w: &str| w.starts_with(char::is_uppercase) && !w.contains(' ');
        let mut i = 0;
        while i + 1 < outs.len() {
            let (a, b) = (&outs[i], &outs[i + 1]);
            let (first, second) = (&self.text[a.start..a.end], &self.text[b.start..b.end]);
            if &self.text[a.end..b.start] == ", " && one_word(first) && one_word(second) {
                if let Some(id) = self.known_organisation(&format!("{first} {second}")) {
                    self.join_as(outs, i, Target::Gaz(id));
                    outs[i].counts = self.organisation_counts(id);
                }
            }
            i += 1;
        }
    }

    /// "The Bank", "The Exchange", "The Fund": a new organisation named by "The" and one
    /// word that is a word of an organisation the story names in full ("Bank of England",
    /// "London Stock Exchange", "International Monetary Fund") is that organisation, the
    /// nearest named before it (else the first after), when the word is one that heads or
    /// ends organisations' names. Otherwise it stays as it is ("The Times" is no "Financial
    /// Times").
    pub(super) fn link_the_head_word(&self, outs: &mut [Out]) {
        for k in 0..outs.len() {
            let o = &outs[k];
            let Target::Text(name) = &o.target else {
                continue;
            };
            let Some(head) = name.strip_prefix("The ") else {
                continue;
            };
            // The word must be one that heads or ends organisations' names ("Bank",
            // "Exchange", "Department"): "The Times" is no "Financial Times".
            if o.kind != MentionKind::Organisation
                || head.contains(' ')
                || !head.starts_with(char::is_uppercase)
                || !self
                    .lex()
                    .class(head)
                    .intersects(WordClass::ORG_SUFFIX | WordClass::ORG_HEAD)
            {
                continue;
            }
            let names_head = |p: &Out| {
                let full = self.target_name(&p.target);
                p.kind == MentionKind::Organisation
                    && !full.starts_with("The ")
                    && full.contains(' ')
                    && full.split(' ').any(|w| w == head)
            };
            let before = outs[..k].iter().rev().find(|p| names_head(p));
            let found = before.or_else(|| outs[k + 1..].iter().find(|p| names_head(p)));
            if let Some(p) = found {
                let (target, counts) = (p.target.clone(), p.counts.clone());
                let o = &mut outs[k];
                o.target = target;
                o.counts = counts;
                o.source = MentionSource::Rule;
            }
        }
    }

    /// Where the stock ticker Reuters writes right after a firm's name ends: " <DRYR>",
    /// " <SHOL.T>" (one to eight capitals, digits or stops in angle brackets), from byte
    /// `end` of the name; `None` when none follows.
    fn ticker_at(&self, end: usize) -> Option<usize> {
        let rest = self.text[end..].strip_prefix(" <")?;
        let len = rest
            .bytes()
            .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'.')
            .count();
        ((1..=8).contains(&len)
            && rest.as_bytes()[0].is_ascii_uppercase()
            && rest[len..].starts_with('>'))
        .then_some(end + 2 + len + 1)
    }

    /// A ticker the tagger read as a name of its own ("Dreyer's Grand Ice Cream <DRYR>") is
    /// the firm named right before it: the mention takes that firm's entity, so that the
    /// ticker is no organisation of its own.
    pub(super) fn link_tickers(&self, outs: &mut [Out]) {
        for k in 1..outs.len() {
            let (before, o) = (&outs[k - 1], &outs[k]);
            if before.kind == MentionKind::Organisation
                && self.ticker_at(before.end) == Some(o.end + 1)
                && self.text[..o.start].ends_with('<')
            {
                let (target, counts) = (before.target.clone(), before.counts.clone());
                let o = &mut outs[k];
                o.kind = MentionKind::Organisation;
                o.target = target;
                o.counts = counts;
                o.source = MentionSource::Rule;
            }
        }
    }

    /// "Ford" for Ford Motor, "Salomon" for Salomon Brothers: a new organisation of one word
    /// that opens the name of exactly one other organisation of the story, whose other
    /// word is a firm's ending ("Industries", "International", "Holdings", "Bank";
    /// "Brothers", "Motor"), is that organisation. Not after a body's head ("EC" is no "EC
    /// Commission"), nor before a place or a word of another kind ("Chrysler Canada" and
    /// "BBC News" are units of their own), nor for a name the gazetteer knows.
    pub(super) fn link_first_words(&self, outs: &mut [Out]) {
        for k in 0..outs.len() {
            let o = &outs[k];
            let Target::Text(word) = &o.target else {
                continue;
            };
            if o.kind != MentionKind::Organisation
                || word.contains(' ')
                || self.known_organisation(word).is_some()
            {
                continue;
            }
            let mut longer = outs.iter().filter(|p| {
                p.kind == MentionKind::Organisation && {
                    let full = self.target_name(&p.target);
                    full.strip_prefix(word.as_str())
                        .and_then(|rest| rest.strip_prefix(' '))
                        .is_some_and(|rest| {
                            let class = self.lex().class(rest);
                            !rest.contains(' ')
                                && (class.contains(WordClass::ORG_SUFFIX)
                                    || matches!(rest, "Brothers" | "Motor"))
                                && !class.contains(WordClass::ORG_HEAD)
                        })
                }
            });
            let Some(first) = longer.next() else {
                continue;
            };
            let target = first.target.clone();
            if longer.any(|p| p.target != target) {
                continue;
            }
            let counts = first.counts.clone();
            let o = &mut outs[k];
            o.target = target;
            o.counts = counts;
            o.source = MentionSource::Rule;
        }
    }

    /// "Wagner and Brown" is one firm (module docs). `outs` is sorted and stays so.
    pub(super) fn join_two_name_firms(&self, outs: &mut Vec<Out>) {
        // The aliases taken into a firm: (alias, its organisation, the firm).
        let mut taken: Vec<(String, u32, Target)> = Vec::new();
        let mut i = 0;
        while i + 1 < outs.len() {
            if self.two_name_firm(outs, i) {
                // The alias's side, before the join names it: (its text, its organisation).
                let alias = [&outs[i], &outs[i + 1]]
                    .into_iter()
                    .find_map(|o| match o.target {
                        Target::Gaz(id) => Some((self.text[o.start..o.end].to_string(), id)),
                        Target::Text(_) => None,
                    });
                self.join_into_organisation(outs, i);
                outs[i].counts = None;
                if let Some((alias, id)) = alias {
                    taken.push((alias, id, outs[i].target.clone()));
                }
            }
            i += 1;
        }
        // The same alias elsewhere in the story ("WAGNER/BROWN BID" in the headline) is the
        // firm too.
        for o in outs.iter_mut() {
            let Target::Gaz(id) = o.target else {
                continue;
            };
            let surface = &self.text[o.start..o.end];
            if let Some((_, _, firm)) = taken
                .iter()
                .find(|(alias, of, _)| *of == id && alias.eq_ignore_ascii_case(surface))
            {
                o.kind = MentionKind::Organisation;
                o.target = firm.clone();
                o.counts = None;
                o.source = MentionSource::Rule;
            }
        }
    }

    /// Whether `outs[i]`, "and" or "&", `outs[i + 1]` is a firm of two names: one side a
    /// known organisation's one-word alias, the other a new person of one word.
    fn two_name_firm(&self, outs: &[Out], i: usize) -> bool {
        let (a, b) = (&outs[i], &outs[i + 1]);
        if !self.joined_by_and(a, b) || self.caps_at(a.start) {
            return false;
        }
        let surface = |o: &Out| &self.text[o.start..o.end];
        // One word, capitalised, not an acronym: "Brown", "O'Neill".
        let one_word = |o: &Out| {
            let w = surface(o);
            w.starts_with(char::is_uppercase)
                && w.chars().any(char::is_lowercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\''))
        };
        let alias = |o: &Out| {
            o.kind == MentionKind::Organisation
                && matches!(o.target, Target::Gaz(id)
                    if self.gaz().entities[id as usize].name != surface(o))
        };
        // A person's name: "Chase and Citibank", "Citibank and MCorp" are two firms.
        let bare = |o: &Out| {
            o.kind == MentionKind::Person
                && new_name(o)
                && matches!(&o.target, Target::Text(n) if n == surface(o))
        };
        if !one_word(a) || !one_word(b) || !(alias(a) && bare(b) || bare(a) && alias(b)) {
            return false;
        }
        // Not inside a longer run of capitalised words.
        let (ta, tb) = (self.tok_from(a.start), self.tok_from(b.end));
        let toks = &self.buf.toks;
        if ta > 0 && toks[ta].join && !toks[ta].sent && toks[ta - 1].cap {
            return false;
        }
        if tb < toks.len() && toks[tb].join && toks[tb].cap {
            return false;
        }
        // Neither the surname of a person named in full ("Ulrich Wagner").
        let named_in_full = |w: &str| {
            outs.iter().any(|o| {
                o.kind == MentionKind::Person
                    && self
                        .target_name(&o.target)
                        .rsplit_once(' ')
                        .is_some_and(|(_, last)| last == w)
            })
        };
        !named_in_full(surface(a)) && !named_in_full(surface(b))
    }

    /// A new person of two words or more whose last word names a body ("House Ways and Means
    /// Committee" read from "Means Committee", "Valley Bancorp", "Wharton School", "Deutsche
    /// Boerse") is an organisation; one whose last word names a plan, an agreement or a
    /// disease ("Paris Accord", "Marshall Plan", "Acquired Immune Deficiency Syndrome") is
    /// no person, organisation or place, and goes; so does a new organisation named as an
    /// event (module docs).
    pub(super) fn people_named_as_bodies_or_plans(&self, outs: &mut Vec<Out>) {
        let mut plans = Vec::new();
        for (k, o) in outs.iter_mut().enumerate() {
            // A new organisation of two words or more named as an event ("the General
            // Election", "Academy Awards", "Consumer Electronics Show") is no actor either.
            if o.kind == MentionKind::Organisation && new_name(o) {
                let name = &self.text[o.start..o.end];
                if name.contains(' ') && EVENT_WORDS.contains(&Self::last_word(name).as_str()) {
                    plans.push(k);
                }
                continue;
            }
            if o.kind != MentionKind::Person || !new_name(o) {
                continue;
            }
            let name = &self.text[o.start..o.end];
            if !name.contains(' ') {
                continue;
            }
            let last = Self::last_word(name);
            if PLAN_WORDS.contains(&last.as_str()) {
                plans.push(k);
            } else if self.lex().class(&last).contains(WordClass::ORG_SUFFIX)
                || BODY_WORDS.contains(&last.as_str())
            {
                o.kind = MentionKind::Organisation;
                o.target = self.rule_organisation(collapse(name));
            }
        }
        // An event's acronym in brackets after its name ("Consumer Electronics Show (CES)")
        // goes with it, wherever the story writes it.
        let mut acronyms: Vec<&str> = Vec::new();
        for &k in &plans {
            let (o, next) = (&outs[k], outs.get(k + 1));
            if let Some(n) = next.filter(|n| {
                n.kind == MentionKind::Organisation
                    && new_name(n)
                    && &self.text[o.end..n.start] == " ("
                    && self.text[n.end..].starts_with(')')
            }) {
                let acronym = &self.text[n.start..n.end];
                if acronym.len() >= 2 && !acronym.chars().any(char::is_lowercase) {
                    acronyms.push(acronym);
                }
            }
        }
        if !acronyms.is_empty() {
            for (k, o) in outs.iter().enumerate() {
                if o.kind == MentionKind::Organisation
                    && new_name(o)
                    && acronyms.contains(&&self.text[o.start..o.end])
                    && !plans.contains(&k)
                {
                    plans.push(k);
                }
            }
            plans.sort_unstable();
        }
        for k in plans.into_iter().rev() {
            outs.remove(k);
        }
    }

    /// People listed as organisations or places. In a line that is a list of names,
    /// separated by commas and brackets alone (a team's line-up: "Dudek, Finnan, Traore
    /// (Biscan 67), Morientes (Baros 74)."; a label before it, "Subs Not Used:", and a full
    /// stop after), of three names or more, at least two and at least half of them people
    /// or the surname alone of a person the story names in full, the new
    /// organisations and places of one or two words are people too. Not a list inside a
    /// sentence ("in West Caldwell, North Brunswick, Moonachie"). Runs before coreference,
    /// which links them to the names in full. A name in brackets is a substitute only with
    /// the minute after it ("(Biscan 67)"); alone it is a player's club ("Damien Traille
    /// (Biarritz)").
    pub(super) fn people_in_lists(&self, outs: &mut [Out]) {
        // Commas, full stops, numbers, and brackets around anything short ("(Nunez 56)").
        let punctuation = |gap: &str| {
            let mut inside: Option<usize> = None;
            for c in gap.chars() {
                match c {
                    '(' => inside = Some(0),
                    ')' => inside = None,
                    ' ' | ',' | '.' => {}
                    c if c.is_ascii_digit() => {}
                    _ => match &mut inside {
                        Some(n) if *n < 25 => *n += 1,
                        _ => return false,
                    },
                }
            }
            true
        };
        let separated = |a: &Out, b: &Out| {
            let between = &self.text[a.end..b.start];
            between.len() <= 30 && between.contains([',', '(']) && punctuation(between)
        };
        // The list is its line: before it at most a label ("Subs Not Used:"), after it a
        // full stop, brackets and numbers.
        let whole_line = |first: &Out, last: &Out| {
            let line_start = self.text[..first.start].rfind('\n').map_or(0, |k| k + 1);
            let label = self.text[line_start..first.start].trim();
            let line_end = self.text[last.end..]
                .find('\n')
                .map_or(self.text.len(), |k| last.end + k);
            (label.is_empty() || (label.ends_with(':') && label.len() <= 30))
                && punctuation(&self.text[last.end..line_end])
        };
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut from = 0;
        for i in 1..=outs.len() {
            if i == outs.len() || !separated(&outs[i - 1], &outs[i]) {
                if i - from >= 3 && whole_line(&outs[from], &outs[i - 1]) {
                    runs.push((from, i));
                }
                from = i;
            }
        }
        if runs.is_empty() {
            return;
        }
        // The surnames of the people the story names in full.
        let mut surnames: FxHashSet<String> = FxHashSet::default();
        for o in outs.iter().filter(|o| o.kind == MentionKind::Person) {
            if let Some((_, last)) = self.target_name(&o.target).rsplit_once(' ') {
                surnames.insert(crate::lexicon::lower(last));
            }
        }
        for (from, to) in runs {
            // Items written as the surname of someone named in full ("Gerrard" of "Steven
            // Gerrard"), whatever the tagger read them as.
            let people = outs[from..to]
                .iter()
                .filter(|o| {
                    let surface = &self.text[o.start..o.end];
                    o.kind == MentionKind::Person
                        || !surface.contains(' ')
                            && crate::lexicon::with_ascii_lower(surface, |w| surnames.contains(w))
                })
                .count();
            if people < 2 || people * 2 < to - from {
                continue;
            }
            for o in &mut outs[from..to] {
                let words = self.text[o.start..o.end].split(' ').count();
                // In brackets, a substitute comes with the minute ("(Biscan 67)"); a club
                // alone is the player's ("Damien Traille (Biarritz)").
                let bracketed = self.text[..o.start].trim_end().ends_with('(');
                let minute = self.text[o.end..]
                    .strip_prefix(' ')
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
                if (!bracketed || minute)
                    && matches!(o.kind, MentionKind::Organisation | MentionKind::Location)
                    && new_name(o)
                    && o.source == MentionSource::Tagger
                    && words <= 2
                    && self.text[o.start..o.end].chars().any(char::is_lowercase)
                {
                    o.kind = MentionKind::Person;
                    o.counts = None;
                    o.single = words == 1;
                }
            }
        }
    }

    /// A new person named by a given name alone ("David said", "Ray"), whom no full name in
    /// the story explains, names no one a reader can tell apart: it stays a mention, but is
    /// no person or actor of the story (module docs).
    pub(super) fn unlist_bare_given_names(&self, outs: &mut [Out]) {
        for o in outs.iter_mut() {
            if o.kind != MentionKind::Person || !new_name(o) {
                continue;
            }
            let Target::Text(name) = &o.target else {
                continue;
            };
            if name.contains(' ') || !self.lex().is_given(name) {
                continue;
            }
            // "King Hussein", "Prince Charles": an honorific makes the given name one
            // person's; after a title ("Mr Howard") the name is a surname.
            let t = self.tok_from(o.start);
            let titled = t > 0 && self.has(t - 1, WordClass::TITLE);
            if !titled && !self.after_honorific(o.start) {
                o.listed = false;
            }
        }
    }

    /// Whether `a`, "and" or "&", `b`, two new one-word people, are a firm named for two
    /// people: the same name twice ("Johnson and Johnson"), or a pair named as a firm
    /// ("economist at Phillips and Drew", "brokers Smith and Jones").
    fn two_surname_firm(&self, a: &Out, b: &Out) -> bool {
        let one_word = |o: &Out| {
            o.kind == MentionKind::Person && new_name(o) && !self.text[o.start..o.end].contains(' ')
        };
        if !one_word(a) || !one_word(b) {
            return false;
        }
        let between = &self.text[a.end..b.start];
        (between == " and " || between == " & ")
            && (self.text[a.start..a.end] == self.text[b.start..b.end]
                || self.firm_context(a.start, b.end))
    }

    /// Whether `a`, "and" or "&", `b` is one organisation's name.
    fn joins_at_and(&self, a: &Out, b: &Out) -> bool {
        if !matches!(a.kind, MentionKind::Organisation | MentionKind::Person)
            || b.kind != MentionKind::Organisation
            || !new_name(a)
            || !new_name(b)
        {
            return false;
        }
        if !self.joined_by_and(a, b) {
            return false;
        }
        let a_text = &self.text[a.start..a.end];
        if self.org_end_word(&Self::last_word(a_text))
            || [" of ", " and ", " & "].iter().any(|w| a_text.contains(w))
        {
            // A complete name: "Chrysler Corp and American Motors Corp", "New York State
            // Department of Health and State University", "Ogilvy & Mather and Cordiant".
            return false;
        }
        // "Lufthansa and British Airways": a place or demonym opens a name of its own.
        let b_first = self.tok_from(b.start);
        if self.gm_at(b_first).is_some() {
            return false;
        }
        self.one_word_and_heads(b)
    }

    /// Where one or two capitalised words before "and"/"&" and byte `b_start` start, when
    /// they are no common word, acronym or company form, on the same line.
    fn bare_name_before_and(&self, b_start: usize) -> Option<usize> {
        let t = self.tok_from(b_start);
        let before = self.text[..b_start].trim_end();
        let before = before
            .strip_suffix(" and")
            .or_else(|| before.strip_suffix(" &"))?;
        if before.ends_with(char::is_whitespace) || t == 0 {
            return None;
        }
        // The token before "and" (or before "&", which is no token).
        let mut k = self.tok_from(before.len()).checked_sub(1)?;
        if self.buf.toks[k].end != before.len() {
            return None;
        }
        // A capitalised common word inside a sentence is a name's word too ("Economic"), but
        // not after a comma, where it may be a list's item ("Goldenbell, United and Inca").
        let name_word = |k: usize| {
            let tok = self.buf.toks[k];
            let common = self.has(k, WordClass::COMMON);
            tok.cap
                && !tok.upper
                && !tok.caps
                && !self.has(k, WordClass::TITLE | WordClass::ORG_SUFFIX)
                && !(common && (tok.sent || tok.comma))
                && !company_form(&crate::lexicon::lower(self.word(k)))
        };
        if !name_word(k) {
            return None;
        }
        // Back over at most two more capitalised words: name words, or a place or demonym
        // the gazetteer matched ("American").
        let place = |k: usize| {
            self.gm_at(k).is_some_and(|g| {
                g.cands.iter().all(|c| {
                    matches!(
                        self.gaz().entities[c.entity as usize].kind,
                        Kind::Country | Kind::Place
                    )
                })
            })
        };
        let lowest = k.saturating_sub(2);
        while k > lowest
            && self.buf.toks[k].join
            && !self.buf.toks[k].comma
            && !self.buf.toks[k].sent
            && (name_word(k - 1) || (place(k - 1) && self.buf.toks[k - 1].cap))
        {
            k -= 1;
        }
        // Not inside a longer capitalised run; a capitalised common word before it is no part
        // of one ("The West African Economic and Monetary Union").
        if k > 0
            && self.buf.toks[k].join
            && self.buf.toks[k - 1].cap
            && !self.buf.toks[k].sent
            && !self.has(k - 1, WordClass::COMMON)
        {
            return None;
        }
        Some(self.buf.toks[k].start)
    }

    /// Whether organisation `b` is one word then one or more suffixes and company forms
    /// ("Loan Association", "Gamble Co", "Loan Insurance Corp"), the word no acronym.
    fn one_word_and_heads(&self, b: &Out) -> bool {
        // "Loan Association of Miami": the place after "of" is no part of the head.
        let b_text = &self.text[b.start..b.end];
        let b_text = b_text.split_once(" of ").map_or(b_text, |(head, _)| head);
        // Words from the last: suffixes, forms and heads ("Monetary Union"), then exactly one
        // word before them.
        let mut words = b_text.split_whitespace().rev();
        let mut forms = 0;
        let first = loop {
            match words.next() {
                Some(w)
                    if {
                        let w = crate::lexicon::lower(w.trim_end_matches('.'));
                        company_form(&w)
                            || self
                                .lex()
                                .class(&w)
                                .intersects(WordClass::ORG_SUFFIX | WordClass::ORG_HEAD)
                    } =>
                {
                    forms += 1
                }
                Some(w) => break w,
                None => return false,
            }
        };
        if forms == 0 || words.next().is_some() {
            return false;
        }
        let acronym = first.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !first.chars().any(char::is_lowercase);
        // "The Office", a television series as often as a body.
        first.starts_with(char::is_uppercase) && !acronym && first != "The"
    }

    /// Drops the offices, cut names and groups of people read as organisations (module
    /// docs).
    pub(super) fn drop_office_and_cut_names(&self, outs: &mut Vec<Out>) {
        let mut drop = vec![false; outs.len()];
        for (k, o) in outs.iter().enumerate() {
            if o.kind != MentionKind::Organisation || !new_name(o) {
                continue;
            }
            let name = &self.text[o.start..o.end];
            let last = Self::last_word(name);
            if self.caps_at(o.start) {
                // A headline's one word for people: "BANKERS SEE ...".
                drop[k] = !name.contains(' ') && PEOPLE_PLURALS.contains(&last.as_str());
                continue;
            }
            // "National Association of Securities Dealers" is an organisation.
            let headed = || {
                name.split_whitespace().any(|w| {
                    w.starts_with(char::is_lowercase)
                        || self
                            .lex()
                            .class(w)
                            .intersects(WordClass::ORG_SUFFIX | WordClass::ORG_HEAD)
                })
            };
            // "U.S. Banks" are many; "Marine Midland Banks" is one.
            let plural = PEOPLE_PLURALS.contains(&last.as_str())
                || (GROUP_PLURALS.contains(&last.as_str()) && self.country_and(o, GROUP_PLURALS));
            if plural && !headed() {
                drop[k] = true;
                continue;
            }
            if self.country_and_portfolio(o) {
                drop[k] = true;
                continue;
            }
            let t = self.tok_from(o.end);
            if t >= self.buf.toks.len() || !self.buf.toks[t].join || !self.buf.toks[t].cap {
                continue;
            }
            if self.is_title_word(t) {
                drop[k] = self.office_before_person(outs, k, t, &last);
            } else {
                drop[k] = self.cut_short(outs, k, t);
            }
        }
        let mut k = 0;
        outs.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
    }

    /// Whether `o` is a new organisation naming a state body by common words alone, with
    /// no country of its own (module docs).
    pub(super) fn common_state_body(&self, o: &Out) -> bool {
        let Target::Text(name) = &o.target else {
            return false;
        };
        if o.kind != MentionKind::Organisation || !new_name(o) || o.counts.is_some() {
            return false;
        }
        if name.starts_with("The ") {
            return false;
        }
        let last = Self::last_word(name);
        let bodies = if name.contains(' ') {
            STATE_BODIES
        } else {
            ONE_WORD_STATE_BODIES
        };
        bodies.contains(&last.as_str())
            && name.split(' ').all(|w| {
                let class = self.lex().class(w);
                w.starts_with(char::is_lowercase)
                    || class.contains(WordClass::ENGLISH)
                        && !class.contains(WordClass::GIVEN)
                        && self.gaz().resolve_country(w).is_none()
            })
    }

    /// The country named right before `outs[k]`: "Japan's" or "the Brazilian" before
    /// "Finance Ministry".
    pub(super) fn country_before<'o>(&self, outs: &'o [Out], k: usize) -> Option<&'o str> {
        let before = outs.get(k.checked_sub(1)?)?;
        if !matches!(
            before.kind,
            MentionKind::Location | MentionKind::Nationality
        ) {
            return None;
        }
        let between = self.text.get(before.end..outs[k].start)?;
        let between = between
            .strip_prefix("'s")
            .or_else(|| between.strip_prefix("’s"))
            .unwrap_or(between);
        if !between.chars().all(|c| c == ' ') || between.len() > 2 {
            return None;
        }
        before.counts.as_ref().map(|(cc, _)| cc.as_str())
    }

    /// `name` with the short name of country `code`: "Finance Ministry (Japan)".
    pub(super) fn with_country(&self, name: &str, code: &str) -> String {
        match self.gaz().country(code) {
            Some(c) => format!("{name} ({})", c.name),
            None => format!("{name} ({code})"),
        }
    }

    /// Drops the labels read as names (module docs): a share class or series ("Class A"),
    /// a legislator's party and state ("R-Minn.").
    pub(super) fn drop_labels(&self, outs: &mut Vec<Out>) {
        outs.retain(|o| {
            if !matches!(o.kind, MentionKind::Person | MentionKind::Organisation) || !new_name(o) {
                return true;
            }
            let name = &self.text[o.start..o.end];
            !(party_and_state(name)
                || !self.caps_at(o.start)
                    && (self.before_lone_capital(name, o.end)
                        || o.kind == MentionKind::Person && self.eponym(name, o.start, o.end)))
        });
    }

    /// Whether the one-word `name` at `start..end` is written between "the" and a lower-case
    /// word: a name lent to a thing ("the Richter scale", "the Dow index"), not a person; but
    /// "the Clinton administration" and "the Smith family" name the person.
    fn eponym(&self, name: &str, start: usize, end: usize) -> bool {
        let before = self.text[..start].trim_end_matches(' ');
        let the = before.len() + 1 == start
            && before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("the"));
        let next = self.text[end..].strip_prefix(' ').unwrap_or("");
        let word = next
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        !name.contains(' ')
            && the
            && word.starts_with(|c: char| c.is_ascii_lowercase())
            && !PEOPLE_AROUND.contains(&word)
    }

    /// Whether the one-word `name` ending at byte `end` comes right before a lone capital
    /// letter, no initial (no full stop after it): "Class A", not "John F. Kennedy".
    fn before_lone_capital(&self, name: &str, end: usize) -> bool {
        if name.contains(' ') {
            return false;
        }
        let rest = &self.text.as_bytes()[end..];
        matches!(rest, [b' ', c, tail @ ..] if c.is_ascii_uppercase()
            && tail.first().is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'.'))
    }

    /// Whether organisation `o` is a country's name and portfolios only ("U.S. Trade" in
    /// "the U.S. Trade deficit", "EC External Trade").
    fn country_and_portfolio(&self, o: &Out) -> bool {
        self.country_and(o, PORTFOLIOS)
    }

    /// Whether `o` is a country's name (or an international body's), then only words of
    /// `words`, in lower case.
    fn country_and(&self, o: &Out, words: &[&str]) -> bool {
        let (lo, hi) = (self.tok_from(o.start), self.tok_from(o.end));
        let country = |t: usize| {
            self.gm_at(t).is_some_and(|g| {
                g.cands.iter().any(|c| {
                    let e = &self.gaz().entities[c.entity as usize];
                    e.kind == Kind::Country
                        || (e.kind == Kind::Organisation
                            && e.org_type == crate::gazetteer::OrgType::International)
                })
            })
        };
        let mut t = lo;
        while t < hi && country(t) {
            t += 1;
        }
        t > lo
            && t < hi
            && (t..hi).all(|u| words.contains(&crate::lexicon::lower(self.word(u)).as_str()))
    }

    /// Token `t` is a title: "Representative", "Vice-Chairman", "Undersecretary".
    fn is_title_word(&self, t: usize) -> bool {
        let w = self.word(t);
        let title = |w: &str| self.lex().class(w).intersects(WordClass::TITLE);
        let lower = crate::lexicon::lower(w);
        title(w)
            || w.split('-').all(title)
            || ["under", "vice", "deputy"]
                .iter()
                .any(|p| lower.strip_prefix(p).is_some_and(&title))
    }

    /// Whether the organisation `outs[k]`, ending on `last` and followed by the title at
    /// token `t`, is the first half of an office before a person.
    fn office_before_person(&self, outs: &[Out], k: usize, t: usize, last: &str) -> bool {
        let class = self.lex().class(last);
        if !(class.contains(WordClass::COMMON) || PORTFOLIOS.contains(&last))
            || class.intersects(WordClass::ORG_SUFFIX | WordClass::ORG_HEAD)
            || BODIES.contains(&last)
        {
            return false;
        }
        // Titles, then a person.
        let mut u = t;
        while u < self.buf.toks.len() && self.buf.toks[u].join && self.is_title_word(u) {
            u += 1;
        }
        let Some(next) = outs.get(k + 1) else {
            return false;
        };
        u < self.buf.toks.len()
            && u > t
            && self.buf.toks[u].join
            && next.kind == MentionKind::Person
            && next.start == self.buf.toks[u].start
    }

    /// Whether the organisation `outs[k]`, followed by the capitalised token `t`, is cut
    /// short: one or two capitalised words follow in the sentence and end the name.
    fn cut_short(&self, outs: &[Out], k: usize, t: usize) -> bool {
        if outs
            .get(k + 1)
            .is_some_and(|n| n.start == self.buf.toks[t].start)
        {
            return false; // another mention follows
        }
        // A known organisation inside ("BBC Radio Five Live") is a name the tagger read.
        let o = &outs[k];
        let known_inside = (self.tok_from(o.start)..t).any(|u| {
            self.gm_at(u).is_some_and(|g| {
                g.cands
                    .iter()
                    .any(|c| self.gaz().entities[c.entity as usize].kind == Kind::Organisation)
            })
        });
        // Nor is one holding an acronym ("BBC Radio Five Live").
        let acronym_inside = self.text[o.start..o.end].split_whitespace().any(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !w.chars().any(char::is_lowercase)
                && !w.contains('.')
        });
        if known_inside || acronym_inside {
            return false;
        }
        let n = self.buf.toks.len();
        let mut u = t;
        while u < n && u < t + 3 && (u == t || self.buf.toks[u].join) && self.buf.toks[u].cap {
            let w = crate::lexicon::lower(self.word(u));
            if self.buf.toks[u].sent
                || self.buf.toks[u].upper
                || calendar_word(&w)
                || self.org_end_word(&w)
                || self.has(u, WordClass::TITLE | WordClass::PARTICLE)
            {
                return false;
            }
            u += 1;
        }
        // One or two words, then the name ends: no capitalised word joined after.
        let ends = u == n || !(self.buf.toks[u].join && self.buf.toks[u].cap);
        u > t && u <= t + 2 && ends
    }

    /// Firms named after people (module docs): the people read as firms become
    /// organisations, in the whole story.
    pub(super) fn firms_written_as_people(&self, outs: &mut Vec<Out>) {
        let mut firms: Vec<(String, Target)> = Vec::new();
        let mut extended = false;
        for k in 0..outs.len() {
            // A person's affiliation: "Caroline Levy of E.F. Hutton".
            let affiliation = k > 0
                && outs[k - 1].kind == MentionKind::Person
                && &self.text[outs[k - 1].end..outs[k].start] == " of ";
            let o = &outs[k];
            let Target::Text(name) = &o.target else {
                continue;
            };
            if o.source == MentionSource::Gazetteer {
                continue;
            }
            // A name of one word, not linked to a longer one, has cues of its own.
            let one_word = !name.contains(' ') && !self.text[o.start..o.end].contains(' ');
            if o.kind == MentionKind::Organisation {
                // A new organisation of one word the story names as a firm or a club where
                // the tagger took it for one ("as Chelsea manager") makes its other
                // mentions, read as a person, that organisation.
                if one_word
                    && name.chars().any(char::is_lowercase)
                    && (self.one_word_firm_context(o.start, o.end)
                        || self.firm_context(o.start, o.end))
                    && !firms.iter().any(|(n, _)| n == name)
                {
                    firms.push((name.clone(), o.target.clone()));
                }
                continue;
            }
            if o.kind != MentionKind::Person {
                continue;
            }
            let tail = self.company_tail(o.end);
            let firm = tail.is_some()
                || affiliation
                // A ticker after the name: "HARPER <HPR>"; not after a surname the story
                // gives a person's full name for ("JEFFERIES <JEFG>" and Boyd Jefferies).
                || (self.ticker_at(o.end).is_some()
                    && name.eq_ignore_ascii_case(&collapse(&self.text[o.start..o.end])))
                || self.firm_context(o.start, o.end)
                || (one_word
                    && (self.one_word_firm_context(o.start, o.end)
                        || self.listed_with_organisations(outs, k)
                        || self.owns_the_next_person(outs, k)));
            if !firm {
                continue;
            }
            let name = name.clone();
            let o = &mut outs[k];
            let target = self
                .known_organisation(&name)
                .map_or(Target::Text(name.clone()), Target::Gaz);
            o.kind = MentionKind::Organisation;
            o.target = target.clone();
            o.counts = None;
            if let Some(end) = tail {
                o.end = end;
                o.single = false;
                extended = true;
            }
            if !firms.iter().any(|(n, _)| *n == name) {
                firms.push((name, target));
            }
        }
        if extended {
            // A mention inside a company form taken in ("Ltd") goes.
            *outs = super::drop_overlaps(std::mem::take(outs));
        }
        // New firms the story writes with a company form ("E.F. Hutton and Co").
        for o in outs.iter() {
            if let Target::Text(name) = &o.target {
                if o.kind == MentionKind::Organisation
                    && without_company_form(&self.text[o.start..o.end]).is_some()
                    && !firms.iter().any(|(n, _)| n == name)
                {
                    firms.push((name.clone(), o.target.clone()));
                }
            }
        }
        if firms.is_empty() {
            return;
        }
        // The same name elsewhere in the story, in full or by its last word ("Hutton said").
        for o in outs.iter_mut() {
            let Target::Text(name) = &o.target else {
                continue;
            };
            let single = !name.contains(' ');
            if o.kind != MentionKind::Person && !(single && o.kind == MentionKind::Organisation) {
                continue;
            }
            let firm = firms.iter().find(|(firm, _)| {
                (firm == name && o.kind == MentionKind::Person)
                    || (single
                        && firm.contains(' ')
                        && firm
                            .rsplit(' ')
                            .next()
                            .is_some_and(|last| last.eq_ignore_ascii_case(name)))
            });
            if let Some((_, target)) = firm {
                o.kind = MentionKind::Organisation;
                o.target = target.clone();
                o.counts = None;
            }
        }
    }

    /// Whether the one-word person `outs[k]` is followed by "'s" and a person named in two
    /// words or more: a club's or a firm's own man, "Chelsea's Damien Duff" (the given names
    /// of [`Pass::one_word_firm_context`] do not hold every player's).
    fn owns_the_next_person(&self, outs: &[Out], k: usize) -> bool {
        let Some(next) = outs.get(k + 1) else {
            return false;
        };
        next.kind == MentionKind::Person
            && self.text.get(outs[k].end..next.start) == Some("'s ")
            && self.text[next.start..next.end].contains(' ')
    }

    /// Where a company form written after byte `end` ends: " Inc", ", Inc", " and Co Ltd",
    /// " and Company Inc", " & Co", " (Holdings) Ltd"; `None` when none follows.
    fn company_tail(&self, end: usize) -> Option<usize> {
        // The words after `end` on the line, each with the gap before it and its end.
        let mut pos = end;
        let mut next = || -> Option<(&str, &str, usize)> {
            let rest = &self.text[pos..];
            let word_start = rest.find(|c: char| c != ' ' && c != ',')?;
            let gap = &rest[..word_start];
            let word = &rest[word_start..];
            let len = word
                .find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '<' | '"'))
                .unwrap_or(word.len());
            pos += word_start + len;
            Some((gap, &word[..len], pos))
        };
        let form = |w: &str| {
            w.starts_with(char::is_uppercase)
                && company_form(&crate::lexicon::lower(w.trim_end_matches('.')))
        };
        let (gap, mut word, mut word_end) = next()?;
        if gap.is_empty() || gap.matches(',').count() > 1 {
            return None;
        }
        let paren = word.len() > 2
            && word.starts_with('(')
            && word.ends_with(')')
            && word[1..].starts_with(char::is_uppercase);
        let joined = matches!(word, "and" | "&");
        if joined || paren {
            let (gap, w, e) = next()?;
            if gap != " " {
                return None;
            }
            (word, word_end) = (w, e);
        }
        // "E.F. Hutton and Company Inc": "Company" only after the joiner.
        if !(form(word) || (joined && word == "Company")) {
            return None;
        }
        let mut tail = word_end;
        while let Some((gap, w, e)) = next() {
            if !matches!(gap, " " | ", ") || !form(w) {
                break;
            }
            tail = e;
        }
        Some(tail)
    }

    /// A new name with a possessive inside, which the tagger cuts at the "'s": "National
    /// People's Congress", "Fireman's Fund", "Hudson's Bay Co", "Musicians' Union". A new
    /// person, organisation or place followed by "'s" (or "'") and one to four capitalised words
    /// that end on an organisation's suffix, head or company form is one organisation; a
    /// known name before the possessive is left alone ("Bank of England's Monetary Policy
    /// Committee"), and so is one whose words after it hold a known person or organisation.
    /// `outs` is sorted and stays so.
    pub(super) fn join_possessive_names(&self, outs: &mut Vec<Out>) {
        let mut joined = false;
        for k in 0..outs.len() {
            let o = &outs[k];
            if !matches!(o.target, Target::Text(_))
                || !matches!(
                    o.kind,
                    MentionKind::Person | MentionKind::Organisation | MentionKind::Location
                )
            {
                continue;
            }
            let name = &self.text[o.start..o.end];
            let last = Self::last_word(name);
            // An owner before the possessive ("AMR Corp's American Airlines", "Conrad Black's
            // Hollinger International", "CBI's SME Council") is a name of its own.
            let complete = self.org_end_word(&last)
                || self.lex().class(&last).intersects(WordClass::ORG_HEAD)
                || !name.chars().any(char::is_lowercase)
                || (o.kind == MentionKind::Person && name.contains(' '));
            if complete {
                continue;
            }
            let rest = &self.text[o.end..];
            let Some(after) = ["'s ", "' ", "\u{2019}s "]
                .iter()
                .find_map(|p| rest.strip_prefix(p))
            else {
                continue;
            };
            // Members in the plural ("Coffee Growers' Federation", "Black Gay Men's Advisory
            // Group") may be followed by a name of several words; otherwise one word follows
            // ("McDonald's Corp", "Fireman's Fund"), or it is an owner's ("Mittal's LNM
            // Holdings").
            let plural = rest.starts_with("' ")
                || matches!(
                    last.as_str(),
                    "people" | "men" | "women" | "children" | "workers"
                );
            let most = if plural { 4 } else { 1 };
            let from = self.text.len() - after.len();
            let mut end = None;
            let mut at = from;
            for w in after.split(' ').take(most) {
                let word = w.trim_end_matches([',', '.', ';', ':']);
                if !word.starts_with(char::is_uppercase)
                    || !word
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '&')
                {
                    break;
                }
                if self.org_end_word(word) || self.lex().class(word).intersects(WordClass::ORG_HEAD)
                {
                    end = Some(at + word.len());
                }
                if word.len() != w.len() {
                    break;
                }
                at += w.len() + 1;
            }
            let Some(end) = end else {
                continue;
            };
            // "the Interior Department's Bureau of Mines": the name goes on past its head;
            // "National Amusements' Arsenal Holdings Inc": a firm's name of its own.
            let words_after = self.text[from..end].split(' ').count();
            if self.text[end..].starts_with(" of ")
                || (words_after > 1 && company_form(&Self::last_word(&self.text[from..end])))
            {
                continue;
            }
            let mut inside = outs[k + 1..].iter().take_while(|n| n.start < end);
            if inside.any(|n| {
                matches!(n.target, Target::Gaz(_))
                    && matches!(n.kind, MentionKind::Person | MentionKind::Organisation)
            }) {
                continue;
            }
            let o = &mut outs[k];
            o.end = end;
            o.kind = MentionKind::Organisation;
            o.target = Target::Text(super::names::collapse(&self.text[o.start..end]));
            o.counts = None;
            o.single = false;
            joined = true;
        }
        if joined {
            *outs = super::drop_overlaps(std::mem::take(outs));
        }
    }

    /// New names of one word that the story writes as a settlement's or an area's ("in the
    /// central town of Moura", "the village of Birao"), read by the tagger as a person or an
    /// organisation ("killed some 300 in Moura"): places, everywhere in the story. `outs` is
    /// sorted and stays so.
    pub(super) fn towns_written_as_names(&self, outs: &mut [Out]) {
        let mut towns: Vec<String> = Vec::new();
        for o in outs.iter() {
            let Target::Text(name) = &o.target else {
                continue;
            };
            if !matches!(o.kind, MentionKind::Person | MentionKind::Organisation)
                || o.source == MentionSource::Gazetteer
                || name.contains(' ')
                || self.text[o.start..o.end].contains(' ')
                || !name.chars().any(char::is_lowercase)
                || towns.contains(name)
            {
                continue;
            }
            let Some(before) = self.text[..o.start].strip_suffix(" of ") else {
                continue;
            };
            let noun = before.rsplit(char::is_whitespace).next().unwrap_or("");
            if PLACE_NOUNS.contains(&noun) {
                towns.push(name.clone());
            }
        }
        read_as_places(outs, &towns);
    }

    /// New names the story uses as a group's adjective or a building's name. A new person or
    /// organisation of one word (not an acronym) whose name is followed, in any of its mentions, by one of
    /// [`GROUP_NOUNS`] (at most one lower-case word between: "Dogon and Bambara farming
    /// communities" counts for both) names a people or a community, as CoNLL's MISC: its
    /// mentions go; so do those of a new name before "crude" or "blend" (an oil grade,
    /// "Brent crude"), and those of a new name right after one of [`WORK_NOUNS`], a work's
    /// title ("the drama Vera Drake"; not an acronym, nor a name opening with a given name
    /// after "game" or "single"). A new person followed by one of [`FACILITY_NOUNS`] ("the Radisson Blu
    /// hotel") is a place, in all its mentions; so is a new organisation (not an acronym)
    /// followed by one of [`ORG_PLACE_NOUNS`] ("the Khurais oilfield") or named "... Square".
    /// `outs` is sorted and stays so.
    pub(super) fn groups_and_buildings_written_as_names(&self, outs: &mut Vec<Out>) {
        let mut groups: Vec<String> = Vec::new();
        let mut works: Vec<String> = Vec::new();
        let mut buildings: Vec<String> = Vec::new();
        // The lower-case words after `end`, at most three, with "and" and a capitalised word
        // passed over ("Dogon and Bambara farming communities").
        let words_after = |end: usize| -> Vec<&str> {
            let mut words = self.text[end..].split_whitespace().take(5);
            let mut out = Vec::new();
            while let Some(raw) = words.next() {
                let w = raw.trim_end_matches([',', '.', ';', ':', ')']);
                let last = w.len() < raw.len();
                if w == "and" && out.is_empty() {
                    // The next word must be a capitalised one, the other name.
                    if !words
                        .next()
                        .is_some_and(|n| n.starts_with(char::is_uppercase))
                    {
                        break;
                    }
                    continue;
                }
                if !w.starts_with(|c: char| c.is_lowercase()) || out.len() == 2 {
                    break;
                }
                out.push(w);
                if last {
                    break;
                }
            }
            out
        };
        for o in outs.iter() {
            let Target::Text(name) = &o.target else {
                continue;
            };
            if !matches!(o.kind, MentionKind::Person | MentionKind::Organisation)
                || o.source == MentionSource::Gazetteer
            {
                continue;
            }
            // The words after the name, none after a comma or a stop (a work's title may end
            // its clause: "the drama Vera Drake, adding to...").
            let after = if self.text[o.end..].starts_with(' ') {
                words_after(o.end)
            } else {
                Vec::new()
            };
            // Not an acronym: "EC farmers" are the EC's, "OPEC crude" is OPEC's.
            let acronym = !name.chars().any(char::is_lowercase);
            // A people's name is one word.
            let one_word = !name.contains(' ') && !acronym;
            // "groups" right after the name may be the verb ("The Federation groups all").
            let group = after
                .iter()
                .enumerate()
                .any(|(i, w)| GROUP_NOUNS.contains(w) && (i > 0 || *w != "groups"));
            // "Brent crude", "Bonny Light crude", "the Ras Bahar blend": an oil grade.
            let grade = after
                .first()
                .is_some_and(|w| matches!(*w, "crude" | "blend"))
                && !acronym;
            // "the drama Vera Drake": a work's title; not an acronym ("a downloaded movie NEC
            // is showing"), nor a person's name after "game" or "single", which name other
            // things too ("at the end of the game Andre Nzame III was on target"), nor a
            // short name of a person named in full (the film "Kinsey" is no "Alfred Kinsey").
            // "The" between passed over ("the movie The Aviator"); "a role in" and "starred
            // in" before the title mark it too ("her role in Vera Drake").
            let before = self.text[..o.start].strip_suffix(' ').map(|b| {
                let mut words = b.rsplit(' ');
                let first = words.next().unwrap_or("");
                if first == "The" {
                    (words.next().unwrap_or(""), words.next().unwrap_or(""))
                } else {
                    (first, words.next().unwrap_or(""))
                }
            });
            let work = !acronym
                && before.is_some_and(|(w, w2)| {
                    (WORK_NOUNS.contains(&w)
                        && !(matches!(w, "game" | "single")
                            && name
                                .split(' ')
                                .next()
                                .is_some_and(|first| self.lex().is_given(first))))
                        || (w == "in"
                            && ROLE_WORDS.contains(&w2)
                            // A director's possessive: "her role in Mike Nichols' Closer".
                            && !self.text[o.end..].starts_with(['\'', '’']))
                })
                && *name == collapse(&self.text[o.start..o.end]);
            // "The Aviator, starring Leonardo DiCaprio": a film's title (not "director Spike
            // Lee, starring in seven films").
            let starring = {
                let rest = &self.text[o.end..];
                let rest = rest.strip_prefix(',').unwrap_or(rest);
                rest.strip_prefix(" starring ")
                    .is_some_and(|r| r.starts_with(char::is_uppercase))
                    && *name == collapse(&self.text[o.start..o.end])
            };
            if (work || starring) && !works.contains(name) {
                works.push(name.clone());
            }
            if (one_word && group) || grade || work || starring {
                if !groups.contains(name) {
                    groups.push(name.clone());
                }
            } else if !buildings.contains(name)
                && match o.kind {
                    MentionKind::Person => {
                        after.first().is_some_and(|w| FACILITY_NOUNS.contains(w))
                    }
                    // "Parliament Square", "Tiananmen Square"; "the Khurais oilfield".
                    _ => {
                        !acronym
                            && (name.ends_with(" Square")
                                || after.first().is_some_and(|w| ORG_PLACE_NOUNS.contains(w)))
                    }
                }
            {
                buildings.push(name.clone());
            }
        }
        self.titles_listed_with_works(outs, &works, &mut groups);
        if groups.is_empty() && buildings.is_empty() {
            return;
        }
        outs.retain(|o| match &o.target {
            Target::Text(name) => {
                !(groups.contains(name)
                    && matches!(o.kind, MentionKind::Person | MentionKind::Organisation))
            }
            Target::Gaz(_) => true,
        });
        read_as_places(outs, &buildings);
    }

    /// Titles listed with a work's title. In a list of people and organisations ("The
    /// Aviator, Million Dollar Baby and Sideways", "Sideways and Ray"; a list ends at the
    /// name after "and", and names joined by commas alone are no list) where one name is a
    /// work's title in `works`, the other new names are titles too, but for a name of two
    /// words or more that opens with a given name (a person's, in "Directed by Andrey
    /// Zvyagintsev, The Return"): they join `groups`, whose mentions go.
    fn titles_listed_with_works(&self, outs: &[Out], works: &[String], groups: &mut Vec<String>) {
        if works.is_empty() {
            return;
        }
        let actor = |o: &Out| matches!(o.kind, MentionKind::Person | MentionKind::Organisation);
        let gap = |a: &Out, b: &Out| self.text.get(a.end..b.start).unwrap_or("");
        let mut k = 0;
        while k < outs.len() {
            let mut end = k + 1;
            let mut closed = false;
            while end < outs.len() && actor(&outs[end - 1]) {
                match gap(&outs[end - 1], &outs[end]) {
                    ", " => end += 1,
                    " and " | ", and " => {
                        end += 1;
                        closed = true;
                        break;
                    }
                    _ => break,
                }
            }
            let list = &outs[k..end];
            let named = |o: &Out| matches!(&o.target, Target::Text(n) if works.contains(n));
            if closed && list.iter().all(actor) && list.iter().any(named) {
                for o in list {
                    if let Target::Text(name) = &o.target {
                        let person = name
                            .split_once(' ')
                            .is_some_and(|(first, _)| self.lex().is_given(first));
                        if new_name(o) && !person && !groups.contains(name) {
                            groups.push(name.clone());
                        }
                    }
                }
            }
            k = end;
        }
    }

    /// Armed groups read as people. A new person of one word, or of a word of creed and one
    /// word ("Muslim Seleka"), right before one of [`FIGHTER_NOUNS`] ("mainly Muslim Seleka
    /// rebels overthrew") names the group: an organisation, without the creed, in all the
    /// story's mentions of the name. `outs` is sorted and stays so.
    pub(super) fn armed_groups_written_as_people(&self, outs: &mut [Out]) {
        let mut groups: Vec<(String, Target)> = Vec::new();
        for o in outs.iter_mut() {
            let Target::Text(name) = &o.target else {
                continue;
            };
            if o.kind != MentionKind::Person || !new_name(o) {
                continue;
            }
            let fighters = self.text[o.end..]
                .strip_prefix(' ')
                .and_then(|rest| rest.split_whitespace().next())
                .is_some_and(|w| FIGHTER_NOUNS.contains(&w.trim_end_matches([',', '.', ';'])));
            let body = !fighters && self.body_in_apposition(o.end);
            if !fighters && !body {
                continue;
            }
            let span = &self.text[o.start..o.end];
            let first = span.split(' ').next().unwrap_or(span);
            if body && self.lex().is_given(first) {
                continue;
            }
            let (start, group) = match span.split_once(' ') {
                _ if body => (o.start, name.clone()),
                None => (o.start, name.clone()),
                Some((creed, rest))
                    if !rest.contains(' ')
                        && CREED_WORDS.contains(&crate::lexicon::lower(creed).as_str()) =>
                {
                    (o.end - rest.len(), rest.to_string())
                }
                _ => continue,
            };
            // A given name is a person's ("Joseph rebels" is no group's).
            if self.lex().is_given(&group) {
                continue;
            }
            let target = self
                .known_organisation(&group)
                .map_or(Target::Text(group.clone()), Target::Gaz);
            o.start = start;
            o.kind = MentionKind::Organisation;
            o.target = target.clone();
            o.counts = None;
            if !groups.iter().any(|(g, _)| *g == group) {
                groups.push((group, target));
            }
        }
        if groups.is_empty() {
            return;
        }
        for o in outs.iter_mut() {
            if let (MentionKind::Person, Target::Text(name)) = (o.kind, &o.target) {
                if let Some((_, target)) = groups.iter().find(|(g, _)| g == name) {
                    o.kind = MentionKind::Organisation;
                    o.target = target.clone();
                    o.counts = None;
                }
            }
        }
    }

    /// Whether the phrase set beside the name that ends at `end` ("X, a Dogon militia that")
    /// is one of [`APPOSITION_BODIES`]: ", a" or ", an", at most three words, the body's
    /// noun, then a mark or a relative word.
    fn body_in_apposition(&self, end: usize) -> bool {
        let Some(rest) = self.text[end..]
            .strip_prefix(", a ")
            .or_else(|| self.text[end..].strip_prefix(", an "))
        else {
            return false;
        };
        let mut words = rest.split(' ').take(4);
        while let Some(raw) = words.next() {
            let w = raw.trim_end_matches([',', '.', ';', ':', ')']);
            if APPOSITION_BODIES.contains(&w) {
                if w.len() < raw.len() {
                    return true;
                }
                return words.next().is_some_and(|n| {
                    matches!(
                        n,
                        "that"
                            | "which"
                            | "whose"
                            | "based"
                            | "founded"
                            | "linked"
                            | "backed"
                            | "owned"
                            | "accused"
                            | "blamed"
                            | "led"
                            | "set"
                    )
                });
            }
            // The words before the noun describe it: no mark, no verb, no name's end, no
            // preposition between ("a director of the company" is a person's).
            if w.len() < raw.len()
                || w.is_empty()
                || matches!(
                    w,
                    "of" | "in"
                        | "for"
                        | "at"
                        | "with"
                        | "from"
                        | "to"
                        | "on"
                        | "by"
                        | "and"
                        | "or"
                        | "the"
                        | "who"
                        | "is"
                        | "was"
                )
            {
                return false;
            }
        }
        false
    }

    /// Whether the mention `outs[k]` stands in a list of three names or more ("Everton,
    /// Chelsea and Charlton") whose other names are all organisations: a list joins names of
    /// one kind. The list's names follow one another with only ", " between
    /// them, and " and " or " or " (after a comma or not) before the last.
    fn listed_with_organisations(&self, outs: &[Out], k: usize) -> bool {
        // A mention extended by a company form earlier in the caller's loop may reach into
        // the next one: no separator then.
        let sep = |a: &Out, b: &Out| -> Option<bool> {
            match self.text.get(a.end..b.start)? {
                ", " => Some(false),
                " and " | " or " | ", and " | ", or " => Some(true),
                _ => None,
            }
        };
        // The list around `k`: back while a comma joins, forward to the word "and" or "or".
        let mut first = k;
        while first > 0 && sep(&outs[first - 1], &outs[first]) == Some(false) {
            first -= 1;
        }
        if first > 0 && k == first && sep(&outs[first - 1], &outs[first]) == Some(true) {
            first -= 1;
            while first > 0 && sep(&outs[first - 1], &outs[first]) == Some(false) {
                first -= 1;
            }
        }
        let mut last = first;
        let mut closed = false;
        while last + 1 < outs.len() {
            match sep(&outs[last], &outs[last + 1]) {
                Some(false) => last += 1,
                Some(true) => {
                    last += 1;
                    closed = true;
                    break;
                }
                None => break,
            }
        }
        // Three names at least: two ("Procter and Gamble", "Marks and Spencer") may be one.
        if !closed || last < k || last - first < 2 {
            return false;
        }
        outs[first..=last]
            .iter()
            .enumerate()
            .all(|(i, o)| first + i == k || o.kind == MentionKind::Organisation)
    }

    /// Whether the person of one word at `start..end` is named as a firm, a club or a band:
    /// "X, which" (not after "and" or "or": the end of a list), "X boss", "X's shares", "the
    /// firm X", "band X", "shares in X".
    fn one_word_firm_context(&self, start: usize, end: usize) -> bool {
        let after = &self.text[end..];
        let before = &self.text[..start];
        // Not at the end of a list ("fouls on Joaquin and Marchena, which ...").
        let listed = before.ends_with(" and ") || before.ends_with(" or ");
        if after.starts_with(", which ") && !listed {
            return true;
        }
        // The subject of a plural verb, "Chelsea have sacked", "Keane are touring": no one
        // person. Only at a clause's start: not "she and sister Venus are", "people who like
        // Robbie are", "would Blair have"; and not an acronym's plural, a common noun's
        // ("RPGs are").
        let word = &self.text[start..end];
        let acronym_plural = word.strip_suffix('s').is_some_and(|stem| {
            stem.len() >= 2 && stem.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        });
        if (after.starts_with(" have ") || after.starts_with(" are ")) && !acronym_plural {
            let head = before.trim_end();
            let opens = head.is_empty()
                || before[head.len()..].contains('\n')
                || head.ends_with(['.', '!', '?', '"', ':', ';', '(', '“', '”', '—'])
                || head
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|w| CLAUSE_OPENERS.contains(&w));
            if opens {
                return true;
            }
        }
        fn next(rest: &str) -> Option<&str> {
            rest.split_whitespace()
                .next()
                .map(|w| w.trim_end_matches([',', '.', ';', ':']))
        }
        if after.starts_with(' ')
            && next(after).is_some_and(|w| RUNNER_AFTER.contains(&w) || w == "shares")
        {
            return true;
        }
        // A maker before its model's number in a sentence: "Nokia 6600 phone", "Airbus
        // A380." (not a year, nor a minute or a price of three digits, "Drogba 107", nor a
        // figure of a table, "Cobalt 9320" at a line's end, "Steady 2900 (3250)").
        if let Some(n) = after.strip_prefix(' ').and_then(next) {
            let digits = n.trim_start_matches(|c: char| c.is_ascii_uppercase());
            let year = n.len() == 4 && (n.starts_with("19") || n.starts_with("20"));
            let lettered = digits.len() < n.len();
            let rest = &after[1 + n.len()..];
            let in_sentence = rest.starts_with(['.', ',', ';', ':']) && rest[1..].starts_with(' ')
                || rest
                    .strip_prefix(' ')
                    .is_some_and(|r| r.starts_with(char::is_lowercase));
            if digits.len() >= if lettered { 2 } else { 4 }
                && digits.len() <= 5
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !year
                && in_sentence
            {
                return true;
            }
        }
        if let Some(rest) = after.strip_prefix("'s ") {
            if next(rest).is_some_and(|w| FIRM_HAS.contains(&w)) {
                return true;
            }
            // A club's or a firm's own people: "Chelsea's Damien Duff", "Microsoft's Bill
            // Gates" (a given name and a capitalised word).
            let mut words = rest.split_whitespace();
            if let (Some(given), Some(surname)) = (words.next(), words.next()) {
                if self.lex().is_given(given)
                    && given.starts_with(char::is_uppercase)
                    && surname.starts_with(char::is_uppercase)
                {
                    return true;
                }
            }
        }
        if !before.ends_with(' ') {
            return false;
        }
        let mut words = before.split_whitespace().rev();
        match (words.next(), words.next()) {
            (Some(w), _) if NAMED_AFTER.contains(&w) => true,
            (Some("in" | "of"), Some("shares" | "stake")) => true,
            // A player's club: "on loan from Chelsea", "his transfer from Lyon".
            (Some("from"), Some("loan" | "transfer")) => true,
            _ => false,
        }
    }

    /// Whether the person at `start..end` is named as a firm: before a firm's noun ("the
    /// Tanjug news agency"), as an employer ("analyst at X", "X analyst Jane Doe"), after
    /// "brokers", "bank" or "lead manager", or in Reuters' angle brackets (`<Pratt and
    /// Whitney>`).
    fn firm_context(&self, start: usize, end: usize) -> bool {
        let after: Vec<&str> = self.text[end..].split_whitespace().take(2).collect();
        let starts_plain = self.text[end..].starts_with(' ');
        if starts_plain {
            if let Some(&w) = after.first() {
                let lower_word = w.starts_with(char::is_lowercase);
                let second = after.get(1).map(|n| n.trim_end_matches([',', '.']));
                if FIRM_NOUNS.contains(&w)
                    || (w == "news" && second.is_some_and(|n| FIRM_NOUNS.contains(&n)))
                    || FIRM_JOBS.contains(&w.trim_end_matches([',', '.']))
                    || (lower_word && second.is_some_and(|n| FIRM_JOBS.contains(&n)))
                {
                    return true;
                }
            }
        }
        // Reuters writes a company without a ticker in angle brackets: "<Pratt and
        // Whitney>", "<Westdeutsche Landesbank Girozentrale>".
        if self.text[..start].ends_with('<') {
            let rest = &self.text[end..];
            if let Some(k) = rest.find(['>', '<', '\n']) {
                if k <= 40 && rest[k..].starts_with('>') {
                    return true;
                }
            }
        }
        let before: Vec<&str> = self.text[..start]
            .split_whitespace()
            .rev()
            .take(2)
            .collect();
        if !self.text[..start].ends_with(' ') {
            return false;
        }
        match before.as_slice() {
            [w, ..] if FIRM_BEFORE.contains(w) => true,
            // A bond issue's "lead manager Credit Suisse".
            ["manager", "lead" | "co-lead", ..] => true,
            [prep, job, ..] => {
                matches!(*prep, "at" | "with" | "for")
                    && FIRM_JOBS.contains(&job.trim_end_matches(','))
            }
            _ => false,
        }
    }
}
