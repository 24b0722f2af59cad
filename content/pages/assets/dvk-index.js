// dvk-index.js: the site's own search index (dvk_build/search/dvk_index.py) for dvk-search.js:
// options, init, preload, filters, search, result.data() (the shapes Pagefind's API gave them).
// No dependency, no request to another host. A term is one weight and one bitmask of spellings
// per page, in small gzipped shards: no word positions, so a first search stays small (bench/README.md).

const FOLDER = "tim-kiem/chi-muc/";
const WORD = /[\p{L}\p{N}_]+/gu; // Python's \w on NFC text (search/terms.py)
// Score = Σ weight × idf over the query's syllables (every one must be on the page), plus the same
// for each pair of adjacent syllables, times BIGRAM: a phrase outranks its words scattered. A term
// spelled on the page exactly as typed counts EXACT times: "lúa" ranks rice before silk "lụa".
const BIGRAM = 2;
const EXACT = 2;
const CONTEXT = 30; // words of the summary shown around the first match

let base = "/";
let excerptLength = CONTEXT;
let entry = null;
const files = new Map(); // path → Promise of its JSON
const terms = new Map(); // folded term → Promise of its decoded postings (or null)
let facets = null; // Promise of the decoded filters file

/** Syllables of a text, NFC and lower case (search/terms.py: syllables). */
export function syllables(text) {
  return text.normalize("NFC").toLowerCase().match(WORD) || [];
}

/** A syllable without diacritics, đ as d (search/terms.py: fold). */
export function fold(word) {
  return word.replace(/đ/g, "d").normalize("NFD").replace(/\p{M}/gu, "");
}

/** 32-bit FNV-1a of the UTF-8 bytes, as search/terms.py computes it: which shard holds a term. */
export function fnv1a(term) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(term)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h >>> 0;
}

async function fetchJson(path) {
  if (!files.has(path)) {
    const url = `${base}${FOLDER}${path}?v=${entry.version}`; // the version busts caches after a rebuild
    const promise = (async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${response.status} ${url}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      // Static hosts send the .gz file as it is; a server that sets Content-Encoding has already
      // let the browser decompress it: look at the bytes, not at the headers.
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes));
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return JSON.parse(await new Response(stream).text());
    })();
    files.set(path, promise);
    promise.catch(() => files.delete(path)); // a failed fetch may be retried
  }
  return files.get(path);
}

/** The postings of a folded term: pages (ascending), weights, masks of spellings; null if absent. */
function postings(term) {
  if (!terms.has(term)) {
    terms.set(term, fetchJson(`t/${fnv1a(term) % entry.shards}.json.gz`).then((shard) => {
      const raw = shard[term];
      if (!raw) return null;
      const [spellings, deltas, weights, masks] = raw;
      const pages = new Int32Array(deltas.length);
      let page = 0;
      deltas.forEach((d, i) => { page += d; pages[i] = page; });
      const idf = Math.log(1 + (entry.pages - pages.length + 0.5) / (pages.length + 0.5));
      return { spellings, pages, weights, masks, idf };
    }));
  }
  return terms.get(term);
}

/** A term's contribution for its i-th posting; `bit` is the typed spelling's bit (-1: not on any page). */
function contribution(list, i, bit) {
  const mask = list.masks.length ? list.masks[i] : 1;
  return list.weights[i] * list.idf * (bit >= 0 && mask & (1 << bit) ? EXACT : 1);
}

/** The query as terms: distinct folded syllables and adjacent pairs, each with the spelling typed. */
function parse(query) {
  const words = syllables(query || "");
  const unigrams = new Map();
  for (const w of words) if (!unigrams.has(fold(w))) unigrams.set(fold(w), w);
  const bigrams = new Map();
  for (let i = 1; i < words.length; i += 1) {
    const key = `${fold(words[i - 1])} ${fold(words[i])}`;
    if (!bigrams.has(key)) bigrams.set(key, `${words[i - 1]} ${words[i]}`);
  }
  return { unigrams, bigrams };
}

function loadFacets() {
  if (!facets) {
    facets = fetchJson("filters.json.gz").then(({ values, pages }) => {
      const columns = {};
      for (const [key, column] of Object.entries(pages)) {
        columns[key] = column.map((v) => (v === null ? [] : Array.isArray(v) ? v : [v]));
      }
      return { values, columns };
    });
    facets.catch(() => { facets = null; });
  }
  return facets;
}

function counts(data, pages) {
  const out = {};
  for (const [key, values] of Object.entries(data.values)) {
    const n = new Array(values.length).fill(0);
    const column = data.columns[key];
    for (const page of pages) for (const v of column[page]) n[v] += 1;
    out[key] = Object.fromEntries(values.map((value, i) => [value, n[i]]));
  }
  return out;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** The summary around its first word matching the query (folded), matches in <mark>; escaped HTML. */
function excerpt(summary, wanted) {
  const parts = summary.split(/([\p{L}\p{N}_]+)/u); // odd indexes are words
  const words = [];
  for (let i = 1; i < parts.length; i += 2) words.push(i);
  const hit = (i) => wanted.has(fold(parts[i].normalize("NFC").toLowerCase()));
  const first = Math.max(0, words.findIndex(hit));
  const size = Math.max(excerptLength, CONTEXT);
  const start = words.length <= size ? 0 : Math.max(0, Math.min(first - 6, words.length - size));
  const end = Math.min(words.length, start + size);
  if (!words.length) return escapeHtml(summary);
  const from = start === 0 ? 0 : words[start];
  const to = end === words.length ? parts.length : words[end - 1] + 1;
  const html = parts.slice(from, to).map((part, j) => {
    const i = from + j;
    return i % 2 === 1 && hit(i) ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part);
  }).join("");
  return `${start > 0 ? "… " : ""}${html.trim()}${end < words.length ? " …" : ""}`;
}

