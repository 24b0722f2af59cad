// dvk search: the search page `tim-kiem/` and the faceted catalogue `danh-muc/`, on the site's own
// index (dvk-index.js; `tim-kiem/bo-loc.json` says whether the build wrote one).
// Everything loads from this site (no other host). Without JavaScript the catalogue stays a plain
// paginated list; with it, filters combine, each value shows its count, and the URL keeps the state.

import { completionWords, markWords, queryWords } from "./dvk-mark.js";

// Results drawn at a time (8 share one result file of the index): ten answer a query, the
// catalogue shows a longer page.
const PAGE_SIZE = { search: 10, catalogue: 20 };
const SORTS = [
  { value: "", label: "Phù hợp nhất" },
  { value: "moi-nhat", label: "Mới nhất", order: { date: "desc" } },
  { value: "ten", label: "Tên (A–Z)", order: { title: "asc" } },
];
const QUERY_PARAM = "q";
const SORT_PARAM = "sap-xep";

/** Root URL of the site, from Material's page configuration (works under a sub-path too). */
function siteRoot() {
  const config = document.getElementById("__config");
  const base = config ? JSON.parse(config.textContent).base || "." : ".";
  return new URL(base.replace(/\/?$/, "/"), location.href);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c != null));
  return node;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const number = (n) => n.toLocaleString("vi-VN");

/** Filter state as read from and written to the query string: `?q=…&cap=tinh,huyen&sap-xep=ten`. */
class State {
  constructor(facets) {
    this.facets = facets;
    this.q = "";
    this.sort = "";
    this.selected = Object.fromEntries(facets.map((f) => [f.key, new Set()]));
  }

  static fromUrl(facets) {
    const state = new State(facets);
    const params = new URLSearchParams(location.search);
    state.q = (params.get(QUERY_PARAM) || "").trim();
    const sort = params.get(SORT_PARAM) || "";
    state.sort = SORTS.some((s) => s.value === sort) ? sort : "";
    for (const facet of facets) {
      const known = new Set(facet.values.map((v) => v.value));
      for (const value of (params.get(facet.key) || "").split(",")) {
        if (known.has(value)) state.selected[facet.key].add(value);
      }
    }
    return state;
  }

  /** The sort in effect: relevance needs words to be relevant to, else newest first. */
  get effectiveSort() {
    return this.sort === "" && !this.q ? "moi-nhat" : this.sort;
  }

  get anyFilter() {
    return Object.values(this.selected).some((s) => s.size > 0);
  }

  toUrl() {
    const params = new URLSearchParams();
    if (this.q) params.set(QUERY_PARAM, this.q);
    for (const facet of this.facets) {
      const values = facet.values.map((v) => v.value).filter((v) => this.selected[facet.key].has(v));
      if (values.length) params.set(facet.key, values.join(","));
    }
    if (this.sort && this.sort !== (this.q ? "" : "moi-nhat")) params.set(SORT_PARAM, this.sort);
    const query = params.toString();
    return location.pathname + (query ? `?${query}` : "") + location.hash;
  }

  /** Index filters: any value within a facet, every facet together; `except` leaves one facet out. */
  indexFilters(except = null) {
    const filters = {};
    for (const [key, values] of Object.entries(this.selected)) {
      if (key !== except && values.size) filters[key] = { any: [...values] };
    }
    return filters;
  }
}

class Finder {
  constructor(mount, mode, index, data) {
    this.mount = mount;
    this.mode = mode; // "search" (tim-kiem/) or "catalogue" (danh-muc/)
    this.index = index; // dvk-index.js
    this.facets = data.facets;
    this.pageSize = PAGE_SIZE[mode];
    this.labels = Object.fromEntries(this.facets.map((f) => [f.key, Object.fromEntries(f.values.map((v) => [v.value, v.label]))]));
    this.state = State.fromUrl(this.facets);
    this.run = 0;
    this.results = [];
    this.shown = 0;
  }

  async start() {
    this.mount.setAttribute("aria-busy", "true");
    this.build();
    // The catalogue is its filters: load them now. The search page loads them (a few files of
    // page lists) only when its filter panel is opened or the URL already chooses a filter.
    if (this.mode === "catalogue" || this.state.anyFilter) await this.loadFilters();
    await this.update();
  }

  async loadFilters() {
    if (!this.totals) this.totals = await this.index.filters();
  }

