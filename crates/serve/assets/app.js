// newsidx web page: the whole state is in the URL (q, filters, from, to, sort, offset, story),
// so a link opens the same view. Every text from the index goes into the page through
// textContent, never as HTML.
"use strict";

const FILTERS = [
  ["country", "Countries"], ["mentioned", "Mentioned"], ["actor", "Actors"],
  ["person", "People"], ["org", "Organisations"], ["place", "Places"],
  ["source", "Sources"], ["lang", "Languages"],
];
// The response's facet names for the filter parameters.
const FACET_NAME = { country: "country", mentioned: "mentioned", actor: "actor", person: "person",
  org: "organisation", place: "place", source: "source", lang: "language" };
// What one value of each filter is called on its chip.
const SINGULAR = { country: "Country", mentioned: "Mentioned", actor: "Actor", person: "Person",
  org: "Organisation", place: "Place", source: "Source", lang: "Language" };
const PAGE = 10;
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function state() {
  return new URLSearchParams(location.search);
}

// Navigates to a new state (pushState) and renders it.
function go(params, replace) {
  const url = "/?" + params.toString();
  if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
  render();
}

function withChange(change) {
  const p = state();
  change(p);
  p.delete("offset");
  p.delete("story");
  return p;
}

// Text with byte ranges marked: ranges are UTF-8 byte offsets, as the API gives them.
function marked(text, ranges) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    if (r.start < at || r.end > bytes.length) continue;
    frag.append(dec.decode(bytes.slice(at, r.start)));
    const m = el("mark", { class: r.kind || "" });
    m.textContent = dec.decode(bytes.slice(r.start, r.end));
    if (r.title) m.title = r.title;
    frag.append(m);
    at = r.end;
  }
  frag.append(dec.decode(bytes.slice(at)));
  return frag;
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({ error: { message: res.statusText } }));
  if (!res.ok) throw body.error || { message: res.statusText };
  return body;
}

function showError(err, query) {
  const box = $("error");
  box.replaceChildren();
  if (!err) { box.hidden = true; return; }
  box.hidden = false;
  box.append(el("strong", { text: "Error: " }), err.message || String(err));
  if (err.position && query !== undefined) {
    // The query with a caret under the character position (counting from 1).
    const chars = [...query];
    box.append(el("pre", { "aria-hidden": "true",
      text: chars.join("") + "\n" + " ".repeat(Math.max(0, err.position - 1)) + "^" }));
  }
}

function apiQuery(p, extra) {
  const q = new URLSearchParams();
  for (const [k, v] of p) if (k !== "story") q.append(k, v);
  for (const [k, v] of Object.entries(extra || {})) q.set(k, v);
  return q;
}

async function render() {
  const p = state();
  $("q").value = p.get("q") || "";
  $("sort").value = p.get("sort") || "relevance";
  const story = p.get("story");
  $("story").hidden = !story;
  $("results").hidden = !!story;
  $("facets").hidden = !!story;
  if (story) return renderStory(story);
  let r;
  try {
    r = await api("/api/search?" + apiQuery(p, { limit: PAGE, fragments: 2 }));
  } catch (err) {
    showError(err, p.get("q") || "");
    $("summary").textContent = "";
    $("hits").replaceChildren();
    $("facets").replaceChildren();
    $("chips").replaceChildren();
    $("pager").replaceChildren();
    $("histogram").hidden = true;
    $("exports").hidden = true;
    return;
  }
  showError(null);
  renderSummary(p, r);
  renderFacets(p, r);
  renderHistogram(p, r.histogram);
  renderHits(r);
  renderPager(p, r);
  const ex = apiQuery(p);
  ex.delete("offset");
  ex.set("format", "csv");
  $("export-csv").href = "/api/export?" + ex;
  ex.set("format", "ndjson");
  $("export-ndjson").href = "/api/export?" + ex;
  $("exports").hidden = r.total === 0;
}

