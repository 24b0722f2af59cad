// dvk-suggest.js: search as you type in the header box (overrides/partials/search.html), on every page.
// From the second letter a panel lists the first models found by the site's index (dvk-index.js,
// loaded on the first letters typed, not with the page). A combobox (WAI-ARIA 1.2): arrows choose
// a model, Enter opens it, or opens the full results page (tim-kiem/) when none is chosen; Esc closes.
import { completionWords, markWords, queryWords } from "./dvk-mark.js";

const MIN_LETTERS = 2;
const SHOWN = 6;
// A pause in typing, as on the search page (dvk-search.js): one search per pause, not per letter
// (at 120 ms a steady typist searched at every key: 215 KB median to type a query, bench/README.md).
const DELAY_MS = 250;

function siteRoot() {
  const config = document.getElementById("__config");
  const base = config ? JSON.parse(config.textContent).base || "." : ".";
  return new URL(base.replace(/\/?$/, "/"), location.href);
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const number = (n) => n.toLocaleString("vi-VN");

class Suggest {
  constructor(form, input) {
    this.form = form;
    this.input = input;
    this.root = siteRoot();
    this.index = null; // Promise of dvk-index.js, ready (or null when the build has no index)
    this.run = 0;
    this.active = -1;
    this.options = [];
    this.panel = document.createElement("div");
    this.panel.className = "dvk-suggest";
    this.panel.id = "dvk-suggest";
    this.panel.hidden = true;
    this.status = document.createElement("p");
    this.status.className = "dvk-suggest__status";
    this.status.setAttribute("role", "status"); // read out: how many models were found
    this.list = document.createElement("ul");
    this.list.className = "dvk-suggest__list";
    this.list.id = "dvk-suggest-list";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", "Mô hình gợi ý");
    this.panel.append(this.status, this.list);
    form.append(this.panel);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.list.id);
    let timer = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.typed(), DELAY_MS);
    });
    input.addEventListener("keydown", (e) => this.key(e));
    input.addEventListener("focus", () => { if (this.options.length || this.status.textContent) this.open(); });
    // A click outside closes the panel; a click on an option opens it (mousedown: before the blur).
    document.addEventListener("click", (e) => { if (!form.contains(e.target)) this.close(); });
    this.list.addEventListener("mousedown", (e) => {
      const option = e.target.closest("[role=option]");
      if (option) { e.preventDefault(); this.go(option.dataset.href); }
    });
  }

  loadIndex() {
    if (!this.index) {
      this.index = (async () => {
        const data = await (await fetch(new URL("tim-kiem/bo-loc.json", this.root))).json();
        if (!data.engine || !data.models) return null;
        const index = await import("./dvk-index.js");
        await index.options({ baseUrl: this.root.pathname, excerptLength: 16 });
        await index.init();
        return index;
      })().catch(() => null);
    }
    return this.index;
  }

  /** A pause: search the box's text, unless the search of an earlier pause is still fetching; then
   * once it ends, with the text as it is by then (as on the search page, dvk-search.js). */
  async typed() {
    if (this.searching) { this.queued = true; return; }
    this.searching = true;
    try {
      await this.update();
    } finally {
      this.searching = false;
    }
    if (this.queued) { this.queued = false; this.typed(); }
  }

  async update() {
    const q = this.input.value.trim();
    const run = ++this.run;
    if ([...q].filter((c) => /[\p{L}\p{N}]/u.test(c)).length < MIN_LETTERS) {
      this.options = [];
      this.status.textContent = "";
      this.list.replaceChildren();
      this.close();
      return;
    }
    const index = await this.loadIndex();
    if (run !== this.run) return;
    if (!index) { this.close(); return; } // the header box still submits to tim-kiem/
    // The last word is still being typed unless a space follows it: "nôn" finds nông.
    const search = await index.search(q, { prefix: !/\s$/.test(this.input.value) });
    // Typed on meanwhile: a newer search follows (its pause is pending); no result files for these.
    if (run !== this.run || this.input.value.trim() !== q) return;
    // The panel shows no excerpt: no page text (x/) is fetched for it.
    const pages = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data({ excerpt: false })));
    if (run !== this.run) return;
    const words = [...queryWords(q), ...completionWords(search.completions)];
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.options = pages.map((page, i) => {
      const meta = page.meta || {};
      const li = document.createElement("li");
      li.id = `dvk-suggest-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.href = page.url;
      const title = document.createElement("span");
      title.className = "dvk-suggest__title";
      title.innerHTML = markWords(escapeHtml(meta.title || page.url), words);
      const who = document.createElement("span");
      who.className = "dvk-suggest__who";
      who.textContent = [meta.holder, meta.place].filter(Boolean).join(" · ");
      li.append(title, who);
      return li;
    });
    const all = document.createElement("li");
    all.id = "dvk-suggest-all";
    all.setAttribute("role", "option");
    all.setAttribute("aria-selected", "false");
    all.className = "dvk-suggest__all";
    all.dataset.href = this.resultsUrl(q);
    all.textContent = search.results.length ? `Xem tất cả ${number(search.results.length)} kết quả cho “${q}”` : `Tìm “${q}” trên trang tìm kiếm`;
    this.options.push(all);
    this.list.replaceChildren(...this.options);
    this.status.textContent = search.results.length
      ? `${number(search.results.length)} mô hình khớp với “${q}”${search.results.length > SHOWN ? `, ${SHOWN} mô hình đầu:` : ":"}`
      : search.unfinished && queryWords(q).length === 1 ? `Gõ thêm chữ cái để tìm “${q}”.` // one or two letters, not looked up yet
        : `Không tìm thấy mô hình nào khớp với “${q}”.`;
    if (document.activeElement === this.input) this.open();
  }

  resultsUrl(q) {
    const url = new URL("tim-kiem/", this.root);
    url.searchParams.set("q", q);
    return url.href;
  }

  key(e) {
    const n = this.options.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!n) return;
      e.preventDefault();
      this.open();
      const step = e.key === "ArrowDown" ? 1 : -1;
      this.select(this.active === -1 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n);
    } else if (e.key === "Enter") {
      if (!this.panel.hidden && this.active >= 0) {
        e.preventDefault();
        this.go(this.options[this.active].dataset.href);
      } // else the form submits: the full results page
    } else if (e.key === "Escape") {
      if (!this.panel.hidden) { e.preventDefault(); this.close(); }
    }
  }

  select(i) {
    this.options.forEach((o, j) => o.setAttribute("aria-selected", String(i === j)));
    this.active = i;
    this.input.setAttribute("aria-activedescendant", this.options[i].id);
    this.options[i].scrollIntoView({ block: "nearest" });
  }

  go(href) {
    this.close();
    location.href = href;
  }

  open() {
    if (!this.list.childElementCount) return;
    this.panel.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  close() {
    this.panel.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.options.forEach((o) => o.setAttribute("aria-selected", "false"));
    this.active = -1;
  }
}

const input = document.getElementById("dvk-hsearch-q");
if (input && input.form) new Suggest(input.form, input);