  build() {
    const s = this.state;
    this.input = el("input", { type: "search", name: QUERY_PARAM, value: s.q, autocomplete: "off", spellcheck: "false",
      enterkeyhint: "search", placeholder: "Ví dụ: dân vận, nong thon moi, duong giao thong" });
    this.input.value = s.q;
    this.sortSelect = el("select", { name: SORT_PARAM },
      ...SORTS.map((o) => el("option", { value: o.value, text: o.label })));
    const form = el("form", { class: "dvk-finder-form", role: "search" },
      el("label", { class: "dvk-q" }, this.mode === "search" ? "Từ khóa (có dấu hoặc không dấu)" : "Lọc theo từ khóa", this.input),
      el("label", {}, "Sắp xếp", this.sortSelect));
    form.addEventListener("submit", (e) => { e.preventDefault(); this.setQuery(this.input.value, true); });
    let timer = 0;
    this.input.addEventListener("input", () => {
      // Only the words already ended by a space: a syllable being typed ("kh", "khu"…) would
      // fetch a term file per letter, for terms that are mostly no word at all.
      const value = this.input.value;
      this.index.preload(value.slice(0, value.search(/\S*$/)));
      clearTimeout(timer);
      timer = setTimeout(() => this.typed(), 250);
    });
    this.sortSelect.addEventListener("change", () => { this.state.sort = this.sortSelect.value; this.update(); });

    const wide = window.matchMedia("(min-width: 60em)").matches;
    const panelOpen = this.mode === "catalogue" ? wide : this.state.anyFilter;
    this.boxes = {};
    this.facetTitles = {};
    const groups = this.facets.filter((f) => f.values.length).map((facet) => {
      const items = facet.values.map((v) => {
        const box = el("input", { type: "checkbox", name: facet.key, value: v.value });
        box.checked = this.state.selected[facet.key].has(v.value);
        box.addEventListener("change", () => {
          const set = this.state.selected[facet.key];
          box.checked ? set.add(v.value) : set.delete(v.value);
          this.update();
        });
        const count = el("span", { class: "dvk-count" });
        this.boxes[`${facet.key}\u0000${v.value}`] = { box, count };
        return el("li", {}, el("label", {}, box, el("span", { text: v.label }), count));
      });
      const title = el("small");
      this.facetTitles[facet.key] = title;
      const open = wide || facet.values.length <= 6 || this.state.selected[facet.key].size > 0;
      return el("details", { open }, el("summary", {}, facet.label, " ", title), el("ul", {}, ...items));
    });
    const reset = el("button", { type: "button", class: "dvk-button dvk-reset", text: "Bỏ tất cả bộ lọc" });
    reset.addEventListener("click", () => {
      for (const set of Object.values(this.state.selected)) set.clear();
      for (const { box } of Object.values(this.boxes)) box.checked = false;
      this.update();
    });
    this.resetButton = reset;
    this.status = el("p", { class: "dvk-status", role: "status", "aria-live": "polite" });
    this.list = el("ul", { class: "dvk-list dvk-results" });
    this.more = el("button", { type: "button", class: "dvk-button", hidden: true });
    this.more.addEventListener("click", () => { this.mount.setAttribute("aria-busy", "true"); this.draw(this.run); });
    // The filters fold into one line: on a phone, and on the search page until they are wanted.
    this.toggleCount = el("small");
    const toggle = el("details", { class: `dvk-facets-toggle${this.mode === "search" ? " dvk-facets-toggle--search" : ""}`, open: panelOpen },
      el("summary", {}, this.mode === "search" ? "Lọc kết quả " : "Bộ lọc ", this.toggleCount), ...groups, reset);
    toggle.addEventListener("toggle", async () => {
      if (toggle.open && !this.totals) {
        this.mount.setAttribute("aria-busy", "true");
        await this.loadFilters();
        await this.update();
      }
    });
    const facetsBox = el("aside", { class: "dvk-facets", "aria-label": "Bộ lọc" }, toggle);
    const results = el("section", { class: "dvk-results-box", "aria-label": "Kết quả" }, this.status, this.list, this.more);
    this.mount.replaceChildren(form, el("div", { class: "dvk-finder-body" }, facetsBox, results));
  }

  /** A pause in typing: search the box's text, unless the search of an earlier pause is still
   * fetching; then only once it ends, with the text as it is by then (one search at a time, not
   * one per key of a typist slower than the pause). */
  async typed() {
    if (this.searching) { this.queued = true; return; }
    this.searching = true;
    try {
      await this.setQuery(this.input.value);
    } finally {
      this.searching = false;
    }
    if (this.queued) { this.queued = false; this.typed(); }
  }

  /** `now`: the query was submitted (Enter), so its last word is whole; typed, it may be a syllable's start. */
  setQuery(value, now = false) {
    const q = value.trim();
    if (q === this.state.q && !now && !this.undrawn) return Promise.resolve();
    this.state.q = q;
    this.typing = !now;
    return this.update();
  }

