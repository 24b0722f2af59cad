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
// The last word may be the start of a syllable still being typed ("nôn" → "nông"): the commonest
// COMPLETIONS of it count too, at COMPLETED of their weight, so the word as typed ranks first.
const COMPLETIONS = 3; // each is a term file, and a word typed key by key completes anew at most keys
const COMPLETED = 0.5;
// Typed, a last word of two letters completes only when at most FEW syllables start so: "th" or
// "ng" start hundreds, and their five commonest (five term files) would be fetched at that key
// only to be replaced at the next one. From the third letter it always completes.
const FEW = 3;
// The last word typed left out of the search, not yet a syllable to look up: one letter, or two
// that are no word and start too many ("nong t", "nong th" search "nong" meanwhile).
const UNFINISHED = Symbol("unfinished");
const CONTEXT = 30; // words of the text shown around the best match

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

/** The prefix file of `word` (folded syllable → pages holding it); null under two letters or without p/. */
async function prefixFile(word) {
  return word.length < 2 || !entry.prefixes ? null : fetchJson(`p/${fnv1a(word.slice(0, 2)) % entry.prefixes}.json.gz`);
}

/** Up to COMPLETIONS folded syllables that `word` (folded, two letters or more) starts, commonest
 * first; typed (`prefix`), none for two letters that start more than FEW. */
async function completions(word, prefix) {
  const words = await prefixFile(word);
  if (!words) return [];
  const found = Object.keys(words).filter((w) => w.length > word.length && w.startsWith(word));
  if (prefix && word.length < 3 && found.length > FEW) return [];
  return found.sort((a, b) => words[b] - words[a] || (a < b ? -1 : 1)).slice(0, COMPLETIONS);
}

/** The postings of the last word. Being typed (`prefix`), its prefix file is fetched anyway, and
 * since format 3 lists every syllable of two letters or more: a syllable half typed ("kh", "khuy")
 * that is on no page costs no term file. A whole word (from the URL) goes to its term file at once. */
async function lastWordExact(word, prefix) {
  const known = prefix && entry.format >= 3 ? await prefixFile(word) : null;
  return known && !Object.hasOwn(known, word) ? null : postings(word);
}

/** The pages of the last word as typed or completed: one list, each page at its best weight; null
 * when no page has it, UNFINISHED when it is being typed and too short to look up (no file fetched). */
async function lastWordPostings(word, typed, prefix) {
  if (prefix && word.length < 2) return UNFINISHED;
  const exact = await lastWordExact(word, prefix);
  if (!prefix && exact) return { list: exact, marks: [], exact };
  const found = await completions(word, prefix);
  if (prefix && !exact && !found.length && word.length < 3) {
    const known = entry.format >= 3 ? await prefixFile(word) : null;
    if (known && Object.keys(known).some((w) => w.startsWith(word))) return UNFINISHED; // too many to complete yet
  }
  const more = (await Promise.all(found.map(async (w) => [w, await postings(w)]))).filter(([, list]) => list);
  if (!more.length) return exact ? { list: exact, marks: [], exact } : null;
  const best = new Map(); // page → score of its best term
  if (exact) {
    const bits = bitsOf(exact, (s) => s === typed);
    exact.pages.forEach((page, j) => best.set(page, contribution(exact, j, bits)));
  }
  // Typed with diacritics ("nôn"), a completion counts as typed where it is spelled so (nông,
  // nồng), not where only its letters are (nòng): those rank after, and are not marked.
  const diacritics = typed !== word;
  const marks = [];
  for (const [w, list] of more) {
    const bits = bitsOf(list, (s) => s.startsWith(typed));
    if (diacritics) marks.push(...list.spellings.filter((s) => s.startsWith(typed)).map((s) => `=${s}`));
    else marks.push(w);
    list.pages.forEach((page, j) => {
      const score = COMPLETED * contribution(list, j, bits);
      if (score > (best.get(page) || 0)) best.set(page, score);
    });
  }
  const pages = Int32Array.from([...best.keys()].sort((a, b) => a - b));
  return { scores: best, pages, marks, exact };
}

/** The mask of a term's spellings that `test` accepts (0: none). */
function bitsOf(list, test) {
  return list.spellings.reduce((bits, s, k) => (test(s) ? bits | (1 << k) : bits), 0);
}

