//! # Near-duplicate groups: pairwise precision and recall on Reuters-21578, and BBC's twins
//!
//! We will:
//! - read Reuters-21578 (`../shared/corpora/reuters21578`, or the folder given first) and keep
//!   every story with a body of 8 words or more, once per lead (the body's first 12 words:
//!   Reuters' own re-sends left out): earnings tables, market reports and stories of the
//!   same topic and day are all in it, each a group of its own;
//! - give every fourth story of 120 words or more four copies: an update (`UPDATE 1-`, a
//!   paragraph added), a shortened version (its first two thirds), a lightly corrected version
//!   (`CORRECTED-`, two words changed) and a syndicated copy (another headline and source);
//! - index them all with `add_articles` (the pipeline's grouping) and count the pairs of
//!   stories that share a `cluster` against the pairs that should: precision and recall;
//! - index BBC News (`../shared/corpora/bbc`, or the second folder) with one id per file and
//!   check that each of its exact duplicate files shares a group with its twin.
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use newsidx_core::{Article, NewsIndex};
use newsidx_read::{walk, Readers};
use tantivy::schema::Value;
use tantivy::TantivyDocument;

/// Words of a story's lead: Reuters stories with the same lead are re-sends of one story.
const LEAD: usize = 12;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let reuters = args
        .next()
        .unwrap_or("../shared/corpora/reuters21578".into());
    let bbc = args.next().unwrap_or("../shared/corpora/bbc".into());
    let (mut stories, mut truth) = (Vec::new(), Vec::new());
    // Reuters sent some stories twice or more (a new headline, a word changed): pairs of
    // those that the method rightly groups would count as false. One story per lead (the
    // body's first LEAD words) is kept.
    let (mut leads, mut resent, mut long) = (std::collections::HashSet::new(), 0, 0);
    for story in read(&reuters)? {
        let words: Vec<String> = story
            .body
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.len() < 8 {
            continue;
        }
        if !leads.insert(words[..words.len().min(LEAD)].to_vec()) {
            resent += 1;
            continue;
        }
        let group = stories.len();
        if words.len() >= 120 {
            long += 1;
            if long % 4 == 0 {
                for copy in copies(&story) {
                    stories.push(copy);
                    truth.push(group);
                }
            }
        }
        stories.push(story);
        truth.push(group);
    }
    let clusters = clusters_of(&stories)?;
    let predicted: Vec<&str> = stories.iter().map(|s| clusters[&s.id].as_str()).collect();
    let (tp, fp, fne) = pairs(&truth, &predicted);
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fne).max(1) as f64;
    println!(
        "reuters: {} stories ({resent} re-sends left out), {} true pairs",
        stories.len(),
        tp + fne
    );
    println!(
        "pairwise precision {precision:.4} ({fp} false pairs), recall {recall:.4} ({fne} missed)"
    );

    show_mistakes(&stories, &truth, &predicted);
    let mut bbc_stories = read(&bbc)?;
    let mut twins: HashMap<(String, String), Vec<String>> = HashMap::new();
    for story in &mut bbc_stories {
        story.id = story
            .origin
            .as_ref()
            .map(|o| o.path.clone())
            .unwrap_or_default();
        let key = (story.title.clone(), story.body.clone());
        twins.entry(key).or_default().push(story.id.clone());
    }
    let clusters = clusters_of(&bbc_stories)?;
    let sets: Vec<&Vec<String>> = twins.values().filter(|ids| ids.len() > 1).collect();
    let duplicates: usize = sets.iter().map(|ids| ids.len() - 1).sum();
    let together = sets
        .iter()
        .filter(|ids| ids.iter().all(|id| clusters[id] == clusters[&ids[0]]))
        .count();
    println!(
        "bbc: {duplicates} duplicate files in {} sets, {together} sets in one group",
        sets.len()
    );
    assert!(
        precision >= 0.99 && recall >= 0.95,
        "targets: precision >= 0.99, recall >= 0.95"
    );
    assert_eq!(
        together,
        sets.len(),
        "every BBC duplicate shares a group with its twin"
    );
    Ok(())
}

/// Every story of the files below `folder`, in path order.
fn read(folder: &str) -> Result<Vec<Article>> {
    let readers = Readers::new();
    let mut files: Vec<PathBuf> = walk(&[Path::new(folder)]).files;
    files.sort();
    if files.is_empty() {
        return Err(format!("no files in {folder}").into());
    }
    Ok(files
        .iter()
        .flat_map(|f| readers.read_path(f).stories)
        .collect())
}

