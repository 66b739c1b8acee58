//! The filter and facet dimensions: the one table that names them.
//!
//! A story can be filtered, and its matches counted, by the countries it is about, the
//! countries it mentions, actor, source, person, organisation, place and language. Each [`Dimension`] carries every spelling it has: the key
//! of the query language (`org:`), the name in JSON responses (`organisation`), the exact field
//! of the index (`organisations`), the command-line flag (`--org`) and how its values are
//! matched ([`Values`]). Code that handles dimensions iterates [`Dimension::ALL`] and reads
//! this table rather than listing them again, so adding a dimension is adding a variant and its
//! row in [`Dimension::spec`] (and, when it is a new field, that field in
//! [`crate::schema`] and [`crate::map`]).
//!
//! ```
//! use newsidx_core::{Dimension, NewsSchema};
//!
//! let org = Dimension::from_key("Organisation").unwrap();
//! assert_eq!(org, Dimension::Organisation);
//! assert_eq!(org.key(), "org");
//! assert_eq!(org.name(), "organisation");
//! assert_eq!(org.field_name(), "organisations");
//! let schema = NewsSchema::new();
//! assert_eq!(org.field(&schema), schema.organisations);
//! assert_eq!(Dimension::ALL.iter().filter(|d| d.is_facet()).count(), 8);
//! ```

use std::fmt;
use std::ops::{Index, IndexMut};

use tantivy::schema::Field;

use crate::schema::NewsSchema;

/// A dimension stories are filtered and counted by.
///
/// The order of [`Dimension::ALL`] is the order of the response's `facets` and `filters`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    /// The countries a story is about (ISO 3166 codes).
    Country,
    /// Every country a story mentions, about it or in passing (ISO 3166 codes).
    Mentioned,
    /// The people and organisations a story names (canonical names).
    Actor,
    /// The agency or outlet.
    Source,
    /// The people a story names.
    Person,
    /// The organisations a story names.
    Organisation,
    /// The places other than countries a story names (cities, regions).
    Place,
    /// The language of the story (a lower-case BCP 47 tag, `en`; `und` when not known).
    Language,
}

/// How the values of a dimension are written, matched and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// ISO 3166 codes; a name, alias or demonym resolves through the gazetteer, and a value is
    /// labelled with its country's name. Mentions of the country's places and demonyms are
    /// marked in fragments.
    CountryCode,
    /// Canonical names of people or organisations; any alias resolves through the gazetteer.
    /// Mentions are marked in fragments.
    ActorName,
    /// Names as extracted (places); matched ignoring case. Mentions are marked in fragments.
    EntityName,
    /// Labels as read from the stories (agencies), shown as spelled; matched ignoring case
    /// (indexed in lower case, see [`crate::keyword`]).
    Label,
    /// Lower-case BCP 47 language tags (`en`, `fi-fi`; `und` when unknown); a primary subtag
    /// matches every tag it begins (`fi` matches `fi-fi`), see [`crate::keyword`].
    LowercaseCode,
}

/// One row of the dimension table (see [`Dimension::spec`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DimensionSpec {
    /// Key of the query language (`country:`), also accepted with any case.
    pub key: &'static str,
    /// Other keys accepted for the dimension in queries (`organisation:`).
    pub aliases: &'static [&'static str],
    /// Name in JSON responses and messages.
    pub name: &'static str,
    /// Name of the exact field of the index.
    pub field: &'static str,
    /// Long command-line flag, without the dashes.
    pub flag: &'static str,
    /// Placeholder of the flag's value in help text.
    pub value_name: &'static str,
    /// What the flag keeps, completing "Only stories ..." in help text.
    pub help: &'static str,
    /// Heading of the dimension's facet in text output.
    pub heading: &'static str,
    /// Whether matches are counted by this dimension (a facet).
    pub facet: bool,
    /// How values are written and matched.
    pub values: Values,
    /// A wider dimension every value of this one also belongs to (a person is an actor).
    pub within: Option<Dimension>,
}

impl Dimension {
    /// Number of dimensions.
    pub const COUNT: usize = 8;