function renderSummary(p, r) {
  const offset = Number(p.get("offset") || 0);
  const n = r.total;
  $("summary").textContent = n === 0 ? "No story matches." :
    `${n.toLocaleString("en")} ${n === 1 ? "story" : "stories"}` +
    (n > PAGE ? `, showing ${offset + 1}–${Math.min(offset + PAGE, n)}` : "") +
    ` (${r.took_ms.toFixed(1)} ms)`;
  const chips = $("chips");
  chips.replaceChildren();
  // Every filter in force, as a chip that removes it: on a phone the facet lists are below
  // the hits, and the chips say what narrowed the search.
  for (const [key] of FILTERS) {
    for (const c of chosenValues(p, r, key)) {
      const text = `${SINGULAR[key]}: ${c.label}`;
      chips.append(el("button", { type: "button", text: `${text} ✕`,
        "aria-label": `Remove ${text}`,
        onclick: () => go(withChange((s) => {
          const rest = s.getAll(key).filter((v) => v !== c.typed);
          s.delete(key);
          for (const v of rest) s.append(key, v);
        })) }));
    }
  }
  for (const key of ["from", "to"]) {
    const v = p.get(key);
    if (v) chips.append(el("button", { type: "button", text: `${key} ${v} ✕`,
      "aria-label": `Remove ${key} ${v}`,
      onclick: () => go(withChange((s) => s.delete(key))) }));
  }
}

// The values of filter `key` in the URL: as typed, as the search resolved them ("Niger" ->
// "NE"), and their label as the facet list shows it.
function chosenValues(p, r, key) {
  const typed = p.getAll(key);
  const resolved = (r.filters && r.filters[FACET_NAME[key]]) || [];
  const values = (r.facets && r.facets[FACET_NAME[key]]) || [];
  return typed.map((t, i) => {
    const value = typed.length === resolved.length ? String(resolved[i]) : t;
    const known = values.find((v) => v.value === value);
    const name = known ? known.label : value;
    const label = (key === "country" || key === "mentioned") && name !== value ? `${name} (${value})` : name;
    return { typed: t, value, label };
  });
}

function renderFacets(p, r) {
  const box = $("facets");
  box.replaceChildren();
  for (const [key, heading] of FILTERS) {
    const values = (r.facets && r.facets[FACET_NAME[key]]) || [];
    // A value in the URL as typed ("Deutschland", "merkel") is shown as what it resolved to
    // ("DE", "Angela Merkel"), so its box in the list is the one ticked.
    const typed = p.getAll(key);
    const resolved = (r.filters && r.filters[FACET_NAME[key]]) || [];
    const meant = (v, i) => (typed.length === resolved.length ? String(resolved[i]) : v);
    const chosen = typed.map(meant);
    if (!values.length && !chosen.length) continue;
    const fs = el("fieldset", {}, el("legend", { text: heading }));
    const shown = new Set();
    const add = (value, label, count) => {
      shown.add(value);
      const id = `f-${key}-${shown.size}`;
      const box = el("input", { type: "checkbox", id, value });
      box.checked = chosen.includes(value);
      box.addEventListener("change", () => go(withChange((s) => {
        const now = s.getAll(key).filter((v) => {
          const i = typed.indexOf(v);
          return (i < 0 ? v : meant(v, i)) !== value;
        });
        s.delete(key);
        for (const v of now) s.append(key, v);
        if (box.checked) s.append(key, value);
      })));
      const text = key === "country" || key === "mentioned" ? `${label} (${value})` : label;
      fs.append(el("label", { for: id }, box, el("span", { text }),
        el("span", { class: "count", text: count === null ? "" : String(count) })));
    };
    for (const v of values) add(v.value, v.label, v.count);
    for (const c of chosen) if (!shown.has(c)) add(c, c, null);
    box.append(fs);
  }
}

function bucketEnd(buckets, i, interval) {
  if (i + 1 < buckets.length) {
    const d = new Date(buckets[i + 1].start);
    d.setUTCDate(d.getUTCDate() - 1);
    return d;
  }
  const d = new Date(buckets[i].start);
  const add = { day: [0, 1], week: [0, 7], month: [1, 0], quarter: [3, 0], year: [12, 0] }[interval] || [0, 1];
  d.setUTCMonth(d.getUTCMonth() + add[0]);
  d.setUTCDate(d.getUTCDate() + add[1] - 1);
  return d;
}

const day = (d) => d.toISOString().slice(0, 10);