  /** Run the search for the current state, then draw the counts and the first results. */
  async update() {
    const run = ++this.run;
    const s = this.state;
    this.mount.setAttribute("aria-busy", "true"); // until the results are drawn (tests wait on it too)
    history.replaceState(null, "", s.toUrl());
    const header = document.getElementById("dvk-hsearch-q");
    if (header && this.mode === "search") header.value = s.q;
    this.sortSelect.value = s.effectiveSort;
    this.sortSelect.querySelector('option[value=""]').disabled = !s.q;
    this.resetButton.hidden = !s.anyFilter;
    if (this.mode === "search" && !s.q && !s.anyFilter) {
      this.results = [];
      if (this.totals) this.showCounts(this.totals);
      this.list.replaceChildren();
      this.more.hidden = true;
      this.status.textContent = "Nhập từ khóa để tìm mô hình, hoặc chọn bộ lọc.";
      this.mount.removeAttribute("aria-busy");
      return;
    }
    const sort = SORTS.find((o) => o.value === s.effectiveSort).order;
    const query = s.q || null; // null: every page, by filters alone
    const prefix = !!this.typing; // a query from the URL or submitted is made of whole words
    const search = await this.index.search(query, { filters: s.indexFilters(), prefix, ...(sort ? { sort } : {}) });
    if (run !== this.run || search === null) return;
    // Typed on meanwhile: a newer search is on its way (its pause is pending), so the result files
    // of these results would be fetched for nothing; nothing is drawn until it comes.
    this.undrawn = prefix && this.input.value.trim() !== s.q;
    if (this.undrawn) return;
    // A value's count is what choosing it would give: for a facet already narrowed, the other
    // facets' filters only (values of one facet add up, they do not narrow each other).
    if (this.totals) {
      const counts = {};
      for (const facet of this.facets) {
        if (s.selected[facet.key].size) {
          const other = await this.index.search(query, { filters: s.indexFilters(facet.key), prefix });
          counts[facet.key] = other.filters?.[facet.key] || {};
        } else {
          counts[facet.key] = search.filters?.[facet.key] || {};
        }
      }
      if (run !== this.run) return;
      this.showCounts(counts);
    }
    this.results = search.results;
    this.completions = search.completions || [];
    this.shown = 0;
    this.list.replaceChildren();
    const n = this.results.length;
    // Only a word being typed, one or two letters, not looked up yet (dvk-index.js: unfinished).
    const waiting = search.unfinished && queryWords(s.q).length === 1;
    this.status.replaceChildren(...(n === 0
      ? [waiting ? `Gõ thêm chữ cái để tìm “${s.q}”` : s.q ? `Không tìm thấy mô hình nào khớp với “${s.q}”` : "Không có mô hình nào khớp với các bộ lọc đã chọn", "."]
      : [el("strong", { text: number(n) }), " mô hình", s.q ? ` khớp với “${s.q}”` : "", s.anyFilter ? " theo các bộ lọc đã chọn" : "", "."]));
    await this.draw(run);
  }

  showCounts(counts) {
    let total = 0;
    for (const facet of this.facets) {
      let chosen = 0;
      for (const v of facet.values) {
        const { box, count } = this.boxes[`${facet.key}\u0000${v.value}`] || {};
        if (!box) continue;
        const n = counts?.[facet.key]?.[v.value] ?? 0;
        count.textContent = number(n);
        box.disabled = n === 0 && !box.checked;
        box.closest("label").classList.toggle("dvk-zero", box.disabled);
        if (box.checked) chosen += 1;
      }
      const title = this.facetTitles[facet.key];
      if (title) title.textContent = chosen ? `(đã chọn ${chosen})` : facet.hint ? `(${facet.hint})` : "";
      total += chosen;
    }
    this.toggleCount.textContent = total ? `(đã chọn ${total})` : "";
  }

  /** Load and append the next page of results (one fragment each). */
  async draw(run) {
    const slice = this.results.slice(this.shown, this.shown + this.pageSize);
    this.more.disabled = true;
    const pages = await Promise.all(slice.map((r) => r.data()));
    if (run !== this.run) return;
    this.list.append(...pages.map((p) => this.entry(p)));
    this.shown += slice.length;
    const left = this.results.length - this.shown;
    this.more.hidden = left <= 0;
    this.more.disabled = false;
    this.more.textContent = `Xem thêm ${number(Math.min(left, this.pageSize))} mô hình (còn ${number(left)})`;
    this.mount.removeAttribute("aria-busy");
  }