    /// Every dimension, in the order of the response's `facets` and `filters`.
    pub const ALL: [Dimension; Dimension::COUNT] = [
        Dimension::Country,
        Dimension::Mentioned,
        Dimension::Actor,
        Dimension::Source,
        Dimension::Person,
        Dimension::Organisation,
        Dimension::Place,
        Dimension::Language,
    ];

    /// The dimension's row of the table: every spelling and property in one place.
    pub const fn spec(self) -> &'static DimensionSpec {
        match self {
            Dimension::Country => &DimensionSpec {
                key: "country",
                aliases: &[],
                name: "country",
                field: "countries",
                flag: "country",
                value_name: "COUNTRY",
                help: "about this country (ISO code or name)",
                heading: "Countries",
                facet: true,
                values: Values::CountryCode,
                within: None,
            },
            Dimension::Mentioned => &DimensionSpec {
                key: "mentioned",
                aliases: &["mentions"],
                name: "mentioned",
                field: "mentioned_countries",
                flag: "mentioned",
                value_name: "COUNTRY",
                help: "mentioning this country, about it or in passing (ISO code or name)",
                heading: "Mentioned",
                facet: true,
                values: Values::CountryCode,
                within: None,
            },
            Dimension::Actor => &DimensionSpec {
                key: "actor",
                aliases: &[],
                name: "actor",
                field: "actors",
                flag: "actor",
                value_name: "NAME",
                help: "naming this actor (person or organisation)",
                heading: "Actors",
                facet: true,
                values: Values::ActorName,
                within: None,
            },
            Dimension::Source => &DimensionSpec {
                key: "source",
                aliases: &[],
                name: "source",
                field: "source",
                flag: "source",
                value_name: "NAME",
                help: "from this source (agency or outlet)",
                heading: "Sources",
                facet: true,
                values: Values::Label,
                within: None,
            },
            Dimension::Person => &DimensionSpec {
                key: "person",
                aliases: &[],
                name: "person",
                field: "people",
                flag: "person",
                value_name: "NAME",
                help: "naming this person",
                heading: "People",
                facet: true,
                values: Values::ActorName,
                within: Some(Dimension::Actor),
            },
            Dimension::Organisation => &DimensionSpec {
                key: "org",
                aliases: &["organisation", "organization"],
                name: "organisation",
                field: "organisations",
                flag: "org",
                value_name: "NAME",
                help: "naming this organisation",
                heading: "Orgs",
                facet: true,
                values: Values::ActorName,
                within: Some(Dimension::Actor),
            },
            Dimension::Place => &DimensionSpec {
                key: "place",
                aliases: &[],
                name: "place",
                field: "places",
                flag: "place",
                value_name: "NAME",
                help: "naming this place (city, region)",
                heading: "Places",
                facet: true,
                values: Values::EntityName,
                within: None,
            },
            Dimension::Language => &DimensionSpec {
                key: "lang",
                aliases: &["language"],
                name: "language",
                field: "language",
                flag: "lang",
                value_name: "CODE",
                help: "in this language (code, e.g. en; fi also matches fi-FI; und: unknown)",
                heading: "Languages",
                facet: true,
                values: Values::LowercaseCode,
                within: None,
            },
        }
    }

    /// Key of the query language (`org`).
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    /// Name in JSON responses and messages (`organisation`).
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// Name of the exact field of the index (`organisations`).
    pub fn field_name(self) -> &'static str {
        self.spec().field
    }

    /// The field of the index (a hash lookup by [`Dimension::field_name`]).
    ///
    /// # Panics
    ///
    /// If the schema lacks the field: every [`NewsSchema`] has them all.
    pub fn field(self, schema: &NewsSchema) -> Field {
        schema
            .schema
            .get_field(self.field_name())
            .expect("the newsidx schema has a field for every dimension")
    }

    /// Long command-line flag, without the dashes (`org`).
    pub fn flag(self) -> &'static str {
        self.spec().flag
    }

    /// Whether matches are counted by this dimension.
    pub fn is_facet(self) -> bool {
        self.spec().facet
    }

    /// How values are written and matched.
    pub fn values(self) -> Values {
        self.spec().values
    }

    /// A wider dimension every value of this one also belongs to.
    pub fn within(self) -> Option<Dimension> {
        self.spec().within
    }

    /// Position in [`Dimension::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The facet dimensions, in the order of [`Dimension::ALL`].
    pub fn facets() -> impl Iterator<Item = Dimension> {
        Dimension::ALL.into_iter().filter(|d| d.is_facet())
    }

    /// Whether the values are entities extracted from the story's text (countries, actors,
    /// people, organisations, places) rather than read from its metadata (source, language).
    pub fn is_entity(self) -> bool {
        matches!(
            self.values(),
            Values::CountryCode | Values::ActorName | Values::EntityName
        )
    }

    /// Every dimension in the order shown to people (text output, lists of query keys): the
    /// entity dimensions first, then those of the story's metadata, each in the order of
    /// [`Dimension::ALL`].
    pub fn display_order() -> impl Iterator<Item = Dimension> {
        let (entities, metadata): (Vec<Dimension>, Vec<Dimension>) =
            Dimension::ALL.into_iter().partition(|d| d.is_entity());
        entities.into_iter().chain(metadata)
    }

    /// The dimension of a query key or one of its aliases, ignoring case.
    pub fn from_key(key: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| {
            let spec = d.spec();
            spec.key.eq_ignore_ascii_case(key)
                || spec.aliases.iter().any(|a| a.eq_ignore_ascii_case(key))
        })
    }
}

