"""The dvk search index: syllables and folding, weights, shards, reproducibility, and its JavaScript reader.

The reader (content/pages/assets/dvk-index.js) runs in Node over an index built here, with `fetch`
answered from the folder: ranking, filters, counts and sorts are checked without a browser.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from dvk_build import verify
from dvk_build.config import default_config
from dvk_build.model import Model, Recognition
from dvk_build.search import dvk_index
from dvk_build.search.terms import fnv1a, fold, page_terms, shard_of, syllables

INDEX_JS = ROOT / "content" / "pages" / "assets" / "dvk-index.js"


def model(slug: str, title: str, summary: str, body: str = "", *, tier: str = "co-so", fields: list[str] | None = None,
          province: str = "Tỉnh An Giang", day: int = 1) -> Model:
    data = {"title": title, "summary": summary, "fields": fields or ["kinh-te"], "period": "2021-2025",
            "holder": {"kind": "tap-the", "name": "Chi hội Nông dân ấp Một"},
            "locality": {"province": province, "commune": "Xã Phú An"}, "idea": {"problem": "Đời sống còn khó khăn."}}
    rec = Recognition(tier, "Ban Dân vận", None, None, None, None, "1-TB/DU", dt.date(2024, 1, day))
    return Model(slug, f"models/{slug}.md", data, body, default_config(), [rec], 5, None)


# Newest first, as the catalogue orders them (page ids follow this order).
MODELS = [
    model("canh-dong-lua", "Cánh đồng lúa sạch của hội nông dân", "Nông dân trồng lúa sạch, bán lúa giá cao.", day=9,
          tier="huyen"),
    model("det-lua", "Làng nghề dệt lụa truyền thống", "Giữ nghề dệt lụa cho phụ nữ trong ấp.", day=8,
          fields=["kinh-te", "van-hoa-xa-hoi"]),
    model("bao-ve-de", "Tổ bảo vệ đê điều", "Người dân thay nhau canh đê trong mùa lũ.", day=7,
          fields=["quoc-phong-an-ninh"], province="Thành phố Hà Nội"),
    model("nuoi-de", "Hộ chăn nuôi dê thoát nghèo", "Hội viên nuôi dê, giúp nhau thoát nghèo để vươn lên.", day=6),
    model("dan-van", "Dân vận khéo trong xây dựng nông thôn mới", "Vận động Nhân dân hiến đất làm đường.", day=5,
          body="Mỗi tổ có một tổ trưởng. Dân biết, dân bàn, dân làm; vận động từng hộ."),
    model("van-dan", "Tổ vận động dân hiến đất", "Trên đất mới, dân nông thôn vận động nhau làm đường.", day=4),
]


# --- syllables, folding, terms, hash ---------------------------------------------------------------


def test_syllables_are_nfc_lower_case_words() -> None:
    assert syllables("Dân vận KHÉO, nông-thôn mới!") == ["dân", "vận", "khéo", "nông", "thôn", "mới"]
    assert syllables(unicodedata.normalize("NFD", "Lụa")) == ["lụa"]  # decomposed input, one syllable


def test_fold_strips_every_mark_and_đ() -> None:
    assert [fold(w) for w in syllables("Đường giao thông Đồng Tháp lụa lúa dê đê")] == \
        ["duong", "giao", "thong", "dong", "thap", "lua", "lua", "de", "de"]


def test_terms_are_syllables_and_adjacent_pairs_with_their_spelling() -> None:
    counted, length = page_terms([("Đê điều mới", 2)])
    assert counted == {("de", "đê"): 2, ("dieu", "điều"): 2, ("de dieu", "đê điều"): 2,
                       ("moi", "mới"): 2, ("dieu moi", "điều mới"): 2}
    assert length == 3


def test_fnv1a_is_the_standard_32_bit_hash() -> None:
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968
    assert 0 <= shard_of("nông thôn", 7) < 7


# --- the index files ---------------------------------------------------------------------------------


def _decoded(files: dict[str, bytes]) -> dict[str, Any]:
    terms_: dict[str, Any] = {}
    for path, data in files.items():
        if path.startswith("t/"):
            for term, value in json.loads(gzip.decompress(data)).items():
                assert term not in terms_
                terms_[term] = (int(path[2:].split(".")[0]), value)
    return terms_


def test_build_is_reproducible_and_terms_sit_in_their_hash_shard() -> None:
    files = dvk_index.build(MODELS)
    assert files == dvk_index.build(MODELS)
    assert all(data[4:8] == b"\0\0\0\0" for path, data in files.items() if path.endswith(".gz"))  # gzip mtime 0
    entry = json.loads(files["entry.json"])
    assert entry["pages"] == len(MODELS) and entry["chunk"] == dvk_index.CHUNK
    decoded = _decoded(files)
    assert all(shard == shard_of(term, entry["shards"]) for term, (shard, _) in decoded.items())
    # another catalogue, another version: browsers do not keep stale shards
    assert json.loads(dvk_index.build(MODELS[:-1])["entry.json"])["version"] != entry["version"]


def test_postings_weights_and_spelling_masks() -> None:
    decoded = _decoded(dvk_index.build(MODELS))
    spellings, deltas, weights, masks = decoded["lua"][1]
    assert spellings == ["lúa", "lụa"]
    pages = [sum(deltas[: i + 1]) for i in range(len(deltas))]
    assert pages == [0, 1] and masks == [1, 2]  # rice spelled lúa, silk spelled lụa
    assert all(1 <= w <= dvk_index.LEVELS for w in weights)
    # a title word weighs more than the same word once in the body
    _, deltas, weights, _ = decoded["to"][1]
    page_weight = dict(zip([sum(deltas[: i + 1]) for i in range(len(deltas))], weights))
    assert page_weight[5] > page_weight[4]  # "Tổ vận động…" (title) over "Mỗi tổ…" (body)
    assert "de dieu" in decoded and decoded["de dieu"][1][0] == ["đê điều"]
    assert decoded["de dieu"][1][3] == []  # one spelling: no masks stored


def test_records_and_facets() -> None:
    files = dvk_index.build(MODELS)
    records = json.loads(gzip.decompress(files["m/0.json.gz"]))
    assert [r["url"] for r in records] == [m.url for m in MODELS]
    assert records[0]["meta"]["title"] == MODELS[0].title and records[1]["filters"]["linh-vuc"] == ["kinh-te", "van-hoa-xa-hoi"]
    facets = json.loads(gzip.decompress(files["filters.json.gz"]))
    assert facets["values"]["linh-vuc"][facets["pages"]["linh-vuc"][2]] == "quoc-phong-an-ninh"
    titles = json.loads(gzip.decompress(files["title.json.gz"]))
    assert [MODELS[i].slug for i in titles][:2] == ["canh-dong-lua", "dan-van"]


def test_verify_counts_every_record_once(tmp_path: Path) -> None:
    dvk_index.write(tmp_path, dvk_index.build(MODELS))
    slugs = [m.slug for m in MODELS]
    assert sorted(verify.search_records(tmp_path) or []) == sorted(slugs)
    gaps = verify.gaps(tmp_path, [*slugs, "thieu"])
    index_gap = next(g for g in gaps if g.where == "chỉ mục tìm kiếm `tim-kiem/chi-muc/`")
    assert index_gap.missing == ["thieu"] and index_gap.extra == [] and index_gap.twice == []
    dvk_index.write(tmp_path, None)
    assert verify.search_records(tmp_path) is None


# --- the JavaScript reader, in Node ------------------------------------------------------------------

HARNESS = r"""
import { readFile } from "node:fs/promises";
const [dir, calls] = [process.argv[2], JSON.parse(process.argv[3])];
const fetched = [];
globalThis.fetch = async (url) => {
  const path = new URL(url, "http://x").pathname.replace(/^\/tim-kiem\/chi-muc\//, "");
  fetched.push(path);
  try { return new Response(await readFile(`${dir}/${path}`)); } catch { return new Response("", { status: 404 }); }
};
const index = await import(process.argv[4]);
await index.options({ baseUrl: "/" });
await index.init();
const out = [];
for (const [name, ...args] of calls) {
  if (name === "search") {
    const [query, opts, dataOpts] = args; // dataOpts: what result.data() is asked ({ excerpt: false })
    const found = await index.search(query, opts);
    const first = found.results.length ? await found.results[0].data(dataOpts) : null;
    out.push({ urls: await Promise.all(found.results.map(async (r) => (await r.data(dataOpts)).url)), filters: found.filters,
               excerpt: first && first.excerpt, completions: found.completions, unfinished: found.unfinished });
  } else if (name === "filters") out.push(await index.filters());
  else out.push(index[name](...args));
}
console.log(JSON.stringify({ out, fetched }));
"""


@pytest.fixture(scope="module")
def js(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Call dvk-index.js in Node over the index of MODELS: `js([call, ...])` → (answers, fetched paths)."""
    return node_reader(tmp_path_factory.mktemp("dvk-index"), dvk_index.build(MODELS))


def node_reader(tmp: Path, files: dict[str, bytes]) -> Any:
    node = shutil.which("node")
    if not node:
        pytest.skip("node is missing")
    dvk_index.write(tmp, files)
    harness = tmp / "harness.mjs"
    harness.write_text(HARNESS, encoding="utf-8")

    def call(calls: list[list[Any]]) -> tuple[list[Any], list[str]]:
        proc = subprocess.run([node, str(harness), str(tmp / dvk_index.FOLDER), json.dumps(calls), INDEX_JS.as_uri()],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        data = json.loads(proc.stdout)
        return data["out"], data["fetched"]

    return call


def test_js_tokenizes_and_hashes_as_python(js: Any) -> None:
    words = ["Đường", "lụa", "KHÉO", "nông thôn", "đê điều", "x", "Ưu"]
    calls = [["fold", w.lower()] for w in words] + [["fnv1a", w] for w in words] + [["syllables", "Dân vận KHÉO, nông-thôn!"]]
    out, _ = js(calls)
    n = len(words)
    assert out[:n] == [" ".join(fold(s) for s in w.lower().split()) for w in words]
    assert out[n:2 * n] == [fnv1a(w) for w in words]
    assert out[-1] == syllables("Dân vận KHÉO, nông-thôn!")


def slugs_of(answer: dict[str, Any]) -> list[str]:
    return [u.rstrip("/").split("/")[-1] for u in answer["urls"]]


@pytest.mark.parametrize(("query", "first", "found"), [
    ("lúa", "canh-dong-lua", {"canh-dong-lua", "det-lua"}),  # exact spelling first, the other found too
    ("lụa", "det-lua", {"canh-dong-lua", "det-lua"}),
    ("dê", "nuoi-de", {"nuoi-de", "bao-ve-de"}),
    ("đê", "bao-ve-de", {"nuoi-de", "bao-ve-de"}),
    ("de dieu", "bao-ve-de", {"bao-ve-de"}),  # đê điều typed without đ
    ("nong thon moi", "dan-van", {"dan-van", "van-dan"}),  # the phrase above its words scattered
    ("dân vận", "dan-van", {"dan-van", "van-dan"}),
    ("lúa xyz", None, set()),  # every syllable must be on the page
])
def test_js_ranking(js: Any, query: str, first: str | None, found: set[str]) -> None:
    (answer,), _ = js([["search", query, {}]])
    slugs = slugs_of(answer)
    assert set(slugs) == found
    if first:
        assert slugs[0] == first


def test_js_excerpt_marks_the_query_words_folded(js: Any) -> None:
    (answer,), _ = js([["search", "lua sach", {}]])
    assert answer["excerpt"] == "Nông dân trồng <mark>lúa</mark> <mark>sạch</mark>, bán <mark>lúa</mark> giá cao."


@pytest.mark.parametrize(("query", "opts", "found"), [
    ("nôn", {"prefix": True}, {m.slug for m in MODELS}),  # "nôn" is being typed: nông (every "Hội Nông dân")
    ("thô", {"prefix": True}, {"dan-van", "van-dan", "nuoi-de", "det-lua"}),  # thôn, thoát, thống
    ("dan van khe", {"prefix": True}, {"dan-van"}),  # only the last word completes: khéo
    ("thô", {}, {"dan-van", "van-dan", "nuoi-de", "det-lua"}),  # not a word of any page: completed all the same
    ("dê", {}, {"nuoi-de", "bao-ve-de"}),  # a word: as typed, not "để"
])
def test_js_prefix_of_the_last_word(js: Any, query: str, opts: dict[str, Any], found: set[str]) -> None:
    (answer,), _ = js([["search", query, opts]])
    assert set(slugs_of(answer)) == found


def test_js_prefix_ranks_the_word_as_typed_first(js: Any) -> None:
    """ "dê" typed as a prefix also finds "để" (nuoi-de: "để vươn lên"), but the pages with "dê" itself first."""
    (answer,), fetched = js([["search", "de", {"prefix": True}]])
    assert slugs_of(answer)[:2] in (["nuoi-de", "bao-ve-de"], ["bao-ve-de", "nuoi-de"])
    assert any(path.startswith("p/") for path in fetched)


def test_js_excerpt_comes_from_the_body_where_the_words_are(js: Any) -> None:
    (answer,), fetched = js([["search", "to truong", {}]])
    assert slugs_of(answer) == ["dan-van"]
    assert "<mark>tổ</mark> <mark>trưởng</mark>" in answer["excerpt"]  # in the body, not the summary
    assert "x/4.json.gz" in fetched


def test_js_excerpt_from_the_summary_fetches_no_page_text(js: Any) -> None:
    """The summary holds the words: no x/ file is fetched (a first search stays small, bench/README.md)."""
    (answer,), fetched = js([["search", "lua sach", {}]])
    assert "<mark>lúa</mark>" in answer["excerpt"]
    assert slugs_of(answer) and not [path for path in fetched if path.startswith("x/")], fetched


def test_js_results_without_excerpt_fetch_no_page_text(js: Any) -> None:
    """The header's panel shows no excerpt: `data({excerpt: false})` reads the result files only."""
    (answer,), fetched = js([["search", "to truong", {}, {"excerpt": False}]])
    assert slugs_of(answer) == ["dan-van"]
    assert not [path for path in fetched if path.startswith("x/")], fetched
    assert any(path.startswith("m/") for path in fetched)


def test_js_search_names_the_completions_of_the_last_word(js: Any) -> None:
    """What the search page marks: typed with diacritics, the spellings that begin so; without, the folded word."""
    with_marks, without, whole = js([["search", "nôn", {"prefix": True}], ["search", "non", {"prefix": True}],
                                     ["search", "nong", {}]])[0]
    assert "=nông" in with_marks["completions"] and "nong" not in with_marks["completions"]
    assert "nong" in without["completions"]
    assert whole["completions"] == []
    assert "<mark>nông</mark>" in with_marks["excerpt"].lower() or "<mark>Nông</mark>" in with_marks["excerpt"]


def test_js_completion_spelled_as_typed_ranks_first(js: Any) -> None:
    """ "thô" completes to thôn, thống and thoát: the pages spelled "thô…" come before "thoát" alone."""
    (answer,), _ = js([["search", "thô", {"prefix": True}]])
    slugs = slugs_of(answer)
    assert set(slugs) == {"dan-van", "van-dan", "nuoi-de", "det-lua"}
    assert slugs.index("nuoi-de") > min(slugs.index("dan-van"), slugs.index("van-dan"))


def test_js_a_syllable_half_typed_costs_no_term_file(tmp_path: Path) -> None:
    """ "khe" is on no page (khéo is): its term file is not fetched, nor the pair "van khe"'s; khéo's is."""
    saved = dvk_index.RAW_PER_SHARD
    dvk_index.RAW_PER_SHARD = 40  # a shard per few terms, so each term's file is told apart
    try:
        files = dvk_index.build(MODELS)
    finally:
        dvk_index.RAW_PER_SHARD = saved
    shards = json.loads(files["entry.json"])["shards"]
    file_of = {term: f"t/{fnv1a(term) % shards}.json.gz" for term in ("khe", "van khe", "kheo", "dan", "van", "dan van")}
    others = {file_of[t] for t in ("kheo", "dan", "van", "dan van")}
    assert file_of["khe"] not in others and file_of["van khe"] not in others  # holds for these hashes
    call = node_reader(tmp_path, files)
    (answer,), fetched = call([["search", "dan van khe", {"prefix": True}]])
    assert slugs_of(answer) == ["dan-van"]
    assert file_of["kheo"] in fetched
    assert file_of["khe"] not in fetched and file_of["van khe"] not in fetched, fetched
    (answer,), fetched = call([["search", "dan van", {}]])  # whole words from the URL: no prefix file
    assert slugs_of(answer) and not [path for path in fetched if path.startswith("p/")], fetched


def test_js_typed_key_by_key_looks_up_no_word_too_short(tmp_path: Path) -> None:
    """Typed key by key (a search at every key, one browser cache), a last word of one letter, or of
    two that is no word and starts more than FEW syllables ("th": thanh, thay, thoát, thôn, thống),
    costs no term file: the words before it are searched alone. Before, "d" and "v" fetched their
    own term files, and "th" the files of its five commonest completions."""
    saved = dvk_index.RAW_PER_SHARD
    dvk_index.RAW_PER_SHARD = 40  # a shard per few terms, so each term's file is told apart
    try:
        files = dvk_index.build(MODELS)
    finally:
        dvk_index.RAW_PER_SHARD = saved
    shards = json.loads(files["entry.json"])["shards"]

    def file_of(term: str) -> str:
        return f"t/{fnv1a(term) % shards}.json.gz"

    query = "dan van th"
    keys = [query[:i] for i in range(1, len(query) + 1)]
    call = node_reader(tmp_path, files)
    answers, fetched = call([["search", q, {"prefix": True}] for q in keys] + [["search", "dan van", {}]])
    wanted = {file_of(t) for t in ("dan", "van", "dan van", "dat")}  # "da" completes: dan, dat (few)
    short = {file_of(t) for t in ("d", "v", "t", "van t", "thanh", "thay", "thoat", "thon", "thong")}
    assert not short & wanted  # holds for these hashes
    assert {path for path in fetched if path.startswith("t/")} <= wanted, fetched
    by_key = dict(zip(keys, answers))
    assert by_key["d"]["urls"] == [] and by_key["d"]["unfinished"] == "d"
    assert by_key["dan van th"]["unfinished"] == "th"
    assert by_key["dan van th"]["urls"] == answers[-1]["urls"] != []  # "dan van" as if "th" were not typed
    assert by_key["dan v"]["urls"] == by_key["dan"]["urls"] != []
    (alone,), fetched = call([["search", "th", {"prefix": True}]])
    assert alone["urls"] == [] and not [path for path in fetched if path.startswith("t/")], fetched
    (few,), _ = call([["search", "kh", {"prefix": True}]])  # three completions: kheo, kho, khan
    assert few["unfinished"] == "" and "dan-van" in slugs_of(few)


def test_js_filters_counts_and_sorts(js: Any) -> None:
    by_field = {"filters": {"linh-vuc": {"any": ["kinh-te"]}}}
    out, fetched = js([
        ["search", None, {"sort": {"date": "desc"}}],
        ["search", None, {**by_field, "sort": {"title": "asc"}}],
        ["search", "dân", {"filters": {"linh-vuc": {"any": ["kinh-te", "quoc-phong-an-ninh"]}, "cap": {"any": ["co-so"]}}}],
        ["filters"],
    ])
    assert slugs_of(out[0]) == [m.slug for m in MODELS]  # newest first: the catalogue's order
    assert out[0]["filters"] == {}  # facets not loaded yet: no counts
    in_field = [m for m in MODELS if "kinh-te" in m.fields]
    assert slugs_of(out[1]) == [MODELS[i].slug for i in json.loads(gzip.decompress(
        dvk_index.build(MODELS)["title.json.gz"])) if MODELS[i] in in_field]
    assert out[1]["filters"]["linh-vuc"] == {"kinh-te": len(in_field), "van-hoa-xa-hoi": 1, "quoc-phong-an-ninh": 0}
    # every holder is a "Hội Nông dân": all pages have "dân"; the rice model is at huyện level only
    assert set(slugs_of(out[2])) == {"det-lua", "bao-ve-de", "nuoi-de", "dan-van", "van-dan"}
    assert out[3]["cap"] == {"huyen": 1, "co-so": 5}
    assert "title.json.gz" in fetched and fetched.count("filters.json.gz") == 1
