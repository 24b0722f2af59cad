"""The placeholders of the Mẫu 2a and 2b documents, filled from one model: Vietnamese style, blanks for what is missing."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from ..model import Model, Recognition
from ..vietnamese import lower_first, number, vnd
from ..validate.context import parse_date

BLANK = "……"  # a visible dotted blank: the person filling the form in sees what the dossier does not say
FORMS = ("2a", "2b")
DISTRICTS_ABOLISHED = dt.date(2025, 7, 1)  # the 2025 reform of local government (two levels: province, commune)

_PREFIX = re.compile(r"^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+", re.I)
_COMMUNE_BODY = re.compile(r"^đảng ủy\s+(xã|phường|thị trấn|đặc khu)\b", re.I)
_DISTRICT_BODY = re.compile(r"^(huyện ủy|thị ủy|thành ủy|quận ủy)\b", re.I)
_COLLECTIVE = re.compile(r"^(đảng ủy|huyện ủy|thị ủy|thành ủy|quận ủy|tỉnh ủy|chi bộ|đảng bộ)\b", re.I)


def _text(value: Any) -> str:
    """One line of NFC text (YAML block scalars keep line breaks a Word run would show literally), or BLANK."""
    if value is None or value == "" or value == [] or isinstance(value, bool):
        return BLANK
    if isinstance(value, (int, float)):
        return number(value)
    return unicodedata.normalize("NFC", " ".join(str(value).split())) or BLANK


def _sentence(value: Any) -> str:
    """Text that ends a sentence in the document: a final full stop added when the dossier has none."""
    text = _text(value)
    return text if text == BLANK or text[-1] in ".!?…)" else text + "."


def _upper(value: Any) -> str:
    text = _text(value)
    return text if text == BLANK else text.upper()


def short_date(value: Any) -> str:
    """25/10/2023 (the style of the guideline's own references); BLANK when missing."""
    d = value if isinstance(value, dt.date) else parse_date(value)
    return f"{d.day}/{d.month}/{d.year}" if d else BLANK


def long_date(value: Any) -> str:
    """`ngày 05 tháng 01 năm 2024`: the date line of a Party document (day below 10, January, February zero-padded)."""
    d = value if isinstance(value, dt.date) else parse_date(value)
    if not d:
        return f"ngày {BLANK} tháng {BLANK} năm {BLANK}"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def _amount(value: Any, unit: Any) -> str:
    """300 ha, 80%, 3,1 triệu đồng/ha/vụ."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return BLANK
    unit = _text(unit) if unit else ""
    if not unit or unit == BLANK:
        return number(value)
    return f"{number(value)}{unit}" if unit == "%" else f"{number(value)} {unit}"


def place_name(value: Any) -> str:
    """The proper name of a unit, as the date line writes it: `Xã Thạnh Lợi` → `Thạnh Lợi`."""
    text = _text(value)
    return text if text == BLANK else _PREFIX.sub("", text)


def _evaluation(m: Model) -> dict[str, Any]:
    """The evaluation the report presents: the latest one when the dossier keeps several."""
    ev = m.data.get("evaluation")
    if isinstance(ev, list):
        return max((e for e in ev if isinstance(e, dict)), key=lambda e: str(e.get("date") or ""), default={})
    return ev if isinstance(ev, dict) else {}


def pick_recognition(m: Model, tier: str | None = None) -> Recognition | None:
    """The recognition the documents are for: the one at `tier`, else the highest one; None for a draft."""
    if tier:
        return next((r for r in m.recognitions if r.tier == tier), None)
    return m.recognitions[-1] if m.recognitions else None


def _superior(body: str, rec_tier: str | None, m: Model, rec_date: dt.date | None = None) -> str:
    """The upper line of the masthead (HD 36): the Party organization one level up, from the dossier's own locality.

    Only where the body's name says its level; otherwise BLANK for the secretariat to fill in.
    """
    loc = m.locality
    body = _committee(body)
    if not body or body == BLANK:
        return BLANK
    if rec_tier == "tinh" or re.match(r"^tỉnh ủy\b", body, re.I):
        return ""  # a provincial committee has no upper line
    if _COMMUNE_BODY.match(body):
        notice = rec_date or dt.date.min
        # From 1 July 2025 districts (and their Party committees) no longer exist: a commune's is the province's.
        upper = (loc.get("district") if notice < DISTRICTS_ABOLISHED else None) or loc.get("province")
        return f"ĐẢNG BỘ {_upper(upper)}" if upper else BLANK
    if _DISTRICT_BODY.match(body):
        return f"ĐẢNG BỘ {_upper(loc.get('province'))}" if loc.get("province") else BLANK
    return BLANK


_STANDING = re.compile(r"^(ban thường vụ|ban chấp hành)\s+", re.I)


def _committee(body: str) -> str:
    """The Party committee a notice's masthead names: `Ban Thường vụ Huyện ủy Châu Thành` → `Huyện ủy Châu Thành`."""
    return _STANDING.sub("", body or "")


def _on_behalf(body: str) -> str:
    """`T/M ĐẢNG ỦY` for `Đảng ủy xã Thạnh Lợi`, `T/M BAN THƯỜNG VỤ` for its standing committee; BLANK otherwise."""
    match = _STANDING.match(body or "") or _COLLECTIVE.match(body or "")
    return f"T/M {match.group(1).upper()}" if match else f"T/M {BLANK}"


def _place_for(tier: str | None, m: Model) -> str:
    """The place of the date line: the unit where the signing body sits, by the tier it recognizes at."""
    loc = m.locality
    order = {"tinh": ("province",), "huyen": ("district", "province")}.get(tier or "", ("commune", "district", "province"))
    return place_name(next((loc.get(k) for k in order if loc.get(k)), None))


def _full_locality(m: Model) -> str:
    loc = m.locality
    text = ", ".join(_text(loc[k]) for k in ("commune", "district", "province") if loc.get(k)) or BLANK
    today, then = m.unit_today, m.unit_then
    if today is not None and then is not None and then.register == "legacy":  # derived from the register
        return f"{text} (nay là {today.name})"
    current = loc.get("current_commune") or loc.get("current_province")
    if current and (loc.get("current_province") or "") != (loc.get("province") or ""):
        now = ", ".join(_text(p) for p in (loc.get("current_commune"), loc.get("current_province")) if p)
        text += f" (nay thuộc {now})"
    elif loc.get("current_commune"):
        text += f" (nay là {_text(loc.get('current_commune'))})"
    return text


def _tier_label(m: Model, tier: str | None) -> str:
    t = m.config.tiers.get(tier or "")
    return lower_first(t.label) if t else f"cấp {BLANK}"


def _vote_body(m: Model, rec: Recognition | None) -> str:
    """Who voted (`vote.body_kind`, e.g. Ban thường vụ cấp ủy), by its label in config.yaml; BLANK when not recorded."""
    body = m.config.vote_bodies.get(rec.vote_body_kind or "") if rec else None
    return _text(body.label if body else None)


def _targets(m: Model) -> list[dict[str, str]]:
    words = {1: "Vượt", 0: "Đạt", -1: "Chưa đạt"}
    rows = [{
        "stt": str(i),
        "chi_tieu": _text(t.get("indicator")),
        "dang_ky": _amount(t.get("target"), t.get("unit")),
        "dat": _amount(t.get("actual"), t.get("unit")),
        "so_sanh": words.get(t.get("outcome"), BLANK),
        "ghi_chu": _text(t.get("note")) if t.get("note") else "",
    } for i, t in enumerate(m.targets_with_results(), start=1)]
    return rows or [{"stt": "1", "chi_tieu": BLANK, "dang_ky": BLANK, "dat": BLANK, "so_sanh": BLANK, "ghi_chu": ""}]


def _lines(values: Any) -> list[str]:
    items = [_text(v) for v in values or [] if _text(v) != BLANK] if isinstance(values, list) else []
    return items or [BLANK]


def _monitoring(m: Model) -> list[dict[str, str]]:
    entries = [e for e in m.data.get("monitoring") or [] if isinstance(e, dict)]
    out = [{"ngay": short_date(e.get("date")), "hoat_dong": _text(e.get("activity")),
            "nhan_xet": _sentence(e.get("findings")), "giai_phap": _sentence(e.get("actions"))} for e in entries]
    return out or [{"ngay": BLANK, "hoat_dong": BLANK, "nhan_xet": BLANK, "giai_phap": BLANK}]


def _criteria(m: Model) -> list[dict[str, str]]:
    evidence = m.data.get("criteria") or {}
    crits = m.config.criteria.get(m.holder_kind, ())
    return [{"ten": c.label, "minh_chung": _sentence(evidence.get(c.key))} for c in crits] or [
        {"ten": BLANK, "minh_chung": BLANK}]


def _steering(rollout: dict[str, Any]) -> str:
    sc = rollout.get("steering_committee") or {}
    if not sc:
        return BLANK
    members = sc.get("members")
    who = f", gồm {number(members)} thành viên" if isinstance(members, int) else f", gồm {BLANK} thành viên"
    return f"thành lập ngày {short_date(sc.get('date'))}{who}."


def _assignment(rollout: dict[str, Any]) -> str:
    a = rollout.get("assignment") or {}
    if not a:
        return BLANK
    return f"Thông báo số {_text(a.get('notice'))} ngày {short_date(a.get('date'))}."


def _commitment(rollout: dict[str, Any]) -> str:
    c = rollout.get("commitment") or {}
    if not c:
        return "không áp dụng (mô hình không triển khai trên diện rộng)." if rollout else BLANK
    who = c.get("signatories")
    return f"ký ngày {short_date(c.get('date'))}, {number(who) if isinstance(who, int) else BLANK} hộ, người ký."


def _signature(form: str, m: Model, body: str) -> dict[str, str]:
    if form == "2b":
        return {"thay_mat": _on_behalf(body), "chuc_vu": BLANK, "ho_ten": BLANK}
    holder = m.holder
    if m.holder_kind == "ca-nhan":
        return {"thay_mat": "NGƯỜI BÁO CÁO", "chuc_vu": _upper(holder.get("title")), "ho_ten": _text(holder.get("name"))}
    return {"thay_mat": f"T/M {_upper(holder.get('name'))}", "chuc_vu": BLANK, "ho_ten": BLANK}


def _recipients(form: str, m: Model, body: str) -> list[str]:
    holder, registered = m.holder, (m.data.get("idea") or {}).get("registered") or {}
    if form == "2a":
        out = [f"{_text(body)} (để xem xét, công nhận),"]
        if registered.get("with") and registered.get("with") != body:
            out.append(f"{_text(registered['with'])} (để theo dõi),")
        return out + ["Lưu."]
    out = [f"{_text(holder.get('name'))} (để thực hiện),"]
    for other in (holder.get("party_body"), registered.get("with")):
        if other and other != body and f"{_text(other)}," not in out:
            out.append(f"{_text(other)},")
    return out + ["Lưu Văn phòng."]


def placeholders(m: Model, form: str, tier: str | None = None) -> dict[str, Any]:
    """Every placeholder of form `2a` or `2b` for model `m` (docs/forms.md lists them in Vietnamese).

    Strings only (and lists of them), already in Vietnamese style: a template needs no filter.
    """
    return for_forms(m, (form,), tier)[form]


def for_forms(m: Model, forms: tuple[str, ...], tier: str | None = None) -> dict[str, dict[str, Any]]:
    """The placeholders of each form in `forms`; what they share is computed once."""
    rec = pick_recognition(m, tier)
    rec_tier = rec.tier if rec else tier
    body = (rec.body if rec else "") or ""
    shared = _shared(m, rec, rec_tier, body)
    return {form: {"mau": form, **_masthead(form, m, rec, rec_tier, body), **shared,
                   "ky": _signature(form, m, body), "noi_nhan": _recipients(form, m, body)} for form in forms}


def _masthead(form: str, m: Model, rec: Recognition | None, rec_tier: str | None, body: str) -> dict[str, str]:
    """The head of the document: the report's (2a) by the holder, the notice's (2b) by the recognizing body."""
    holder, collective = m.holder, m.holder_kind == "tap-the"
    if form == "2a":
        day = rec.report_date if rec else None
        upper = _upper(holder.get("party_body")) if collective else ""
        issuer = _upper(holder.get("name")) if collective else _upper(holder.get("party_body"))
        number, place = BLANK, _place_for(None, m)  # the report's own number is not in the dossier
    else:
        day = rec.notice_date if rec else None
        upper, issuer = _superior(body, rec_tier, m, day), _upper(_committee(body))
        number, place = _text(rec.notice_number if rec else None), _place_for(rec_tier, m)
    return {"co_quan_cap_tren": upper, "co_quan_ban_hanh": issuer, "so_van_ban": number, "dia_danh": place,
            "ngay_ky": short_date(day), "ngay_ky_day_du": long_date(day)}


def _shared(m: Model, rec: Recognition | None, rec_tier: str | None, body: str) -> dict[str, Any]:
    """The placeholders both forms fill the same way."""
    c = m.config
    holder, idea, rollout = m.holder, m.data.get("idea") or {}, m.data.get("rollout") or {}
    ev = _evaluation(m)
    funding, interests, registered = idea.get("funding") or {}, idea.get("interests") or {}, idea.get("registered") or {}
    period = c.periods.get(m.period)
    holder_name = _text(holder.get("name"))
    self_assessment = ev.get("self_assessment") or m.computed_assessment
    replicability = ev.get("replicability") or {}
    scope_tier = c.tiers.get(replicability.get("scope") or "")
    report_date = rec.report_date if rec else None
    notice_date = rec.notice_date if rec else None
    return {
        "ten_mo_hinh": _text(m.title),
        "tom_tat": _sentence(m.summary),
        "linh_vuc": ", ".join(c.fields[f].label if f in c.fields else f for f in m.fields) or BLANK,
        "giai_doan": _text(m.period),
        "huong_dan": _text(period.guideline if period else None),
        "chu_the": {
            "loai": c.holder_kinds.get(m.holder_kind, BLANK),
            "ten": holder_name,
            "chuc_vu": _text(holder.get("title")) if holder.get("title") else "",
            "ten_day_du": holder_name + (f", {_text(holder['title'])}" if holder.get("title") else ""),
            "cap_uy": _text(holder.get("party_body")),
        },
        "dia_ban": {
            "xa": _text(m.locality.get("commune")),
            "huyen": _text(m.locality.get("district")),
            "tinh": _text(m.locality.get("province")),
            "tinh_hien_nay": _text(m.province),
            "day_du": _full_locality(m),
        },
        "cap_cong_nhan": _tier_label(m, rec_tier),
        "co_quan_cong_nhan": _text(body),
        "so_thong_bao": _text(rec.notice_number if rec else None),
        "ngay_thong_bao": short_date(notice_date),
        "ngay_thong_bao_day_du": long_date(notice_date),
        "ngay_bao_cao": short_date(report_date),
        "ngay_bao_cao_day_du": long_date(report_date),
        "bieu_quyet": {
            "ngay": short_date(rec.vote_date if rec else None),
            "so_thanh_vien": _text(rec.vote_members if rec else None),
            "tan_thanh": _text(rec.vote_in_favor if rec else None),
            "co_mat": _text(rec.vote_present if rec else None),
            "co_quan": _vote_body(m, rec),
        },
        "y_tuong": {
            "van_de": _sentence(idea.get("problem")),
            "pham_vi": _sentence(idea.get("scope")),
            "dieu_kien": _sentence(idea.get("conditions")),
            "nong_cot": _lines(idea.get("core_team")),
            "kinh_phi": vnd(funding.get("amount_vnd")) or BLANK,
            "nguon_kinh_phi": "; ".join(_lines(funding.get("sources"))),
            "loi_ich": _sentence(idea.get("benefits")),
            "kho_khan": _sentence(idea.get("difficulties")),
            "loi_ich_tap_the": _sentence(interests.get("collective")),
            "loi_ich_cong_dong": _sentence(interests.get("community")),
            "loi_ich_ca_nhan": _sentence(interests.get("individual")),
            "ngay_dang_ky": short_date(registered.get("date")),
            "noi_dang_ky": _text(registered.get("with")),
        },
        "chi_tieu": _targets(m),
        "trien_khai": {
            "ban_chi_dao": _steering(rollout),
            "ngay_khao_sat": short_date((rollout.get("survey") or {}).get("date")),
            "khao_sat": _sentence((rollout.get("survey") or {}).get("findings")),
            "phan_cong": _assignment(rollout),
            "cam_ket": _commitment(rollout),
            "ngay_ke_hoach": short_date((rollout.get("plan") or {}).get("date")),
            "kinh_phi_ke_hoach": vnd((rollout.get("plan") or {}).get("budget_vnd")) or BLANK,
            "hoat_dong": _lines((rollout.get("plan") or {}).get("activities")),
        },
        "theo_doi": _monitoring(m),
        "danh_gia": {
            "ngay": short_date(ev.get("date")),
            "tu_danh_gia": c.self_assessment[self_assessment]["long"] if self_assessment in c.self_assessment else BLANK,
            "qua_trinh": _sentence(ev.get("process")),
            "lan_toa": _sentence(ev.get("spread")),
            "ben_vung": _sentence(ev.get("sustainability")),
            "kinh_phi_thuc_te": vnd(ev.get("funding_actual_vnd")) or BLANK,
            "bai_hoc": _sentence(ev.get("lessons")),
            "pham_vi_nhan_rong": f"có thể nhân rộng {scope_tier.label.lower()} ({scope_tier.scope})" if scope_tier else BLANK,
            "cach_nhan_rong": _sentence(replicability.get("how")) if replicability.get("how") else "",
        },
        "tieu_chi": _criteria(m),
    }
