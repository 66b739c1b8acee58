//! Command-line arguments (clap derive). Doc comments are the help text.

use std::path::PathBuf;

use clap::{Arg, ArgAction, ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};
use newsidx::{ByDimension, Dimension};

/// Search news wire archives by what the stories are about: countries, actors, dates.
#[derive(Debug, Parser)]
#[command(name = "newsidx", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
// Parsed once per run: the size of the search arguments does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Index a corpus: read every story file below the paths, extract entities, write the index.
    ///
    /// Exit codes: 0 every file was read (files that hold no story are skipped, not failures);
    /// 3 the index was written but some files failed (they are listed); 2 the run could not be
    /// done (a path that does not exist, --index names a file, index locked...), and nothing
    /// was created; 130 stopped by Ctrl-C or SIGTERM, with what was written committed.
    Index(IndexArgs),
    /// Print, story by story, the parsed fields and every entity and mention extracted, with no
    /// index: a way to check extraction on any file.
    ///
    /// Exit codes: 0 every input was read; 3 some inputs failed (listed on stderr); 2 error.
    Extract(ExtractArgs),
    /// Show what the index holds: stories per source and format, date span, top countries and
    /// actors, size on disk.
    Stats(StatsArgs),
    /// Search the index: ranked stories with facet counts by country, actor, source and date.
    ///
    /// Exit codes: 0 at least one story matched; 1 none matched; 2 error (bad query, no index).
    Search(SearchArgs),
    /// Show the stories most related to one story (shared rare terms, countries and actors),
    /// leaving out the story's exact and near-exact duplicates.
    ///
    /// Exit codes: 0 some related story found; 1 none; 2 error (no such story, no index).
    Related(RelatedArgs),
    /// Show one story by its id: every field, the full text, and the file it was read from
    /// or its URL.
    ///
    /// Exit codes: 0 the story was shown; 2 error (no such story, no index).
    Show(ShowArgs),
    /// Serve the index over HTTP: a web page at / and a JSON API under /api (see
    /// /api/openapi.json). Stories an `index` run adds are searchable within seconds, without
    /// a restart. Stops cleanly on Ctrl-C or SIGTERM.
    ///
    /// Exit codes: 0 stopped by a signal; 2 error (no index, address in use).
    Serve(ServeArgs),
    /// Saved searches that alert when `newsidx index` brings a matching story: add, list,
    /// remove them, and read their alerts.
    ///
    /// Exit codes: 0 done (log: some alert listed); 1 log: no alert; 2 error (bad query,
    /// unknown country or actor, name taken or unknown, no index).
    Watch(WatchArgs),
    /// Export every story, with its extracted entities, for an engine that runs on many
    /// machines: for OpenSearch, an index template, `_bulk` files and a document of
    /// newsidx's queries written for it (QUERIES.md, with the commands that load the rest).
    ///
    /// Exit codes: 0 exported; 2 error (no index, folder not empty without --force, folder
    /// not writable, bad index name).
    Export(ExportArgs),
    /// Merge the index's segments into fewer (one by default), dropping deleted stories from
    /// them: faster searches over an archive that is searched far more often than it is
    /// written. Stories and ids are unchanged; a running server picks the merged index up.
    ///
    /// Exit codes: 0 done (or nothing to merge); 2 error (no index, an `index` run holds it).
    Optimize(OptimizeArgs),
}

/// Where the index lives.
#[derive(Debug, Args)]
pub struct IndexLocation {
    /// Index folder.
    #[arg(long = "index", env = "NEWSIDX_INDEX", default_value = "newsidx-index")]
    pub dir: PathBuf,
}

/// Arguments of `newsidx index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders of stories: plain-text wire stories, JSON Lines, Reuters-21578 SGML,
    /// NITF, NewsML-G2 and NewsML 1, ninjs, ANPA 1312 and IPTC 7901, Atom and RSS feeds,
    /// Ritzau XML, any of them gzipped.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub index: IndexLocation,
    /// Print the summary as one JSON document.
    #[arg(long)]
    pub json: bool,
    /// Indexing threads for tantivy (0: let tantivy choose).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Memory budget of the run: half for tantivy's indexing buffers (more flushes fewer
    /// segments), a quarter for stories read ahead of the writer, a quarter of headroom. The
    /// gazetteer (~100 MB) comes on top. A number of bytes with K, M, G (1000s) or KiB, MiB,
    /// GiB (1024s): `500M`, `2G`. At least 60M per indexing thread.
    #[arg(long, value_name = "SIZE", default_value = "800M", value_parser = parse_size)]
    pub memory: usize,
    /// Read every file again, even those unchanged since they were indexed (by default a file
    /// whose size and modification time are unchanged is skipped).
    #[arg(long)]
    pub force: bool,
    /// Remove the stories of files below the given paths that were indexed before and are gone.
    #[arg(long)]
    pub prune: bool,
    /// Longest time between two commits, in seconds: a crash loses at most this much work.
    #[arg(long, default_value_t = 30.0, value_name = "SECS")]
    pub commit_every: f64,
    /// A user gazetteer (TSV) that adds or overrides entities and aliases, e.g. a watch-list.
    #[arg(long, value_name = "FILE.tsv")]
    pub gazetteer: Option<PathBuf>,
    /// Find names with the gazetteer and the name rules only, without the trained tagger:
    /// indexing takes about two thirds of the time, but names no list holds (a new company,
    /// a coup leader) are missed. Stories indexed so keep their entities until re-indexed
    /// (`--force`) without it.
    #[arg(long)]
    pub no_tagger: bool,
    /// Where a JSON Lines field comes from, for sources with other field names:
    /// `title=data.headline_text` (a dotted path; a number indexes a list). Repeatable.
    #[arg(long = "map", value_name = "FIELD=PATH")]
    pub map: Vec<String>,
}

