//! Curated tables in the user gazetteer format (the shipped overrides and a user's file),
//! read strictly: the first malformed line is an error naming the file and the line.

use std::path::Path;

use super::builder::{Builder, Source};
use super::forms::{ascii_fold, fold_key};
use super::model::{Entity, Kind, OrgType, PlaceKind, Role};
use super::tables::{list, rows};
use crate::lexicon::lower;
use crate::{Error, Result};

/// Fields of a user line: kind, name, country, aliases, subtype.
const USER_MIN_FIELDS: usize = 2;
/// See [`USER_MIN_FIELDS`].
const USER_MAX_FIELDS: usize = 5;

/// One line of a user table, its fields split.
struct UserRow<'t> {
    line: usize,
    kind: &'t str,
    name: &'t str,
    /// Known country codes, upper case.
    codes: Vec<String>,
    aliases: &'t str,
    subtype: &'t str,
}

/// Where a user table's messages point: the file as given.
struct At<'p> {
    path: &'p Path,
    /// The path as text, for the skip statistics.
    file: String,
}

impl At<'_> {
    fn err(&self, line: usize, message: impl Into<String>) -> Error {
        Error::Gazetteer {
            path: self.path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

impl Builder<'_> {
    /// A curated table in the user format (see the module docs); errors name `path` and the
    /// line.
    pub(super) fn user_table(&mut self, path: &Path, text: &str) -> Result<()> {
        let at = At {
            path,
            file: path.display().to_string(),
        };
        for (line, fields) in rows(text) {
            let row = self.user_row(&at, line, &fields)?;
            match row.kind {
                "ignore" => self.user_ignore(row.name),
                "country" => self.user_country(&at, &row)?,
                "nationality" => self.user_nationality(&at, &row)?,
                "place" => self.user_place(&at, &row)?,
                "person" => self.user_person(&at, &row),
                "organisation" | "organization" | "org" => self.user_organisation(&at, &row)?,
                other => {
                    return Err(at.err(
                        line,
                        format!(
                            "unknown kind {other:?} (expected person, organisation, place, \
                             country, nationality or ignore)"
                        ),
                    ))
                }
            }
        }
        Ok(())
    }

    /// Splits and checks the fields of one line.
    fn user_row<'t>(&self, at: &At<'_>, line: usize, r: &[&'t str]) -> Result<UserRow<'t>> {
        if r.len() < USER_MIN_FIELDS || r.len() > USER_MAX_FIELDS {
            return Err(at.err(
                line,
                format!(
                    "expected 2 to 5 tab-separated fields (kind, name, country, aliases, \
                     subtype), found {}",
                    r.len()
                ),
            ));
        }
        let (kind, name) = (r[0], r[1]);
        if name.is_empty() {
            return Err(at.err(line, "empty name"));
        }
        let country = r.get(2).copied().unwrap_or("");
        let mut codes = Vec::new();
        for c in list(country) {
            let c = c.to_ascii_uppercase();
            if !self.g.country_by_code.contains_key(&c) {
                return Err(at.err(line, format!("unknown country code {c:?}")));
            }
            codes.push(c);
        }
        Ok(UserRow {
            line,
            kind,
            name,
            codes,
            aliases: r.get(3).copied().unwrap_or(""),
            subtype: r.get(4).copied().unwrap_or(""),
        })
    }

    /// `ignore`: a surface form that must never match (exact case).
    fn user_ignore(&mut self, name: &str) {
        self.ignored.insert(name.to_string());
        if let Some(&k) = self.g.key_index.get(&fold_key(name)) {
            self.g.forms[k].retain(|f| f.text != name);
        }
    }

    /// `country`: aliases added to an existing country, named by code or name.
    fn user_country(&mut self, at: &At<'_>, row: &UserRow<'_>) -> Result<()> {
        let name = row.name;
        let code = self
            .g
            .country_by_code
            .get(&name.to_ascii_uppercase())
            .copied()
            .or_else(|| {
                self.g
                    .by_name
                    .get(&(Kind::Country, lower(name)))
                    .and_then(|ids| ids.first().copied())
            })
            .ok_or_else(|| at.err(row.line, format!("unknown country {name:?}")))?;
        let cc = self.g.entities[code as usize].countries[0].clone();
        for a in list(row.aliases) {
            self.g
                .country_lookup
                .insert(lower(&ascii_fold(a)), cc.clone());
            self.alias(&at.file, code, a, Role::Name, Source::Curated);
        }
        Ok(())
    }

    /// `nationality`: a demonym (and its aliases) of exactly one country.
    fn user_nationality(&mut self, at: &At<'_>, row: &UserRow<'_>) -> Result<()> {
        let [cc] = row.codes.as_slice() else {
            return Err(at.err(row.line, "a nationality needs exactly one country"));
        };
        let id = self.g.country_by_code[cc];
        self.g
            .country_lookup
            .insert(lower(&ascii_fold(row.name)), cc.clone());
        self.alias(&at.file, id, row.name, Role::Demonym, Source::Curated);
        for a in list(row.aliases) {
            self.alias(&at.file, id, a, Role::Demonym, Source::Curated);
        }
        Ok(())
    }

    /// `place`: a place in one or more countries, of a kind other than country or territory.
    fn user_place(&mut self, at: &At<'_>, row: &UserRow<'_>) -> Result<()> {
        if row.codes.is_empty() {
            return Err(at.err(row.line, "a place needs a country"));
        }
        let subtype = row.subtype;
        let pk = if subtype.is_empty() {
            PlaceKind::Place
        } else {
            PlaceKind::parse(subtype)
                .filter(|k| !matches!(k, PlaceKind::Country | PlaceKind::Territory))
                .ok_or_else(|| at.err(row.line, format!("unknown place kind {subtype:?}")))?
        };
        let id = self.upsert(Kind::Place, row.name, row.codes.clone(), |e| {
            e.place_kind = pk
        });
        self.alias(&at.file, id, row.name, Role::Name, Source::CuratedName);
        for a in list(row.aliases) {
            self.alias(&at.file, id, a, Role::Name, Source::Curated);
        }
        Ok(())
    }

    /// `person`: a person, their last word as surname unless they have one.
    fn user_person(&mut self, at: &At<'_>, row: &UserRow<'_>) {
        let name = row.name;
        let id = self.upsert(Kind::Person, name, row.codes.clone(), |_| {});
        let surname = name.rsplit(' ').next().filter(|s| *s != name);
        if self.g.entities[id as usize].surname.is_none() {
            self.g.entities[id as usize].surname = surname.map(lower);
        }
        self.person_aliases(&at.file, id, name, row.aliases, None, Source::Curated);
    }

    /// `organisation`: an organisation of a known type (default `other`).
    fn user_organisation(&mut self, at: &At<'_>, row: &UserRow<'_>) -> Result<()> {
        let subtype = row.subtype;
        let ty = OrgType::parse(subtype)
            .ok_or_else(|| at.err(row.line, format!("unknown organisation type {subtype:?}")))?;
        let id = self.upsert(Kind::Organisation, row.name, row.codes.clone(), |e| {
            e.org_type = ty
        });
        self.alias(&at.file, id, row.name, Role::Name, Source::CuratedName);
        for a in list(row.aliases) {
            self.alias(&at.file, id, a, Role::Name, Source::Curated);
        }
        Ok(())
    }

    fn upsert(
        &mut self,
        kind: Kind,
        name: &str,
        codes: Vec<String>,
        update: impl FnOnce(&mut Entity),
    ) -> u32 {
        let existing = self
            .g
            .by_name
            .get(&(kind, lower(name)))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        // The entity with that name in one of the given countries, else the only one.
        let found = existing
            .iter()
            .copied()
            .find(|&id| {
                let e = &self.g.entities[id as usize];
                codes.iter().any(|c| e.countries.contains(c))
            })
            .or(if existing.len() == 1 {
                Some(existing[0])
            } else {
                None
            });
        if let Some(id) = found {
            let e = &mut self.g.entities[id as usize];
            e.trusted = true;
            if !codes.is_empty() {
                e.countries = codes;
            }
            update(e);
            return id;
        }
        match kind {
            Kind::Place => self.g.stats.places += 1,
            Kind::Person => self.g.stats.people += 1,
            Kind::Organisation => self.g.stats.organisations += 1,
            Kind::Country => {}
        }
        let mut e = Entity {
            name: name.to_string(),
            kind,
            place_kind: PlaceKind::Place,
            org_type: OrgType::Other,
            countries: codes,
            population: 0,
            since: 0,
            surname: None,
            trusted: true,
        };
        update(&mut e);
        self.entity(e)
    }
}

/// Reads a user gazetteer file, naming the path on failure.
pub(crate) fn read_user_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| Error::Gazetteer {
        path: path.to_path_buf(),
        line: 0,
        message: format!("not UTF-8 (byte offset {})", e.utf8_error().valid_up_to()),
    })
}
