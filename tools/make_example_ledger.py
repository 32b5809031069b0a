#!/usr/bin/env python3
"""Build crates/core/src/file/example_ledger.json from the real bulletin text.

Source: tests/fixtures/bulletin-2022-06-30.txt (通报 of 2022-06-30, UTF-8).
Run from the repository root:  python3 tools/make_example_ledger.py
Stdlib only; the output is deterministic (same input -> byte-identical JSON).

What the script repairs in the text (the wording itself is kept as written):
  * page-break noise: a paragraph split by a blank line mid-sentence is joined back.
    A paragraph is a continuation when it does not start a new structural element
    (一、 / （一） / (一) / 1. / 原因分析 / 整改情况 / 欢迎… / signature / date) and the
    previous paragraph is not a heading and did not end with 。；： (or ！？…).
    The contact paragraph (欢迎…) runs up to the signature and is joined as a whole.
  * stray spaces next to CJK text: "2018 年 11 月" -> "2018年11月", "(八) 针对" -> "(八)针对".
  * problems 13–15 are typed with half-width ", " / ": "; there they become "，" / "：".
  * section headings "(二)" -> "（二）".
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "fixtures" / "bulletin-2022-06-30.txt"
TARGET = ROOT / "crates" / "core" / "src" / "file" / "example_ledger.json"

CN_NUM = "一二三四五六七八九十"
HALF_WIDTH_PROBLEMS = {13, 14, 15}

# Meta values the bulletin states; the script checks each one against the text.
META = {
    "header": "中共广州花都（清新）产业转移工业园委员会文件",
    "title": None,  # read from the text
    "unit": "中共广州花都（清新）产业转移工业园委员会",
    "unit_short": "工业园党委",
    "inspection_group": "区委第三巡察组",
    "inspection_kind": "巡察“回头看”",
    "inspection_from": "2021-12-06",
    "inspection_to": "2021-12-31",
    "feedback_date": "2022年4月",
    "as_of": "2022-06-24",
    "issue_date": "2022-06-30",
    "signature": "中共广州花都（清新）产业转移工业园委员会",
    "contact": None,  # read from the text
    "counting_basis": "category",
}

# 《…》 titles that are laws, party rules or external documents, never the unit's own rules:
# the list the bulletin reader (crates/office/src/bulletin_text.rs) reads, one a line.
NOT_OWN_RULES_FILE = ROOT / "crates" / "office" / "src" / "not_own_rules.txt"
NOT_OWN_RULES = {
    line.strip() for line in NOT_OWN_RULES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()
}
RULE_WORDS = ("规则", "制度", "方案", "计划", "办法")
REVISE_WORDS = ("修订", "完善", "健全")
CREATE_WORDS = ("制定", "形成")

# Who answers for each problem and when (not in the bulletin, which names no departments or
# dates): plausible 责任部门, 责任领导, 责任人 (by post), 整改时限 and 完成时间, so the 进度 charts
# have something to show. Every problem is finished by the as-of date 2022-06-24; four were
# finished after their deadline.
# number: (departments, lead, owner, deadline, completed_on)
ASSIGNMENTS = {
    1: (["党政办公室"], "党委书记", "党政办公室主任", "2022-04-30", "2022-04-20"),
    2: (["组织人事部"], "党委副书记", "组织人事部部长", "2022-05-15", "2022-05-10"),
    3: (["组织人事部"], "党委副书记", "组织人事部部长", "2022-05-31", "2022-05-27"),
    4: (["组织人事部"], "党委副书记", "组织人事部部长", "2022-05-31", "2022-06-08"),
    5: (["组织人事部"], "党委副书记", "组织人事部部长", "2022-04-30", "2022-04-26"),
    6: (["组织人事部", "招商服务部"], "党委副书记", "招商服务部部长", "2022-06-15", "2022-06-14"),
    7: (["财政金融局", "招商服务部"], "管委会副主任", "财政金融局局长", "2022-06-30", "2022-06-24"),
    8: (["党政办公室"], "党委书记", "党政办公室主任", "2022-04-30", "2022-04-28"),
    9: (["工会委员会", "财政金融局"], "党委副书记", "工会主席", "2022-05-31", "2022-05-20"),
    10: (["财政金融局"], "管委会副主任", "财政金融局局长", "2022-06-15", "2022-06-21"),
    11: (["财政金融局"], "管委会副主任", "财政金融局局长", "2022-05-15", "2022-05-06"),
    12: (["财政金融局"], "管委会副主任", "财政金融局局长", "2022-05-15", "2022-05-13"),
    13: (["党政办公室"], "党委书记", "党政办公室主任", "2022-04-30", "2022-04-22"),
    14: (["党政办公室", "组织人事部"], "党委书记", "党政办公室主任", "2022-05-31", "2022-05-31"),
    15: (["组织人事部"], "党委副书记", "组织人事部部长", "2022-05-31", "2022-06-02"),
    16: (["组织人事部"], "党委副书记", "组织人事部部长", "2022-06-15", "2022-06-10"),
    17: (["党政办公室"], "管委会副主任", "党政办公室主任", "2022-06-30", "2022-06-17"),
    18: (["工会委员会", "财政金融局"], "党委副书记", "工会主席", "2022-05-31", "2022-05-24"),
    19: (["财政金融局", "组织人事部"], "管委会副主任", "财政金融局局长", "2022-06-15", "2022-06-15"),
    20: (["财政金融局"], "管委会副主任", "财政金融局局长", "2022-06-30", "2022-06-24"),
}

CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》（）"

RE_SECTION = re.compile(rf"^([{CN_NUM}]+)、(.*)$")
RE_SUB = re.compile(rf"^[（(]\s*([{CN_NUM}]+)\s*[)）]\s*(.*)$")
RE_NUMBER = re.compile(r"^(\d{1,2})\.\s*(.*)$")
RE_CAUSE = re.compile(r"^原因分析\s*[:：]\s*(.*)$")
RE_PROGRESS = re.compile(r"^整改情况\s*[:：]\s*(.*)$")
RE_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
CLOSED_ENDINGS = ("。", "；", "：", "！", "？", "…")


def cn_to_int(text: str) -> int:
    """一..十九 (enough for this bulletin)."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CN_NUM.index(text[1]) + 1
    if len(text) == 2 and text.endswith("十"):
        return (CN_NUM.index(text[0]) + 1) * 10
    assert len(text) == 1, text
    return CN_NUM.index(text) + 1