/// Arguments of `newsidx extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Story files or folders; `-` (the default) reads standard input.
    #[arg(default_value = "-")]
    pub inputs: Vec<PathBuf>,
    /// Print one JSON document a story (JSON Lines).
    #[arg(long)]
    pub json: bool,
    /// Read each input as one plain text, without title or date parsing; mention offsets are
    /// bytes of that input.
    #[arg(long)]
    pub plain: bool,
    /// A user gazetteer (TSV) that adds or overrides entities and aliases.
    #[arg(long, value_name = "FILE.tsv")]
    pub gazetteer: Option<PathBuf>,
    /// Find names with the gazetteer and the name rules only, without the trained tagger (as
    /// `newsidx index --no-tagger` does).
    #[arg(long)]
    pub no_tagger: bool,
}

/// Arguments of `newsidx stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub index: IndexLocation,
    /// Values per list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Print one JSON document instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `newsidx search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query text: all words must match; "phrases"~slop, AND, OR, NOT, && || ! + -word,
    /// (groups), prefix*, fuzzy~1, boost^2, title: (headline:), body: (text:), byline:,
    /// dateline:, and inline filters country:, actor:, person:, org:, place:, source:, lang:,
    /// date: (2021-09, 2021..2022, [2021-01-01 TO 2021-06-30]); see the README for the
    /// grammar. A query may start with '-' ("-title:cocoa cocoa").
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub index: IndexLocation,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub dates: DateArgs,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Hits to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Values to show per facet.
    #[arg(long, default_value_t = 10)]
    pub facets: usize,
    /// Histogram interval (default: chosen from the span of the matches).
    #[arg(long, value_enum)]
    pub interval: Option<IntervalArg>,
    /// Every matching story, with no cap (ignores --limit and --offset); with --format
    /// ndjson the stories are streamed one a line.
    #[arg(long)]
    pub all: bool,
    /// Highlighted passages per story (0: none).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub fragments: usize,
    /// Also list the actors and countries most over-represented in the matches.
    #[arg(long)]
    pub co_mentions: bool,
    /// Near-duplicate copies of a story (wire versions, syndicated copies): one hit per
    /// group, with the number of other stories in it, or every story.
    #[arg(long, value_enum, default_value_t = DuplicatesArg::Collapse)]
    pub duplicates: DuplicatesArg,
    /// What the total, facets and histogram count: stories, or groups of near-duplicates.
    #[arg(long, value_enum, default_value_t = CountArg::Stories)]
    pub count: CountArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Print exactly one JSON document instead of text (same as --format json).
    #[arg(long)]
    pub json: bool,
    /// Colour the text output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Print the query as the engine will run it (normalised, then in Lucene's notation:
    /// each word analysed over its fields and boosts, prefixes with their terms, filters as
    /// `#` clauses) and search nothing. With --json, one JSON document.
    #[arg(long)]
    pub explain: bool,
}