function renderHistogram(p, h) {
  const fig = $("histogram");
  const svg = $("chart");
  svg.replaceChildren();
  if (!h || !h.buckets || h.buckets.length < 2) { fig.hidden = true; return; }
  fig.hidden = false;
  const b = h.buckets;
  const max = Math.max(1, ...b.map((x) => x.count));
  const W = 1000, H = 90;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("preserveAspectRatio", "none");
  const span = `${day(new Date(b[0].start))} to ${day(bucketEnd(b, b.length - 1, h.interval))}`;
  svg.setAttribute("aria-label", `Stories per ${h.interval}, ${span}`);
  fig.querySelector("figcaption").textContent =
    `Stories per ${h.interval}, ${span}. Drag across the chart to keep a date range.`;
  const w = W / b.length;
  const ns = "http://www.w3.org/2000/svg";
  const sel = document.createElementNS(ns, "rect");
  sel.setAttribute("class", "sel");
  sel.setAttribute("y", 0); sel.setAttribute("height", H); sel.setAttribute("width", 0);
  svg.append(sel);
  b.forEach((x, i) => {
    const r = document.createElementNS(ns, "rect");
    const bh = (x.count / max) * (H - 4);
    r.setAttribute("class", "bar");
    r.setAttribute("x", i * w + 0.5); r.setAttribute("width", Math.max(1, w - 1));
    r.setAttribute("y", H - bh); r.setAttribute("height", bh);
    const t = document.createElementNS(ns, "title");
    t.textContent = `${day(new Date(x.start))}: ${x.count}`;
    r.append(t);
    svg.append(r);
  });
  const index = (ev) => {
    const box = svg.getBoundingClientRect();
    return Math.min(b.length - 1, Math.max(0, Math.floor(((ev.clientX - box.left) / box.width) * b.length)));
  };
  let from = null;
  svg.onpointerdown = (ev) => { from = index(ev); svg.setPointerCapture(ev.pointerId); move(ev); };
  const move = (ev) => {
    if (from === null) return;
    const to = index(ev);
    const lo = Math.min(from, to), hi = Math.max(from, to);
    sel.setAttribute("x", lo * w); sel.setAttribute("width", (hi - lo + 1) * w);
  };
  svg.onpointermove = move;
  svg.onpointerup = (ev) => {
    if (from === null) return;
    const to = index(ev);
    const lo = Math.min(from, to), hi = Math.max(from, to);
    from = null;
    go(withChange((s) => {
      s.set("from", day(new Date(b[lo].start)));
      s.set("to", day(bucketEnd(b, hi, h.interval)));
    }));
  };
}

