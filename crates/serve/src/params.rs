//! Query parameters: the URL's `?...` read into a [`NewsQuery`], named like the command line's
//! options (repeatable where the option is). Unknown parameters are an error, not ignored: a
//! misspelt filter must not silently widen a search.

use newsidx_core::Dimension;
use newsidx_query::{Interval, NewsQuery, Sort};

use crate::error::{ApiError, ErrorKind};
use crate::Limits;

/// Largest page of hits a request may ask for (`limit`).
pub const MAX_LIMIT: usize = 1000;

/// Largest number of values per facet (`facets=N`).
const MAX_FACET_VALUES: usize = 1000;

/// Largest number of fragments per hit.
const MAX_FRAGMENTS: usize = 20;

/// The parameters every route reads apart from the search's own.
const OTHER_KEYS: [&str; 13] = [
    "q",
    "from",
    "to",
    "sort",
    "limit",
    "offset",
    "fragments",
    "facets",
    "co_mentions",
    "interval",
    "histogram",
    "duplicates",
    "count",
];

/// The pairs of a query string, checked against the length limit.
pub(crate) fn pairs(raw: Option<&str>, limits: &Limits) -> Result<Vec<(String, String)>, ApiError> {
    let raw = raw.unwrap_or("");
    if raw.len() > limits.max_query_string {
        return Err(ApiError::new(
            ErrorKind::UriTooLong,
            format!(
                "the query string is {} bytes, more than the {} this server takes",
                raw.len(),
                limits.max_query_string
            ),
        ));
    }
    Ok(form_urlencoded::parse(raw.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect())
}

/// The search the pairs ask for; `extra` names the other keys the route accepts.
pub(crate) fn search_query(
    pairs: &[(String, String)],
    extra: &[&str],
    limits: &Limits,
) -> Result<NewsQuery, ApiError> {
    let mut text: Option<&str> = None;
    for (key, value) in pairs.iter().filter(|(k, _)| k == "q") {
        if value.chars().count() > limits.max_query_chars {
            return Err(ApiError::new(
                ErrorKind::TooLarge,
                format!(
                    "the query is {} characters, more than the {} this server takes",
                    value.chars().count(),
                    limits.max_query_chars
                ),
            ));
        }
        if text.replace(value).is_some() {
            return Err(ApiError::bad_parameter(format!("`{key}` is given twice")));
        }
    }
    let mut query = NewsQuery::new(text.unwrap_or_default());
    for (key, value) in pairs {
        if let Some(dim) = Dimension::ALL.into_iter().find(|d| d.flag() == key) {
            if !value.trim().is_empty() {
                query = query.filter(dim, value.trim());
            }
            continue;
        }
        query = match key.as_str() {
            "q" => query,
            "from" if !value.is_empty() => query.from_date(value)?,
            "to" if !value.is_empty() => query.to_date(value)?,
            "from" | "to" => query,
            "sort" => query.sort(value.parse::<Sort>().map_err(ApiError::bad_parameter)?),
            "limit" => {
                let n = number(key, value)?;
                if n > MAX_LIMIT {
                    return Err(ApiError::bad_parameter(format!(
                        "limit={n} is more than {MAX_LIMIT}: page with offset, or use /api/export for every hit"
                    )));
                }
                query.limit(n)
            }
            "offset" => query.offset(number(key, value)?),
            "fragments" => query.fragments(number(key, value)?.min(MAX_FRAGMENTS)),
            "facets" => match value.as_str() {
                "true" | "" => query.facets(true),
                "false" => query.facets(false),
                n => {
                    let n = number(key, n)?.min(MAX_FACET_VALUES);
                    query.facets(n > 0).facet_limit(n)
                }
            },
            "histogram" => query.histogram(flag(key, value)?),
            "co_mentions" => query.co_mentions(flag(key, value)?),
            "duplicates" => query.duplicates(value.parse().map_err(ApiError::bad_parameter)?),
            "count" => query.count(value.parse().map_err(ApiError::bad_parameter)?),
            "interval" if value.is_empty() => query,
            "interval" => {
                query.interval(value.parse::<Interval>().map_err(ApiError::bad_parameter)?)
            }
            k if extra.contains(&k) => query,
            k => return Err(unknown_parameter(k, extra)),
        };
    }
    Ok(query)
}

fn number(key: &str, value: &str) -> Result<usize, ApiError> {
    value.trim().parse().map_err(|_| {
        ApiError::bad_parameter(format!(
            "{key}={value:?} is not a whole number of zero or more"
        ))
    })
}

fn flag(key: &str, value: &str) -> Result<bool, ApiError> {
    match value {
        "true" | "1" | "" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(ApiError::bad_parameter(format!(
            "{key}={value:?}: expected true or false"
        ))),
    }
}

/// An unknown parameter, with the closest known ones.
fn unknown_parameter(key: &str, extra: &[&str]) -> ApiError {
    let known: Vec<&str> = OTHER_KEYS
        .iter()
        .copied()
        .chain(Dimension::ALL.iter().map(|d| d.flag()))
        .chain(extra.iter().copied())
        .collect();
    let close: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| strsim::levenshtein(k, key) <= 2)
        .collect();
    let hint = if close.is_empty() {
        format!("known parameters: {}", known.join(", "))
    } else {
        format!("did you mean {}?", close.join(", "))
    };
    ApiError::bad_parameter(format!("unknown parameter {key:?}; {hint}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Result<NewsQuery, ApiError> {
        let limits = Limits::default();
        search_query(&pairs(Some(s), &limits)?, &[], &limits)
    }

    #[test]
    fn filters_repeat_and_options_are_read() {
        let query =
            q("q=Wagner+Mali&country=ML&country=BF&actor=Wagner%20Group&limit=5&sort=newest")
                .unwrap();
        assert_eq!(query.get_text(), "Wagner Mali");
        assert_eq!(query.get_filter(Dimension::Country), ["ML", "BF"]);
        assert_eq!(query.get_filter(Dimension::Actor), ["Wagner Group"]);
        assert_eq!(query.get_limit(), 5);
        assert_eq!(query.get_sort(), Sort::Newest);
        assert_eq!(query.get_duplicates(), newsidx_query::Duplicates::Collapse);
        let show = q("q=oil&duplicates=show&count=groups").unwrap();
        assert_eq!(show.get_duplicates(), newsidx_query::Duplicates::Show);
        assert_eq!(show.get_count(), newsidx_query::CountMode::Groups);
        assert_eq!(q("duplicates=hide").unwrap_err().status, 400);
    }

    #[test]
    fn mistakes_are_errors_that_say_what_to_do() {
        let e = q("q=x&contry=ML").unwrap_err();
        assert_eq!(e.status, 400);
        assert!(e.message.contains("did you mean country"), "{}", e.message);
        let e = q("limit=5000").unwrap_err();
        assert!(e.message.contains("/api/export"), "{}", e.message);
        assert_eq!(q("limit=-1").unwrap_err().kind, ErrorKind::BadParameter);
        assert_eq!(q("sort=best").unwrap_err().status, 400);
        assert_eq!(q("from=2021-13").unwrap_err().status, 400);
        assert_eq!(q("q=a&q=b").unwrap_err().status, 400);
        let long = format!("q={}", "a".repeat(5000));
        assert_eq!(q(&long).unwrap_err().status, 413);
        let longer = format!("q={}", "a".repeat(20_000));
        assert_eq!(q(&longer).unwrap_err().status, 414);
    }

    #[test]
    fn facets_take_a_flag_or_a_count() {
        assert!(!q("facets=false").unwrap().get_facets());
        let n = q("facets=25").unwrap();
        assert!(n.get_facets() && n.get_facet_limit() == 25);
        assert!(!q("facets=0").unwrap().get_facets());
    }
}