/// Arguments of `newsidx related`.
#[derive(Debug, Args)]
pub struct RelatedArgs {
    /// Id of the story (as shown by `newsidx search --json`).
    pub id: String,
    #[command(flatten)]
    pub index: IndexLocation,
    /// Related stories to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Leave out the story's near-duplicates and those of the stories listed (collapse), or
    /// list every related story (show).
    #[arg(long, value_enum, default_value_t = DuplicatesArg::Collapse)]
    pub duplicates: DuplicatesArg,
    /// Print exactly one JSON document instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `newsidx show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Id of the story (as shown by `newsidx search --json` or `newsidx related`).
    pub id: String,
    #[command(flatten)]
    pub index: IndexLocation,
    /// Print the story as one JSON document.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `newsidx export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Engine to export for.
    #[arg(long = "to", value_enum, value_name = "ENGINE")]
    pub to: ExportTarget,
    /// Folder to write (created if missing): template.json, bulk-NNNN.ndjson, QUERIES.md.
    #[arg(value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub index: IndexLocation,
    /// Name of the OpenSearch index the bulk files write to (the template also applies to
    /// NAME-*).
    #[arg(long, default_value = newsidx::export::DEFAULT_INDEX_NAME)]
    pub name: String,
    /// Most stories per bulk file.
    #[arg(long, default_value_t = newsidx::export::DEFAULT_MAX_STORIES, value_name = "N")]
    pub max_stories: u64,
    /// Most bytes per bulk file (a story bigger than that gets a file of its own).
    #[arg(long, default_value_t = newsidx::export::DEFAULT_MAX_BYTES, value_name = "BYTES")]
    pub max_bytes: u64,
    /// Write into a folder that is not empty: the export's own files there are replaced,
    /// other files are left alone.
    #[arg(long)]
    pub force: bool,
    /// Print the summary as one JSON document.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `newsidx optimize`.
#[derive(Debug, Args)]
pub struct OptimizeArgs {
    #[command(flatten)]
    pub index: IndexLocation,
    /// Most segments to leave (0 counts as 1).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub segments: usize,
    /// Print the summary as one JSON document.
    #[arg(long)]
    pub json: bool,
}

/// The engines `newsidx export` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportTarget {
    /// OpenSearch 2.x (and Elasticsearch 7.10 or later): index template, _bulk NDJSON.
    Opensearch,
}

/// Arguments of `newsidx serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub index: IndexLocation,
    /// Address and port to listen on. The default answers this machine only; 0.0.0.0 answers
    /// the whole network (a warning is printed).
    #[arg(long, default_value = "127.0.0.1:7700")]
    pub addr: std::net::SocketAddr,
    /// Let pages of this origin (e.g. https://cms.example.org) call the API from a browser
    /// (CORS); off by default.
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// Longest time a search may take, in seconds, before the request fails with 503.
    #[arg(long, default_value_t = 10.0, value_name = "SECS")]
    pub timeout: f64,
    /// Searches run at once; more wait their turn, first come first served. Default: twice
    /// the number of cores.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub workers: Option<u16>,
}

/// Arguments of `newsidx watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// What to do with watches.
    #[command(subcommand)]
    pub command: WatchCommand,
}

/// The subcommands of `newsidx watch`.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum WatchCommand {
    /// Save a search: each later `newsidx index` run alerts the stories it brings that match.
    /// The query is checked as `search` checks it.
    Add(WatchAddArgs),
    /// List the saved searches.
    List(WatchListArgs),
    /// Remove a saved search (its past alerts stay in the log).
    Rm(WatchRmArgs),
    /// Show the alerts raised, oldest first.
    Log(WatchLogArgs),
}

/// The date bounds of a search (`search` and `watch add`).
#[derive(Debug, Args)]
pub struct DateArgs {
    /// Only stories dated on or after this day, month or year (2021, 2021-09, 2021-09-25).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only stories dated on or before this day, month or year (2021 means to 2021-12-31).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

/// Arguments of `newsidx watch add`.
#[derive(Debug, Args)]
pub struct WatchAddArgs {
    /// Name of the watch (letters, digits, '-', '_', '.'), as alerts are filed.
    pub name: String,
    /// Query text, as for `newsidx search`.
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub index: IndexLocation,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub dates: DateArgs,
    /// Run this shell command for each alert, with the alert as JSON on its standard input
    /// (and NEWSIDX_WATCH, NEWSIDX_ID in its environment).
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
    /// POST each alert as JSON to this http:// URL (10 s timeout, 3 attempts).
    #[arg(long, value_name = "URL")]
    pub webhook: Option<String>,
}

/// Arguments of `newsidx watch list`.
#[derive(Debug, Args)]
pub struct WatchListArgs {
    #[command(flatten)]
    pub index: IndexLocation,
    /// Print one JSON document (the list of watches).
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `newsidx watch rm`.
#[derive(Debug, Args)]
pub struct WatchRmArgs {
    /// Name of the watch.
    pub name: String,
    #[command(flatten)]
    pub index: IndexLocation,
}

/// Arguments of `newsidx watch log`.
#[derive(Debug, Args)]
pub struct WatchLogArgs {
    /// Only the alerts of this watch.
    pub name: Option<String>,
    #[command(flatten)]
    pub index: IndexLocation,
    /// Only alerts raised on or after this day or time (2026-11-30, RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Print one JSON document (the list of alerts).
    #[arg(long)]
    pub json: bool,
}

/// Output format of `newsidx search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Text for a terminal: hits, facets, histogram.
    Text,
    /// One JSON document.
    Json,
    /// One JSON document a hit (JSON Lines), nothing else.
    Ndjson,
    /// An HTML page of the hits with the matches in <mark>.
    Html,
}

/// How near-duplicates show.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DuplicatesArg {
    /// One hit per group of near-duplicates.
    Collapse,
    /// Every story.
    Show,
}