  /** One result, drawn like an entry of the plain listings (dvk_build/templates/_macros.j2). */
  entry(page) {
    const meta = page.meta || {};
    const filters = page.filters || {};
    const order = (key) => (this.facets.find((f) => f.key === key)?.values || []).map((v) => v.value);
    const tiers = order("cap").filter((v) => (filters.cap || []).includes(v)).reverse(); // lowest tier first
    const fields = order("linh-vuc").filter((v) => (filters["linh-vuc"] || []).includes(v));
    const badges = [
      ...tiers.map((v) => el("span", { class: `dvk-badge dvk-tier dvk-tier-${v}`, text: this.labels.cap?.[v] || v })),
      ...fields.map((v) => el("span", { class: "dvk-badge dvk-field", text: this.labels["linh-vuc"]?.[v] || v })),
      ...(meta.record ? [el("span", { class: "dvk-badge dvk-record-summary", text: meta.record })] : []),
    ];
    const who = [meta.holder, meta.place, meta.date ? `công nhận ${meta.date}` : ""].filter(Boolean).join(" · ");
    const excerpt = this.state.q ? this.excerpt(page.excerpt || "", meta.summary || "") : null;
    return el("li", { class: "dvk-entry" },
      el("a", { class: "dvk-entry-title", href: page.url, text: meta.title || page.url }),
      el("div", { class: "dvk-entry-meta" }, ...badges),
      el("div", { class: "dvk-entry-who", text: who }),
      excerpt);
  }

  /** The index's excerpt (escaped HTML, matches in <mark>), else the summary; the words that match
   * a query word whole are marked (dvk-mark.js), đ typed as d too. */
  excerpt(html, summary) {
    let text = html.trim();
    if (!/<mark>/.test(text)) {
      const short = summary.length > 220 ? `${summary.slice(0, summary.lastIndexOf(" ", 220))} …` : summary;
      text = escapeHtml(short);
    }
    // The engine's own marks are redrawn: only words matching a query word whole (dvk-mark.js),
    // or a syllable the last word typed was completed to ("nôn" marks nông, not nòng).
    text = markWords(text, [...queryWords(this.state.q), ...completionWords(this.completions)]);
    const p = el("p", { class: "dvk-excerpt" });
    p.innerHTML = text; // dvk-index.js escapes the text before adding <mark>; the summary is escaped above
    return p;
  }
}

function showError(mount, message) {
  mount.querySelector(".dvk-finder-error")?.remove();
  mount.prepend(el("p", { class: "dvk-finder-error", role: "alert", text: message }));
}

async function main() {
  let mount = document.getElementById("dvk-finder");
  let mode = "search";
  const fallback = [];
  if (!mount) {
    // The catalogue: the plain list and its pager stay for browsers without JavaScript.
    const list = document.querySelector("article .dvk-list");
    if (!list) return;
    mode = "catalogue";
    mount = el("div", { id: "dvk-finder", class: "dvk-finder", "data-mode": mode });
    list.before(mount);
    fallback.push(list, ...document.querySelectorAll("article .dvk-pager"));
  }
  const root = siteRoot();
  let data;
  try {
    const response = await fetch(new URL("tim-kiem/bo-loc.json", root));
    data = await response.json();
  } catch (error) {
    showError(mount, "Không tải được bộ lọc của danh mục. Hãy tải lại trang.");
    return;
  }
  // A facet with too many values to list (the commune, `?xa=<code>`) names only the chosen ones.
  const params = new URLSearchParams(location.search);
  for (const facet of data.facets) {
    const chosen = (params.get(facet.key) || "").split(",").filter(Boolean);
    if (!facet.names || !chosen.length) continue;
    try {
      const names = await (await fetch(new URL(`tim-kiem/${facet.names}`, root))).json();
      facet.values = chosen.filter((code) => names[code]).map((code) => ({ value: code, label: names[code] }));
    } catch (error) {
      facet.values = [];
    }
  }
  if (!data.models) {
    mount.replaceChildren(el("p", { text: "Chưa có mô hình nào được công nhận." }));
    return;
  }
  let index;
  try {
    if (!data.engine) throw new Error("the build wrote no search index (plugin option search: false)");
    index = await import("./dvk-index.js");
    await index.options({ baseUrl: root.pathname, excerptLength: 24 });
    await index.init();
  } catch (error) {
    showError(mount, mode === "catalogue"
      ? "Không tải được công cụ lọc; danh sách dưới đây vẫn đầy đủ, theo thứ tự mới nhất."
      : "Không tải được công cụ tìm kiếm. Hãy tải lại trang, hoặc xem danh mục đầy đủ.");
    return;
  }
  for (const node of fallback) node.style.display = "none"; // `hidden` loses to the pager's display: flex
  await new Finder(mount, mode, index, data).start();
  if (mode === "search" && !new URLSearchParams(location.search).get(QUERY_PARAM)) mount.querySelector("input[type=search]")?.focus();
}

main();