/** A term's contribution for its i-th posting; `bits`: its spellings that count as typed exactly. */
function contribution(list, i, bits) {
  const mask = list.masks.length ? list.masks[i] : 1;
  return list.weights[i] * list.idf * (mask & bits ? EXACT : 1);
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

/** Is the word wanted: its folded form, or (`=` before it) its exact spelling, lower case? */
function isWanted(wanted, word) {
  const lower = word.normalize("NFC").toLowerCase();
  return wanted.has(fold(lower)) || wanted.has(`=${lower}`);
}

/** Where the query's words are densest: the summary if it holds them, else the page's
 * text, else the summary's start; matches in <mark>; escaped HTML. */
function excerpt(summary, wanted, text = "") {
  const found = (source) => source.split(/([\p{L}\p{N}_]+)/u).some((w, i) => i % 2 === 1 && isWanted(wanted, w));
  const source = !found(summary) && text && found(text) ? text : summary;
  const parts = source.split(/([\p{L}\p{N}_]+)/u); // odd indexes are words
  const words = [];
  for (let i = 1; i < parts.length; i += 2) words.push(i);
  const hit = (i) => isWanted(wanted, parts[i]);
  const size = Math.max(excerptLength, CONTEXT);
  let first = 0; // the window of `size` words holding the most matches, from its first match
  let most = -1;
  for (let k = 0, n = 0; k < words.length; k += 1) {
    n += hit(words[k]) ? 1 : 0;
    if (k >= size && hit(words[k - size])) n -= 1;
    if (n > most) { most = n; first = Math.max(0, k - size + 1); }
  }
  while (first < words.length - 1 && !hit(words[first]) && most > 0) first += 1;
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

/** Does the text hold one of the wanted words? */
function holds(text, wanted) {
  return syllables(text).some((w) => isWanted(wanted, w));
}

/** A result; `data({ excerpt: false })` for what a result shows without an excerpt (the header's
 * panel). The page's text (x/) is fetched only when the summary holds none of the query's words:
 * an excerpt from the summary needs no more bytes (bench/README.md, issue 12). */
function result(page, score, wanted) {
  return {
    id: `p${page}`,
    score,
    data: async (opts = {}) => {
      const chunk = await fetchJson(`m/${Math.floor(page / entry.chunk)}.json.gz`);
      const record = chunk[page % entry.chunk];
      const summary = record.meta.summary || "";
      const marked = wanted.size && opts.excerpt !== false;
      const text = marked && !holds(summary, wanted) ? await fetchJson(`x/${page}.json.gz`).catch(() => "") : "";
      return { url: base + record.url, meta: record.meta, filters: record.filters,
        excerpt: marked ? excerpt(summary, wanted, text) : escapeHtml(summary) };
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
  // What an excerpt marks: the query's words folded, and the last word's completions (folded, or
  // `=spelling` when it was typed with diacritics).
  const wanted = new Set(unigrams.keys());
  let unfinished = ""; // the last word typed, left out of this search (UNFINISHED)
  let scores; // page → score
  if (query === null || query === undefined) {
    scores = new Map(Array.from({ length: entry.pages }, (_, i) => [i, 0]));
  } else if (!unigrams.size) {
    scores = new Map();
  } else {
    const keys = [...unigrams.keys()];
    const typed = [...unigrams.values()];
    const last = keys.length - 1; // the last word typed may be a syllable's start
    const lastList = lastWordPostings(keys[last], typed[last], !!opts.prefix);
    // A pair ending in the last word waits for it: when that is no word yet, no page has the pair.
    const ending = ` ${keys[last]}`;
    const [lists, pairs] = await Promise.all([
      Promise.all(keys.map((k, i) => (i === last ? lastList : postings(k)))),
      Promise.all([...bigrams.keys()].map((pair) => (pair.endsWith(ending)
        ? lastList.then((l) => (l && l !== UNFINISHED && l.exact ? postings(pair) : null)) : postings(pair)))),
    ]);
    if (lists[last] === UNFINISHED) { // the words before it alone, as if it were not typed yet
      unfinished = typed[last];
      wanted.delete(keys[last]);
      lists.pop();
      typed.pop();
    }
    if (!lists.length || lists.some((l) => !l)) {
      scores = new Map();
    } else {
      if (!unfinished) {
        for (const key of lists[last].marks) wanted.add(key);
        if (lists[last].list) lists[last] = lists[last].list; // the word as typed alone
      }
      const score = (i, j, page) => (lists[i].scores ? lists[i].scores.get(page)
        : contribution(lists[i], j, bitsOf(lists[i], (s) => s === typed[i])));
      const order = lists.map((l, i) => i).sort((a, b) => lists[a].pages.length - lists[b].pages.length);
      scores = null;
      for (const i of order) { // shortest list first: the intersection only shrinks
        const next = new Map();
        lists[i].pages.forEach((page, j) => {
          if (scores === null || scores.has(page)) next.set(page, (scores?.get(page) || 0) + score(i, j, page));
        });
        scores = next;
      }
      const typedPairs = [...bigrams.values()];
      pairs.forEach((list, k) => {
        if (!list) return;
        const bits = bitsOf(list, (s) => s === typedPairs[k]);
        list.pages.forEach((page, j) => {
          if (scores.has(page)) scores.set(page, scores.get(page) + BIGRAM * contribution(list, j, bits));
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
  return {
    results: pages.map((page) => result(page, scores.get(page), wanted)),
    // What the last word was completed to (folded, or `=spelling`): dvk-search.js marks them too.
    completions: [...wanted].filter((w) => !unigrams.has(w)),
    // The last word as typed when it was left out, too short to look up yet ("" when searched).
    unfinished,
    unfilteredResultCount: scores.size,
    filters: facetData ? counts(facetData, pages) : {},
  };
}
