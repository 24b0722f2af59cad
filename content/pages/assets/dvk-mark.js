// dvk-mark.js: which words of a result to highlight for a query, shared by the search page
// (dvk-search.js) and the header's panel (dvk-suggest.js). Only words that match a query word
// whole: "hoa" marks "hoa", "hòa", "hóa", never "hoặc" or "hoàn" (a prefix is not a match).
// A query word typed with diacritics marks that spelling only; typed without, every spelling.

/** Lower case without diacritics, đ as d: what a phone keyboard without Vietnamese types. */
export function fold(text) {
  return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/\p{M}/gu, "");
}

/** The query's words as matchers: [word as typed (NFC, lower case), folded, typed with diacritics?]. */
export function queryWords(query) {
  return (query.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [])
    .map((w) => [w, fold(w), fold(w) !== w]);
}

/** Does the word (one syllable of the text) match one of the query words? */
export function matches(word, words) {
  const lower = word.normalize("NFC").toLowerCase();
  const bare = fold(lower);
  return words.some(([typed, folded, exact]) => (exact ? lower === typed : bare === folded));
}

/** Escaped HTML with the matching words in <mark> (entities kept whole; earlier marks dropped). */
export function markWords(html, words) {
  return html.replace(/<\/?mark>/g, "").split(/(&[#a-z0-9]+;|[^\p{L}\p{N}&]+)/u).map((w) =>
    /^[\p{L}\p{N}]+$/u.test(w) && matches(w, words) ? `<mark>${w}</mark>` : w).join("");
}

/** The engine's completions of the last word typed (dvk-index.js: "nong", any spelling, for "non";
 * "=nông", that spelling only, for "nôn") as matchers like queryWords'. */
export function completionWords(completions = []) {
  return completions.map((w) => (w.startsWith("=") ? [w.slice(1), fold(w.slice(1)), true] : [w, w, false]));
}