def squeeze_spaces(text: str) -> str:
    """Drop whitespace that sits next to CJK text (between CJK / digits / full-width marks)."""
    text = text.strip()
    return re.sub(
        rf"(?<=[{CJK}0-9])\s+(?=[{CJK}])|(?<=[{CJK}])\s+(?=[0-9])", "", text
    )


def full_width_marks(text: str) -> str:
    """Problems 13–15 only: half-width ", " / ": " as typed there -> "，" / "："."""
    text = re.sub(r"\s*,\s*", "，", text)
    text = re.sub(r"\s*:\s*", "：", text)
    return text


def read_paragraphs(path: Path) -> list[str]:
    """Blank-line separated blocks; lines inside one block are joined directly."""
    blocks: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return ["".join(b) for b in blocks if b]


def is_structural(p: str) -> bool:
    return bool(
        RE_SECTION.match(p)
        or RE_SUB.match(p)
        or RE_NUMBER.match(p)
        or RE_CAUSE.match(p)
        or RE_PROGRESS.match(p)
        or p.startswith("欢迎")
        or p == META["signature"]
        or RE_DATE.match(squeeze_spaces(p))
    )


def is_heading(p: str) -> bool:
    return bool(RE_SECTION.match(p)) or p == META["header"]


def join_fragments(raw: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Join page-break fragments. Returns the paragraphs and the joins made."""
    out: list[str] = []
    joins: list[tuple[str, str]] = []
    in_contact = False
    for p in raw:
        if p.startswith("欢迎"):
            in_contact = True
        elif p == META["signature"]:
            in_contact = False
        if out and in_contact and not p.startswith("欢迎"):
            joins.append((out[-1][-12:], p[:12]))
            out[-1] += p
            continue
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(out) > 2  # header and title lines are never continued
            and not is_structural(p)
            and not is_heading(prev)
            and not prev.endswith(CLOSED_ENDINGS)
        ):
            joins.append((prev[-12:], p[:12]))
            out[-1] = prev + p
        else:
            out.append(p)
    return out, joins


def iso(y: str | int, m: str | int, d: str | int) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def build() -> tuple[dict, list[tuple[str, str]]]:
    raw = read_paragraphs(SOURCE)
    paras, joins = join_fragments(raw)
    paras = [squeeze_spaces(p) for p in paras]

    it = iter(enumerate(paras))
    header = paras[0]
    title = paras[1]
    opening = paras[2]
    assert header == META["header"], header
    assert RE_SECTION.match(paras[3]), paras[3]

    sections: dict[str, list[str]] = {}
    headings: dict[str, str] = {}
    order: list[str] = []
    categories: list[dict] = []
    tail: list[str] = []  # contact, signature, date
    current = None
    field = None
    for i, p in it:
        if i < 3:
            continue
        m = RE_SECTION.match(p)
        if m and current != "tail":
            current = m.group(1)
            order.append(current)
            headings[current] = m.group(2)
            sections[current] = []
            field = None
            continue
        if p.startswith("欢迎"):
            current = "tail"
        if current == "tail":
            tail.append(p)
            continue
        if current == "二":
            m = RE_SUB.match(p)
            if m:
                assert cn_to_int(m.group(1)) == len(categories) + 1, p
                cat_title = m.group(2)
                if cat_title.endswith("。"):
                    cat_title = cat_title[:-1]
                categories.append({"title": cat_title, "problems": []})
                field = None
                continue
            m = RE_NUMBER.match(p)
            if m and categories:
                problem = {
                    "number": int(m.group(1)),
                    "description": m.group(2),
                    "cause": "",
                    "progress": "",
                    "status": "",
                }
                categories[-1]["problems"].append(problem)
                field = "description"
                continue
            m = RE_CAUSE.match(p)
            if m:
                assert field == "description", p
                categories[-1]["problems"][-1]["cause"] = m.group(1)
                field = "cause"
                continue
            m = RE_PROGRESS.match(p)
            if m:
                assert field == "cause", p
                categories[-1]["problems"][-1]["progress"] = m.group(1)
                field = "progress"
                continue
            assert not categories, f"unexpected paragraph in 二、: {p[:30]}"
            sections[current].append(p)
            continue
        sections[current].append(p)

    assert order == ["一", "二", "三"], order

    # Problems 13–15: half-width punctuation; then the status.
    for cat in categories:
        for pr in cat["problems"]:
            if pr["number"] in HALF_WIDTH_PROBLEMS:
                for key in ("description", "cause", "progress"):
                    pr[key] = full_width_marks(pr[key])
            if pr["progress"].startswith("整改完成，并长期坚持"):
                pr["status"] = "长期坚持"
            elif pr["progress"].startswith("整改完成"):
                pr["status"] = "已完成"
            else:
                pr["status"] = "整改中"
            departments, lead, owner, deadline, completed_on = ASSIGNMENTS[pr["number"]]
            pr.update(departments=departments, lead=lead, owner=owner,
                      deadline=deadline, completed_on=completed_on)

    # Section 一: （一）（二）（三） with full-width numbering.
    deployment = []
    for n, p in enumerate(sections["一"], start=1):
        m = RE_SUB.match(p)
        assert m and cn_to_int(m.group(1)) == n, p
        deployment.append(f"（{m.group(1)}）{m.group(2)}")
    assert len(deployment) == 3, deployment
    assert len(sections["二"]) == 1, sections["二"]
    next_steps = []
    for p in sections["三"]:
        m = RE_SUB.match(p)
        next_steps.append(f"（{m.group(1)}）{m.group(2)}" if m else p)

    # Tail: contact, signature, date.
    assert len(tail) == 3, tail
    contact, signature, date_line = tail
    assert signature == META["signature"], signature
    m = RE_DATE.match(date_line)
    assert m, date_line
    issue_date = iso(*m.groups())

    # Meta, checked against the opening paragraph.
    m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日至(\d{4})年(\d{1,2})月(\d{1,2})日，(区委第.巡察组)", opening)
    assert m, opening
    inspection_from, inspection_to = iso(*m.groups()[0:3]), iso(*m.groups()[3:6])
    inspection_group = m.group(7)
    assert f"（以下简称：{META['unit_short']}）开展了{META['inspection_kind']}" in opening
    assert f"对{META['unit']}（" in opening
    m = re.search(r"(\d{4}年\d{1,2}月)，" + inspection_group + "向", opening)
    assert m, opening
    feedback_date = m.group(1)
    m = re.search(r"截至(\d{1,2})月(\d{1,2})日", opening)
    assert m, opening
    as_of = iso(issue_date[:4], *m.groups())

    meta = dict(META)
    meta.update(
        title=title,
        contact=contact,
        inspection_group=inspection_group,
        inspection_from=inspection_from,
        inspection_to=inspection_to,
        feedback_date=feedback_date,
        as_of=as_of,
        issue_date=issue_date,
    )
    for key, want in META.items():
        if want is not None:
            assert meta[key] == want, (key, meta[key], want)
    assert title.startswith(META["unit"]) and title.endswith("的通报"), title

    rules = find_rules(categories)

    ledger = {
        "meta": meta,
        "sections": {
            "opening": opening,
            "deployment_heading": headings["一"],
            "deployment": "\n".join(deployment),
            "implementation_heading": headings["二"],
            "implementation_intro": sections["二"][0],
            "next_steps_heading": headings["三"],
            "next_steps": "\n".join(next_steps),
        },
        "categories": categories,
        "rules": rules,
    }
    check(ledger, opening)
    return ledger, joins


def find_rules(categories: list[dict]) -> list[dict]:
    """Each distinct 《…》 rule the unit made or revised, named in a 整改情况 text."""
    rules: dict[str, dict] = {}
    for cat in categories:
        for pr in cat["problems"]:
            text = pr["progress"]
            for m in re.finditer(r"《([^《》]+)》", text):
                name = m.group(1)
                if name in NOT_OWN_RULES or not any(w in name for w in RULE_WORDS):
                    continue
                # The verb in front of the title, up to the previous clause break,
                # with any 《…》 titles listed before it taken out.
                lead = re.split(r"[。；，、：]", text[: m.start()])[-1]
                lead = re.sub(r"《[^《》]*》", "", lead)
                if any(w in lead for w in REVISE_WORDS):
                    kind = "修订"
                elif any(w in lead for w in CREATE_WORDS):
                    kind = "新建"
                else:
                    raise AssertionError(f"no verb before 《{name}》 in problem {pr['number']}: {lead!r}")
                rule = rules.setdefault(name, {"title": name, "kind": kind, "problems": []})
                assert rule["kind"] == kind, (name, rule["kind"], kind)
                if pr["number"] not in rule["problems"]:
                    rule["problems"].append(pr["number"])
    # Work plans (方案, 计划) are not rules, and a title named twice in slightly different words
    # (…制度 / 机关…) is one rule: those are 待确认 candidates, not counted. What remains is the
    # bulletin's 整改建章立制5项 (see check()).
    seen: set[str] = set()
    for rule in rules.values():
        key = same_rule_key(rule["title"])
        bare = re.sub(r"[（(][^（）()]*[）)]$", "", rule["title"])  # …方案（2021—2023）
        rule["candidate"] = bare.endswith(PLAN_ENDINGS) or key in seen
        seen.add(key)
    return list(rules.values())


PLAN_ENDINGS = ("方案", "计划", "要点", "清单")


def same_rule_key(title: str) -> str:
    key = title.replace("机关", "")
    return key[: -len("制度")] if key.endswith("制度") else key


def check(ledger: dict, opening: str) -> None:
    cats = ledger["categories"]
    assert len(cats) == 16, len(cats)
    numbers = [p["number"] for c in cats for p in c["problems"]]
    assert numbers == list(range(1, 21)), numbers
    assert all(c["problems"] for c in cats)
    assert re.search(rf"问题{len(cats)}个", opening), "counting basis: 问题N个 should count categories"

    def walk(value, path="ledger"):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}")
        elif isinstance(value, list):
            assert value, f"empty list at {path}"
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")
        elif isinstance(value, str):
            assert value.strip(), f"empty field at {path}"
            assert value == value.strip(), f"untrimmed field at {path}"
            assert not re.search(rf"[{CJK}][^\S\n]|[^\S\n][{CJK}]", value), f"space next to CJK at {path}: {value}"
            if not path.endswith((".deployment", ".next_steps")):
                assert "\n" not in value, f"line break at {path}"
            if ".categories" in path:
                assert not re.search(r"[,:;()]", value), f"half-width mark at {path}: {value}"
        elif isinstance(value, int):
            pass
        else:
            raise AssertionError(f"unexpected {type(value)} at {path}")

    walk(ledger)
    for r in ledger["rules"]:
        assert r["kind"] in ("修订", "新建"), r
    counted = sum(1 for r in ledger["rules"] if not r["candidate"])
    assert re.search(rf"建章立制{counted}项", opening), [r for r in ledger["rules"] if not r["candidate"]]
    as_of = ledger["meta"]["as_of"]
    for p in (p for c in cats for p in c["problems"]):
        assert p["status"] in ("已完成", "长期坚持"), p["number"]
        assert "2022-04-01" <= p["completed_on"] <= as_of, p["number"]
        assert "2022-04-01" <= p["deadline"] <= "2022-06-30", p["number"]


def clip(text: str) -> str:
    return text if len(text) <= 23 else f"{text[:10]}…{text[-10:]}"


def main() -> int:
    ledger, joins = build()
    text = json.dumps(ledger, ensure_ascii=False, indent=1) + "\n"
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8", newline="\n")

    cats = ledger["categories"]
    problems = [p for c in cats for p in c["problems"]]
    statuses: dict[str, int] = {}
    for p in problems:
        statuses[p["status"]] = statuses.get(p["status"], 0) + 1
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(text.encode('utf-8'))} bytes)")
    print(f"categories {len(cats)}, problems {len(problems)}, rules {len(ledger['rules'])}, "
          f"status {statuses}, page-break joins {len(joins)}")
    for a, b in joins:
        print(f"  join: …{a} | {b}…")
    print(f"title: {ledger['meta']['title']}")
    print(f"contact: {ledger['meta']['contact']}")
    for k, v in ledger["sections"].items():
        print(f"sections.{k}: {v.count(chr(10)) + 1} para, {clip(v)}")
    for ci, c in enumerate(cats, start=1):
        print(f"({ci}) {clip(c['title'])}")
        for p in c["problems"]:
            print(f"  {p['number']:>2} [{p['status']}] desc {clip(p['description'])}")
            print(f"     cause {clip(p['cause'])}")
            print(f"     progress {clip(p['progress'])}")
    for r in ledger["rules"]:
        print(f"rule [{r['kind']}]{'[待确认]' if r['candidate'] else ''} {r['problems']} 《{r['title']}》")
    return 0


if __name__ == "__main__":
    sys.exit(main())