function result(page, score, wanted) {
  return {
    id: `p${page}`,
    score,
    data: async () => {
      const chunk = await fetchJson(`m/${Math.floor(page / entry.chunk)}.json.gz`);
      const record = chunk[page % entry.chunk];
      const summary = record.meta.summary || "";
      return { url: base + record.url, meta: record.meta, filters: record.filters,
        excerpt: wanted.size ? excerpt(summary, wanted) : escapeHtml(summary) };
    },
  };
}

// --- the API dvk-search.js calls ------------------------------------------------------------

export async function options(opts = {}) {
  if (opts.baseUrl) base = opts.baseUrl.replace(/\/?$/, "/");
  if (opts.excerptLength) excerptLength = opts.excerptLength;
}

export async function init() {
  if (!entry) {
    // Always revalidated: it names the version of every other file.
    const response = await fetch(`${base}${FOLDER}entry.json`, { cache: "no-cache" });
    if (!response.ok) throw new Error(`${response.status} ${FOLDER}entry.json`);
    entry = await response.json();
  }
}

export async function preload(query) {
  if (!entry) return;
  const { unigrams, bigrams } = parse(query);
  for (const term of [...unigrams.keys(), ...bigrams.keys()]) postings(term).catch(() => {});
}

/** Every facet value with the number of pages that have it. */
export async function filters() {
  await init();
  const data = await loadFacets();
  return counts(data, Array.from({ length: entry.pages }, (_, i) => i));
}

/**
 * Pages with every syllable of `query` (all pages for null), any chosen value within a facet and
 * every facet together, by relevance or `sort` ({date: "desc"} | {title: "asc"}); `filters` counts
 * each facet value over the results once the facets are loaded (filters() or a filtered search).
 */
export async function search(query, opts = {}) {
  await init();
  const chosen = Object.entries(opts.filters || {}).filter(([, f]) => (f?.any || []).length);
  const facetData = chosen.length ? await loadFacets() : facets ? await facets : null;
  const { unigrams, bigrams } = parse(query);
  let scores; // page → score
  if (query === null || query === undefined) {
    scores = new Map(Array.from({ length: entry.pages }, (_, i) => [i, 0]));
  } else if (!unigrams.size) {
    scores = new Map();
  } else {
    const [lists, pairs] = await Promise.all([
      Promise.all([...unigrams.keys()].map(postings)),
      Promise.all([...bigrams.keys()].map(postings)),
    ]);
    const typed = [...unigrams.values()];
    if (lists.some((l) => !l)) {
      scores = new Map();
    } else {
      const order = lists.map((l, i) => i).sort((a, b) => lists[a].pages.length - lists[b].pages.length);
      scores = null;
      for (const i of order) { // shortest list first: the intersection only shrinks
        const list = lists[i];
        const bit = list.spellings.indexOf(typed[i]);
        const next = new Map();
        list.pages.forEach((page, j) => {
          if (scores === null || scores.has(page)) next.set(page, (scores?.get(page) || 0) + contribution(list, j, bit));
        });
        scores = next;
      }
      const typedPairs = [...bigrams.values()];
      pairs.forEach((list, k) => {
        if (!list) return;
        const bit = list.spellings.indexOf(typedPairs[k]);
        list.pages.forEach((page, j) => {
          if (scores.has(page)) scores.set(page, scores.get(page) + BIGRAM * contribution(list, j, bit));
        });
      });
    }
  }
  let pages = [...scores.keys()];
  if (chosen.length) {
    const tests = chosen.map(([key, f]) => {
      const values = facetData.values[key] || [];
      const wanted = new Set(f.any.map((v) => values.indexOf(String(v))).filter((i) => i >= 0));
      const column = facetData.columns[key];
      return (page) => !!column && column[page].some((v) => wanted.has(v));
    });
    pages = pages.filter((page) => tests.every((t) => t(page)));
  }
  const sort = opts.sort || {};
  if (sort.title) {
    const order = await fetchJson("title.json.gz");
    const rank = new Int32Array(entry.pages);
    order.forEach((page, i) => { rank[page] = i; });
    pages.sort((a, b) => (rank[a] - rank[b]) * (sort.title === "desc" ? -1 : 1));
  } else if (sort.date) {
    pages.sort((a, b) => (a - b) * (sort.date === "asc" ? -1 : 1)); // page ids are newest first
  } else {
    pages.sort((a, b) => scores.get(b) - scores.get(a) || a - b);
  }
  const wanted = new Set(unigrams.keys());
  return {
    results: pages.map((page) => result(page, scores.get(page), wanted)),
    unfilteredResultCount: scores.size,
    filters: facetData ? counts(facetData, pages) : {},
  };
}