impl From<DuplicatesArg> for newsidx::query::Duplicates {
    fn from(arg: DuplicatesArg) -> Self {
        match arg {
            DuplicatesArg::Collapse => newsidx::query::Duplicates::Collapse,
            DuplicatesArg::Show => newsidx::query::Duplicates::Show,
        }
    }
}

/// What counts count.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CountArg {
    /// Matching stories.
    Stories,
    /// Groups of near-duplicates with a matching story.
    Groups,
}

impl From<CountArg> for newsidx::query::CountMode {
    fn from(arg: CountArg) -> Self {
        match arg {
            CountArg::Stories => newsidx::query::CountMode::Stories,
            CountArg::Groups => newsidx::query::CountMode::Groups,
        }
    }
}

/// Order of hits.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    /// Best match first.
    Relevance,
    /// Newest first.
    #[value(alias = "date")]
    Newest,
    /// Oldest first.
    Oldest,
}

/// The filter options of `newsidx search`, one per [`Dimension`] (`--country`, `--org`...),
/// made from the dimension table: a new dimension gets its option without a change here.
#[derive(Debug, Clone, Default)]
pub struct FilterArgs {
    /// The values given, per dimension.
    pub values: ByDimension<Vec<String>>,
}

impl FromArgMatches for FilterArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut args = FilterArgs::default();
        args.update_from_arg_matches(matches)?;
        Ok(args)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        for dimension in Dimension::ALL {
            if let Some(values) = matches.get_many::<String>(dimension.flag()) {
                self.values[dimension] = values.cloned().collect();
            }
        }
        Ok(())
    }
}

impl Args for FilterArgs {
    fn augment_args(command: clap::Command) -> clap::Command {
        Dimension::ALL
            .into_iter()
            .fold(command, |command, dimension| {
                let spec = dimension.spec();
                command.arg(
                    Arg::new(spec.flag)
                        .long(spec.flag)
                        .value_name(spec.value_name)
                        .action(ArgAction::Append)
                        .help(format!(
                            "Only stories {}; repeat for any of several",
                            spec.help
                        )),
                )
            })
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        FilterArgs::augment_args(command)
    }
}

/// Histogram interval.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum IntervalArg {
    /// Days.
    Day,
    /// ISO weeks.
    Week,
    /// Calendar months.
    Month,
    /// Calendar quarters.
    Quarter,
    /// Calendar years.
    Year,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// When standard output is a terminal.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// A size in bytes: a whole number, optionally followed by `K`, `M`, `G`, `T` (powers of
/// 1000, an optional `B` after them) or `KiB`, `MiB`, `GiB`, `TiB` (powers of 1024), in any
/// case: `500M`, `2GiB`, `300000000` (`1.5G` is refused: whole numbers only).
pub fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = text.split_at(digits);
    if number.is_empty() {
        return Err(format!(
            "`{text}` is not a size: a whole number of bytes, or one with K, M, G, KiB, MiB, GiB"
        ));
    }
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "m" | "mb" => 1_000_000,
        "g" | "gb" => 1_000_000_000,
        "t" | "tb" => 1_000_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        "tib" => 1 << 40,
        other => {
            return Err(format!(
                "unknown unit `{other}` in `{text}`: K, M, G, T or KiB, MiB, GiB, TiB"
            ))
        }
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| format!("`{text}` is too large"))
}

#[cfg(test)]
mod size_tests {
    use super::parse_size;

    #[test]
    fn sizes_take_decimal_and_binary_units_in_any_case() {
        assert_eq!(parse_size("500M"), Ok(500_000_000));
        assert_eq!(parse_size("500mb"), Ok(500_000_000));
        assert_eq!(parse_size("2G"), Ok(2_000_000_000));
        assert_eq!(parse_size("64KiB"), Ok(65_536));
        assert_eq!(parse_size("1gib"), Ok(1 << 30));
        assert_eq!(parse_size("123456"), Ok(123_456));
        assert_eq!(parse_size(" 10 M "), Ok(10_000_000));
    }

    #[test]
    fn bad_sizes_say_why() {
        assert!(parse_size("").unwrap_err().contains("not a size"));
        assert!(parse_size("M").unwrap_err().contains("not a size"));
        assert!(parse_size("-5M").unwrap_err().contains("not a size"));
        assert!(parse_size("1.5G")
            .unwrap_err()
            .contains("unknown unit `.5g`"));
        assert!(parse_size("5X").unwrap_err().contains("unknown unit `x`"));
        assert!(parse_size("99999999999T")
            .unwrap_err()
            .contains("too large"));
    }
}
