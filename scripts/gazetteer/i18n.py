#!/usr/bin/env python3
"""Country names, adjectives and capitals' exonyms in other languages, from CLDR.

Writes crates/extract/data/names-i18n.tsv from the Unicode CLDR data that the `babel`
package ships (pip install babel==2.19.0), for the languages in LANGS:

- country names: CLDR territory names (`Locale(l).territories`), for every code of
  countries.tsv;
- capitals' and cities' exonyms: CLDR exemplar cities of the time zones
  (`Locale(l).time_zones[zone]["city"]`, "Rom", "Moskau", "Bruxelles"), kept where the English
  exemplar city is a place of that zone's country in countries.tsv (capital) or places.tsv;
- adjectives: CLDR language names ("Deutsch", "allemand", "tedesco") of the languages whose
  home country is one (HOME below, the project's own list of facts), inflected by the rules
  of each language (INFLECT below): "deutsch" -> deutsche, deutschen, deutscher...;
- curated/names_i18n.tsv: the project's own additions (names CLDR lacks: "Großbritannien",
  "Holland", people's demonyms as "Schweden" nouns are not needed when the country name is
  the same word), in the output's format.

Output columns: lang, code (ISO 3166-1 alpha-2), target (`country`, or the English name of a
place of that country as places.tsv or countries.tsv spell it), role (`name` or `demonym`),
form. Sorted, deterministic. Run from the repository root:

    python3 scripts/gazetteer/i18n.py --data crates/extract/data
"""

import argparse
import csv
import os
import sys

from babel import Locale
from babel.core import get_global

LANGS = ["de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi"]

# The country a language's adjective names: the language of one country (facts). Languages
# of many countries (English, Arabic, Spanish, French...) name their home country, as the
# adjective does in news copy ("französische Regierung" is France's).
HOME = {
    "de": "DE", "fr": "FR", "it": "IT", "es": "ES", "pt": "PT", "nl": "NL", "sv": "SE",
    "da": "DK", "nb": "NO", "fi": "FI", "pl": "PL", "cs": "CZ", "sk": "SK", "hu": "HU",
    "ro": "RO", "bg": "BG", "el": "GR", "tr": "TR", "ru": "RU", "uk": "UA", "ja": "JP",
    "zh": "CN", "ko": "KR", "hr": "HR", "sl": "SI", "lt": "LT", "lv": "LV", "et": "EE",
    "is": "IS", "he": "IL", "fa": "IR", "vi": "VN", "th": "TH", "ka": "GE", "hy": "AM",
    "sq": "AL", "mk": "MK", "be": "BY", "en": "GB",
}


# Cities whose "-er" form is an ordinary German word ("Hammer").
CITY_ADJECTIVE_STOP = {"Hamm"}

# Languages whose genitive adds -s to a name as one word.
GENITIVE_S = ("de", "sv", "da", "nb")


def strip_accent_before_suffix(base, pairs):
    for a, b in pairs:
        if base.endswith(a):
            return base[: -len(a)] + b
    return base