function renderHits(r) {
  const list = $("hits");
  list.replaceChildren();
  for (const hit of r.hits) {
    const link = el("a", { href: "/?" + new URLSearchParams({ story: hit.id }), text: hit.title || "(no title)" });
    link.addEventListener("click", (ev) => {
      ev.preventDefault();
      const s = state();
      s.set("story", hit.id);
      history.pushState(null, "", "/?" + s);
      render();
    });
    const li = el("li", {}, el("h2", {}, link),
      el("div", { class: "meta", text: [hit.date ? hit.date.slice(0, 10) : "undated", hit.source,
        // Wire copies of this story (its near-duplicate group) that the page does not list.
        hit.duplicates ? `${hit.duplicates} other ${hit.duplicates === 1 ? "copy" : "copies"}` : ""]
        .filter(Boolean).join(" · ") }));
    for (const f of hit.fragments || []) {
      const ranges = f.highlights.map(([start, end]) => ({ start, end }))
        .concat(f.mentions.map((m) => ({ start: m.start, end: m.end, kind: "entity", title: m.entity })));
      // A fragment cut inside a sentence says so, so that two of them do not read as one.
      const para = el("p", { class: "fragment" }, marked(f.text, dedupe(ranges)));
      if (!/^[\p{Lu}\p{N}"“‘'(«]/u.test(f.text)) para.prepend("… ");
      if (!/[.!?:"”’'»)]$/u.test(f.text.trimEnd())) para.append(" …");
      li.append(para);
    }
    const tags = [];
    if (hit.countries.length) tags.push("countries: " + hit.countries.join(" "));
    if (hit.actors.length) tags.push("actors: " + hit.actors.join(", "));
    if (tags.length) li.append(el("div", { class: "tags", text: tags.join("  ·  ") }));
    list.append(li);
  }
}

// Overlapping ranges: the first (by start) wins.
function dedupe(ranges) {
  const out = [];
  let end = -1;
  for (const r of ranges.sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (r.start >= end) { out.push(r); end = r.end; }
  }
  return out;
}

function renderPager(p, r) {
  const nav = $("pager");
  nav.replaceChildren();
  const offset = Number(p.get("offset") || 0);
  const page = (o, text) => el("button", { type: "button", text, onclick: () => {
    const s = state();
    if (o > 0) s.set("offset", o); else s.delete("offset");
    history.pushState(null, "", "/?" + s);
    render();
    window.scrollTo(0, 0);
  } });
  if (offset > 0) nav.append(page(Math.max(0, offset - PAGE), "← Previous"));
  if (offset + PAGE < r.total) nav.append(page(offset + PAGE, "Next →"));
}

async function renderStory(id) {
  const box = $("story");
  box.replaceChildren(el("p", { text: "Loading…" }));
  let s, rel;
  try {
    [s, rel] = await Promise.all([
      api("/api/stories/" + encodeURIComponent(id)),
      api("/api/stories/" + encodeURIComponent(id) + "/related?limit=5"),
    ]);
  } catch (err) {
    box.replaceChildren();
    showError(err);
    return;
  }
  showError(null);
  const back = el("a", { href: "#", text: "← Back to the results" });
  back.addEventListener("click", (ev) => { ev.preventDefault(); history.back(); });
  const ranges = s.mentions.map((m) => ({ start: m.start, end: m.end, kind: m.kind,
    title: `${m.kind}: ${m.entity}${m.country ? " (" + m.country + ")" : ""}` }));
  box.replaceChildren(back,
    el("h1", { text: s.title || "(no title)" }),
    el("div", { class: "meta", text: [s.date ? s.date.slice(0, 10) : "undated", s.source, s.origin && s.origin.path].filter(Boolean).join(" · ") }),
    el("p", { class: "legend" }, el("mark", { class: "location", text: "place" }),
      el("mark", { class: "person", text: "person" }), el("mark", { class: "organisation", text: "organisation" })),
    el("div", { class: "text" }, marked(s.text, dedupe(ranges))),
    el("h2", { text: "Entities" }),
    el("p", { class: "tags", text: "countries: " + (s.countries.join(" ") || "none") +
      "  ·  mentioned: " + ((s.mentioned_countries || []).join(" ") || "none") }),
    el("p", { class: "tags", text: "people: " + (s.people.join(", ") || "none") }),
    el("p", { class: "tags", text: "organisations: " + (s.organisations.join(", ") || "none") }),
    el("p", { class: "tags", text: "places: " + (s.places.join(", ") || "none") }),
    el("h2", { text: "Related stories" }));
  const list = el("ol", { id: "related" });
  for (const r of rel.related) {
    const a = el("a", { href: "/?" + new URLSearchParams({ story: r.id }), text: r.title || r.id });
    a.addEventListener("click", (ev) => { ev.preventDefault(); history.pushState(null, "", a.getAttribute("href")); render(); });
    list.append(el("li", {}, a, el("span", { class: "meta", text: "  " + [r.date ? r.date.slice(0, 10) : "", r.source].filter(Boolean).join(" · ") })));
  }
  if (!rel.related.length) list.append(el("li", { text: "None found." }));
  box.append(list);
}

document.addEventListener("DOMContentLoaded", () => {
  $("search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    go(withChange((s) => {
      const q = $("q").value;
      if (q) s.set("q", q); else s.delete("q");
      s.set("sort", $("sort").value);
      if (s.get("sort") === "relevance") s.delete("sort");
    }));
  });
  $("sort").addEventListener("change", () => $("search").requestSubmit());
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "/" && document.activeElement !== $("q")) {
      ev.preventDefault();
      $("q").focus();
    }
  });
  window.addEventListener("popstate", render);
  render();
});