/// The four copies of `story`: update, shortened, corrected, syndicated.
fn copies(story: &Article) -> Vec<Article> {
    let sentences: Vec<&str> = story.body.split_inclusive(". ").collect();
    let copy = |suffix: &str, title: String, body: String| Article {
        id: format!("{}-{suffix}", story.id),
        title,
        body,
        ..story.clone()
    };
    let mut words: Vec<&str> = story.body.split(' ').collect();
    let middle = words.len() / 2;
    words[middle] = "reportedly";
    words[middle / 2] = "also";
    let first = sentences.first().copied().unwrap_or("").trim().to_string();
    let mut syndicated = copy("syndicated", first, story.body.clone());
    syndicated.source = Some("Wire Syndicate".into());
    vec![
        copy(
            "update",
            format!("UPDATE 1-{}", story.title),
            format!("{}\n\nThe statement gave no further details and officials declined to comment on the figures.", story.body),
        ),
        copy(
            "short",
            story.title.clone(),
            sentences[..(sentences.len() * 2).div_ceil(3)].concat(),
        ),
        copy("corrected", format!("CORRECTED-{}", story.title), words.join(" ")),
        syndicated,
    ]
}

/// Each story's `cluster`, by id, after indexing them in RAM.
fn clusters_of(stories: &[Article]) -> Result<HashMap<String, String>> {
    let index = NewsIndex::create_in_ram()?;
    newsidx_index::add_articles(&index, stories.iter().cloned(), None)?;
    let schema = index.schema();
    let searcher = index.reader()?.searcher();
    let mut clusters = HashMap::new();
    for segment in 0..searcher.segment_readers().len() {
        for doc in searcher.segment_reader(segment as u32).doc_ids_alive() {
            let doc: TantivyDocument =
                searcher.doc(tantivy::DocAddress::new(segment as u32, doc))?;
            let text = |f| {
                doc.get_first(f)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            clusters.insert(text(schema.id), text(schema.cluster));
        }
    }
    Ok(clusters)
}

/// Pairs in one true group and one predicted group, pairs only predicted, pairs only true.
fn pairs(truth: &[usize], predicted: &[&str]) -> (u64, u64, u64) {
    let mut by_pair: HashMap<(usize, &str), u64> = HashMap::new();
    let (mut by_truth, mut by_predicted) = (HashMap::new(), HashMap::new());
    for (&t, &p) in truth.iter().zip(predicted) {
        *by_pair.entry((t, p)).or_default() += 1;
        *by_truth.entry(t).or_insert(0u64) += 1;
        *by_predicted.entry(p).or_insert(0u64) += 1;
    }
    let choose2 = |n: &u64| n * n.saturating_sub(1) / 2;
    let tp: u64 = by_pair.values().map(choose2).sum();
    let predicted_pairs: u64 = by_predicted.values().map(choose2).sum();
    let true_pairs: u64 = by_truth.values().map(choose2).sum();
    (tp, predicted_pairs - tp, true_pairs - tp)
}

/// With `SHOW=n` in the environment: up to `n` stories grouped with a story of another true
/// group, and `n` copies left out of their original's group, to read.
fn show_mistakes(stories: &[Article], truth: &[usize], predicted: &[&str]) {
    let n: usize = std::env::var("SHOW")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let by_id: HashMap<&str, usize> = stories
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let brief = |s: &Article| format!("{} | {:.150}", s.title, s.body.replace('\n', " "));
    let mut shown = 0;
    for (i, s) in stories.iter().enumerate() {
        let Some(&c) = by_id.get(predicted[i]) else {
            continue;
        };
        if c != i && truth[c] != truth[i] && shown < n {
            println!("FALSE\n  {}\n  {}", brief(&stories[c]), brief(s));
            shown += 1;
        }
    }
    shown = 0;
    for (i, s) in stories.iter().enumerate() {
        if s.id.contains('-') && s.id.matches('-').count() > 1 && shown < n {
            let root = s.id.rsplit_once('-').map(|r| r.0).unwrap_or("");
            if let Some(&o) = by_id.get(root) {
                if predicted[o] != predicted[i] {
                    println!("MISSED\n  {}\n  {}", brief(&stories[o]), brief(s));
                    shown += 1;
                }
            }
        }
    }
}