def inflect(lang, name):
    """The forms of a language-name adjective in `lang` (lower case)."""
    w = name.lower()
    if " " in w or len(w) < 4:
        return []
    if lang == "de":
        return [w] + [w + e for e in ("e", "en", "er", "es", "em")]
    if lang == "nl":
        return [w, w + "e"]
    if lang in ("sv", "da", "nb"):
        return [w, w + "a" if lang == "sv" else w + "e"]
    if lang == "fi":
        return [w]
    if lang == "fr":
        if w.endswith("e"):
            return [w, w + "s"]
        if w.endswith("s"):
            return [w, w + "e", w + "es"]
        if w.endswith("en"):
            return [w, w + "s", w + "ne", w + "nes"]
        return [w, w + "e", w + "s", w + "es"]
    if lang == "es":
        if w.endswith("o"):
            s = w[:-1]
            return [w, s + "a", s + "os", s + "as"]
        if w[-2:] in ("án", "és", "ín", "ón"):
            s = strip_accent_before_suffix(w, [("án", "an"), ("és", "es"), ("ín", "in"), ("ón", "on")])
            return [w, s + "a", s + "es", s + "as"]
        return [w, w + "s"]
    if lang == "it":
        if w.endswith("co"):
            s = w[:-2]
            return [w, s + "ca", s + "chi", s + "che"]
        if w.endswith("o"):
            s = w[:-1]
            return [w, s + "a", s + "i", s + "e"]
        if w.endswith("e"):
            return [w, w[:-1] + "i"]
        return [w]
    if lang == "pt":
        if w.endswith("ão"):
            s = w[:-2]
            return [w, s + "ã", s + "ães", s + "ãs"]
        if w.endswith("ês"):
            s = w[:-2] + "es"
            return [w, s + "a", s + "es", s + "as"]
        if w.endswith("o"):
            s = w[:-1]
            return [w, s + "a", s + "os", s + "as"]
        return [w, w + "s"]
    return [w]


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="crates/extract/data")
    ap.add_argument("--curated", default=os.path.join(os.path.dirname(__file__), "curated", "names_i18n.tsv"))
    args = ap.parse_args()
    countries = read_tsv(os.path.join(args.data, "countries.tsv"))
    codes = {r[0] for r in countries}
    english = {r[0]: r[2] for r in countries}
    capital = {r[0]: r[6] for r in countries}
    places = {}
    cities = {}
    for r in read_tsv(os.path.join(args.data, "places.tsv")):
        for c in r[2].split("|"):
            places.setdefault(c, set()).add(r[0])
        if r[1] in ("city", "capital", "place") and len(r) > 3 and r[3].isdigit():
            cities[r[0]] = (set(r[2].split("|")), int(r[3]))
    rows = set()
    zone_country = get_global("zone_territories")
    en = Locale.parse("en")
    for lang in LANGS:
        loc = Locale.parse(lang)
        for code in sorted(codes):
            name = (loc.territories.get(code) or "").replace("\u00ad", "")
            if name and name != english[code]:
                rows.add((lang, code, "country", "name", name))
        for zone, data in loc.time_zones.items():
            city = (data.get("city") or "").replace("\u00ad", "")
            code = zone_country.get(zone)
            if not city or code not in codes:
                continue
            en_city = (en.time_zones.get(zone) or {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
            if city == en_city:
                continue
            if en_city == capital.get(code) or en_city in places.get(code, ()):
                rows.add((lang, code, en_city, "name", city))
        for tongue, code in HOME.items():
            name = loc.languages.get(tongue)
            if not name or code not in codes:
                continue
            for form in inflect(lang, name):
                rows.add((lang, code, "country", "demonym", form))
    if os.path.exists(args.curated):
        for r in read_tsv(args.curated):
            rows.add(tuple(r[:5]))
    # German adjectives of cities of Germany, Austria and Switzerland: the name + "er"
    # ("Frankfurter Börse", "Stuttgarter Zeitung"), for cities of 100,000 people or more.
    for name, (codes_, population) in sorted(cities.items()):
        if population >= 100_000 and name.isalpha() and name[-1] not in "aeiou" and name not in CITY_ADJECTIVE_STOP:
            for code in codes_ & {"DE", "AT", "CH"}:
                rows.add(("de", code, name, "demonym", name + "er"))
    for lang, code, target, role, form in list(rows):
        if lang == "de" and role == "name" and target != "country" and code in ("DE", "AT", "CH") and " " not in form and form[-1] not in "aeiou":
            rows.add((lang, code, target, "demonym", form + "er"))
    # Genitives of names, written as one word in these languages ("Deutschlands", "Moskaus").
    for lang, code, target, role, form in list(rows):
        if lang in GENITIVE_S and role == "name" and " " not in form and form[-1] not in "sxzß":
            rows.add((lang, code, target, role, form + "s"))
    out = os.path.join(args.data, "names-i18n.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# lang\tcode\ttarget\trole\tform\n")
        for r in sorted(rows):
            f.write("\t".join(r) + "\n")
    print(f"{out}: {len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