impl fmt::Display for Dimension {
    /// The JSON name (`organisation`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One value per dimension, indexed by [`Dimension`].
///
/// ```
/// use newsidx_core::{ByDimension, Dimension};
/// let mut counts: ByDimension<u32> = ByDimension::default();
/// counts[Dimension::Place] += 2;
/// assert_eq!(counts.iter().map(|(_, n)| n).sum::<u32>(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ByDimension<T> {
    values: [T; Dimension::COUNT],
}

impl<T> ByDimension<T> {
    /// A value for every dimension, from `f`.
    pub fn from_fn(mut f: impl FnMut(Dimension) -> T) -> ByDimension<T> {
        ByDimension {
            values: std::array::from_fn(|i| f(Dimension::ALL[i])),
        }
    }

    /// Every dimension with its value, in the order of [`Dimension::ALL`].
    pub fn iter(&self) -> impl Iterator<Item = (Dimension, &T)> {
        Dimension::ALL.into_iter().zip(&self.values)
    }
}

impl<T> Index<Dimension> for ByDimension<T> {
    type Output = T;
    fn index(&self, dimension: Dimension) -> &T {
        &self.values[dimension.index()]
    }
}

impl<T> IndexMut<Dimension> for ByDimension<T> {
    fn index_mut(&mut self, dimension: Dimension) -> &mut T {
        &mut self.values[dimension.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_dimension_at_its_index() {
        for (i, d) in Dimension::ALL.into_iter().enumerate() {
            assert_eq!(d.index(), i, "{d}");
        }
    }

    #[test]
    fn every_dimension_names_a_field_of_the_schema_and_keys_are_unique() {
        let schema = NewsSchema::new();
        let mut keys = Vec::new();
        for d in Dimension::ALL {
            assert!(schema.schema.get_field(d.field_name()).is_ok(), "{d}");
            assert_eq!(Dimension::from_key(d.key()), Some(d));
            assert_eq!(Dimension::from_key(&d.key().to_uppercase()), Some(d));
            keys.push(d.key());
            keys.extend(d.spec().aliases);
        }
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key or alias names two dimensions");
        assert_eq!(
            Dimension::from_key("organization"),
            Some(Dimension::Organisation)
        );
        assert_eq!(Dimension::from_key("date"), None);
    }

    #[test]
    fn display_order_puts_entities_first() {
        let keys: Vec<&str> = Dimension::display_order().map(|d| d.key()).collect();
        assert_eq!(
            keys,
            [
                "country",
                "mentioned",
                "actor",
                "person",
                "org",
                "place",
                "source",
                "lang"
            ]
        );
    }
}
