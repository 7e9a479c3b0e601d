"""The figures a report's narrative (情况说明) states: amounts, shares, changes and rates, each
with the subject the sentence names, as printed. Pure functions from text lines to rows; the
readers decide which lines are narrative (not inside a table)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .labels import nfkc

# A heading starts a section: 一、… （一）… 第三部分 …
_HEADING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
_SECTION_LIMIT = 40
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_AMOUNT = re.compile(_NUMBER + r"\s*(万元|亿元|千元|元)(?!/)")
_PERCENT = re.compile(_NUMBER + r"\s*%")
_UP, _DOWN = ("增加", "增长", "上升", "提高"), ("减少", "下降", "降低")
_DIRECTION = re.compile(r"(增加|增长|上升|提高|减少|下降|降低)\s*" + _NUMBER + r"\s*(万元|亿元|千元|元|%)")
_SHARE = re.compile(r"占([^，,；;。]{0,20}?)" + _NUMBER + r"\s*%")
_COMPLETION = re.compile(r"完成([^，,；;。]{0,12}?)的?\s*" + _NUMBER + r"\s*%")
# 决算数小于全年预算数 / 决算数与预算数基本持平: the words comparing a final figure with a budget
_VERSUS = re.compile(
    r"决算数?(?:(大于|小于|高于|低于|等于)((?:年初|全年|调整后?)?预算数?)|与((?:年初|全年|调整后?)?预算数?)(基本持平|持平|相等|一致|基本一致))"
)
_VERSUS_WORDS = {"高于": "大于", "低于": "小于", "等于": "持平", "相等": "持平", "一致": "持平", "基本一致": "基本持平"}
# white space between two Chinese characters is a line's wrap or letter-spacing (增 加): not a break
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# a word printed twice running: four characters anywhere in a line (主要用于主要用于); two only
# beside a figure or a mark (增加增加584.09万元), since two characters doubled inside words are
# often two words (低空航空航天, 商业服务业服务, …教育项目项目绩效目标表)
_REPEATED = re.compile(
    r"([\u4e00-\u9fff]{4})\1"
    r"|(?<=[^\u4e00-\u9fff])([\u4e00-\u9fff]{2})\2"
    r"|([\u4e00-\u9fff]{2})\3(?=[^\u4e00-\u9fff])"
)
_FLAT = re.compile(r"持平|基本持平|与上年(?:度)?(?:相同|一致)")
_ITEM = re.compile(r"[(（][类款项][)）]")
# Clauses part at commas, but not at a thousands separator (3,600.00 万元 is one figure).
_CLAUSE = re.compile(r"[；;：:]|(?<!\d),|,(?!\d{3}(?!\d))")
# A line that is only a page number (27, - 27 -, 第27页): a footer or header, never narrative.
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–\s]*$")
_LEAD_WORDS = re.compile(r"^(?:其中|主要|包括|共计|合计为|为|是|达|共|总额|金额)")
_TRAIL_WORDS = re.compile(r"(?:为|是|达到|达|共计|合计为|共|总额为|金额为|，|：|:)$")
# a reason given for a change (主要原因是…, to the clause group's end): its figures and words
# (基本与上年持平, 国内服务费3.2万元由…调整为…) explain the change; they are not the item's
_REASON = re.compile(r"(?:主要)?原因(?:主要)?(?:是|为|在于|:)[^;。]*")
# a comparison, not a subject: 比2023年度, 与上年相比, 较上年
_COMPARISON = re.compile(r"^(?:与|比|较|同比)?(?:\d{4}年度?|上年度?|上一年度?)?(?:相比|同期)?$")

# subject → the table cell it names (first match wins: the specific before the general)
SUBJECT_KEYS = (
    # a part of last year's balance carried over (上年结转结余的一般公共预算收入) is no cell of the
    # year's income the checks know
    (("结转结余的", "结转和结余的", "上年结转的"), ""),
    (("财政拨款收入支出总计", "财政拨款收支总计"), "fiscal_grand_total"),
    (
        ("收入支出总计", "收支总计", "收入、支出总计", "收入、支出预算总计", "收支预算总计"),
        "income_expenditure_grand_total",
    ),
    (("本年收入合计", "本年收入预算合计"), "year_income_total"),
    (("本年支出合计", "本年支出预算合计"), "year_expenditure_total"),
    (("年初结转和结余", "上年结转结余", "年初结转结余"), "opening_balance"),
    (("年末结转和结余", "年终结转结余", "年末结转结余"), "closing_balance"),
    (("一般公共预算财政拨款基本支出",), "general_budget_basic"),
    (("一般公共预算财政拨款支出",), "general_budget_expenditure"),
    # a fund's share of the fiscal appropriation (其中：一般公共预算财政拨款收入 …): 01's line, not 02's total
    (("一般公共预算财政拨款收入", "一般公共预算拨款收入", "一般公共预算收入"), "general_budget_income"),
    (("政府性基金预算财政拨款收入", "政府性基金预算拨款收入", "政府性基金预算收入"), "government_fund_income"),
    (("国有资本经营预算财政拨款收入", "国有资本经营预算拨款收入", "国有资本经营预算收入"), "state_capital_income"),
    (("财政拨款收入",), "fiscal_appropriation_income"),
    (("人员经费",), "personnel"),
    (("公用经费",), "public"),
    (("基本支出",), "basic_expenditure"),
    (("项目支出",), "project_expenditure"),
    (("因公出国",), "overseas_travel"),
    (("公务接待",), "official_reception"),
    (("公务用车购置及运行",), "vehicle_total"),
    (("公务用车运行",), "vehicle_operation"),
    (("公务用车购置",), "vehicle_purchase"),
    (("三公",), "three_public_total"),
    (("机关运行经费",), "operating_costs"),
    (("政府采购",), "government_procurement"),
    (("其他收入",), "other_income"),
    (("经营收入",), "operating_income"),
    (("事业收入",), "business_income"),
    (("上级补助收入",), "superior_subsidy"),
    (("附属单位上缴收入",), "subsidiary_remittance"),
    # a 预算's wording of 05's total (B05 合计), last: a subject naming a part of it (其中基本支出,
    # 人员经费, “三公”经费 …) is that part
    (("一般公共预算支出", "一般公共预算拨款支出"), "general_budget_expenditure"),
)


@dataclass(frozen=True)
class Sentence:
    page: int | None  # None for a text dump, which has no pages
    section: str
    text: str


def subject_key(subject: str) -> str:
    """The table cell a subject names ('' when it names none the checks know, or names a
    functional 类, 款 or 项: 一般公共预算财政拨款支出…(项) is one row of 05, not its total)."""
    key = subject.replace(" ", "").replace("“", "").replace("”", "").replace('"', "")
    if _ITEM.search(key):
        return ""
    return next((name for words, name in SUBJECT_KEYS if any(word in key for word in words)), "")


def narrative_sentences(lines: list[tuple[int | None, str]]) -> list[Sentence]:
    """(page, text) lines in reading order → sentences, each with the heading it falls under
    and the page it starts on. A heading line starts a paragraph; wrapped lines join without
    a space (CJK text), and a paragraph may run over pages."""
    sentences: list[Sentence] = []
    section, buffer = "", ""
    pages: list[tuple[int, int | None]] = []  # (offset in the paragraph, the page from there on)

    def flush() -> None:
        offset = 0
        for text in re.split(r"(?<=。)", buffer):
            if text.strip():
                start = offset + len(text) - len(text.lstrip())
                page = next((page for at, page in reversed(pages) if at <= start), None)
                sentences.append(Sentence(page, section, text.strip()))
            offset += len(text)

    for page, raw in _without_page_numbers(lines):
        text = raw.strip()
        if not text:
            continue
        if _HEADING.match(nfkc(text)):
            flush()
            heading = re.split(r"[。，,]", text)[0]
            section, buffer, pages = heading[:_SECTION_LIMIT], text, [(0, page)]
            continue
        if not pages or pages[-1][1] != page:
            pages.append((len(buffer), page))
        buffer += text
    flush()
    return sentences


def _without_page_numbers(lines: list[tuple[int | None, str]]) -> list[tuple[int | None, str]]:
    """The lines without those that are only a page number at a page's top or bottom: joined
    into the sentence they would glue to the figure before the break (222.5 + 27 → 222.527)."""
    kept = []
    for n, (page, text) in enumerate(lines):
        first = n == 0 or lines[n - 1][0] != page
        last = n == len(lines) - 1 or lines[n + 1][0] != page
        if page is not None and (first or last) and _PAGE_NUMBER.match(nfkc(text).strip()):
            continue
        kept.append((page, text))
    return kept


def _signed(word: str, number: str) -> str:
    return ("-" if word in _DOWN else "") + number.replace(",", "")


def _subject_between(clause: str, start: int, end: int) -> str:
    """The words naming what a figure is: from the previous figure (or the clause's start) to
    it, without linking words; '' for a bare comparison (比2023年度)."""
    subject = _LEAD_WORDS.sub("", re.sub(r"\s+", "", clause[start:end]).strip("、"))
    subject = _TRAIL_WORDS.sub("", subject).strip()
    return "" if _COMPARISON.match(subject) else subject


def _clause_figures(clause: str, subject: str) -> tuple[list[dict], str]:
    """The figures of one clause and the subject it leaves for the next."""
    found: list[dict] = []
    for match in _DIRECTION.finditer(clause):
        word, number, unit = match.groups()
        own = _subject_between(clause, 0, match.start()) or subject
        measure = "change_rate" if unit == "%" else "change_amount"
        found.append(_figure(own, measure, _signed(word, number), unit, "增加" if word in _UP else "减少"))
        subject = own
    for match in _SHARE.finditer(clause):
        found.append(_figure(subject, "share", match.group(2).replace(",", ""), "%", "", of=match.group(1)))
    for match in _VERSUS.finditer(clause):
        word = match.group(1) or match.group(4)
        budget = match.group(2) or match.group(3)
        own = _subject_between(clause, 0, match.start()) or subject
        found.append(_figure(own, "final_vs_budget", "", "", _VERSUS_WORDS.get(word, word), of=budget))
    for match in _COMPLETION.finditer(clause):
        found.append(_figure(subject, "completion_rate", match.group(2).replace(",", ""), "%", "", of=match.group(1)))
    taken = [m.span() for m in (*_DIRECTION.finditer(clause), *_SHARE.finditer(clause), *_COMPLETION.finditer(clause))]
    previous_end = 0
    for match in _AMOUNT.finditer(clause):
        if any(lo <= match.start() < hi for lo, hi in taken):
            continue
        own = _subject_between(clause, previous_end, match.start()) or subject
        measure = "budget" if "预算" in own[-6:] else "final" if "决算" in own[-6:] else "amount"
        found.append(_figure(own, measure, match.group(1).replace(",", ""), match.group(2), ""))
        # an aside in brackets (含外宾接待支出0.00万元) names no subject for the figures after it
        subject, previous_end = (subject or own) if own.startswith("(") else own, match.end()
    flat = _FLAT.search(clause)
    if flat and not found:  # 收入支出总计持平: words before it that name a cell say what did not change
        own = _subject_between(clause, 0, flat.start())
        own = own if subject_key(own) else subject
        found.append(_figure(own, "change_amount", "0", "", "持平"))
        subject = own
    return found, subject


def _figure(subject: str, measure: str, value: str, unit: str, direction: str, of: str = "") -> dict:
    return {
        "subject": subject[-_SECTION_LIMIT:],
        "subject_key": subject_key(subject),
        "measure": measure,
        "value": value,
        "unit": unit,
        "direction": direction,
        "share_of": of.removesuffix("的"),
    }


def sentence_figures(sentence: str) -> list[dict]:
    """Every figure a sentence states, in order. A clause without a subject of its own (占 …%,
    增长 …%) speaks of the last subject named; a sentence's first amount before 其中 is the
    total its parts (part_of) belong to."""
    figures: list[dict] = []
    subject, total_key = "", ""
    head, _, tail = _REASON.sub("", _CJK_GAP.sub("", nfkc(sentence))).partition("其中")
    for part, is_tail in ((head, False), (tail, True)):
        for clause in _CLAUSE.split(part):
            found, subject = _clause_figures(clause, subject)
            for figure in found:
                figure["part_of"] = total_key if is_tail else ""
            figures += found
        if not is_tail:
            total_key = next((f["subject_key"] for f in figures if f["measure"] == "amount"), "")
    return figures


def narrative_rows(sentences: list[Sentence]) -> list[dict]:
    """Raw rows: one per figure, numbered by sentence (row_no) in document order."""
    rows = []
    for number, sentence in enumerate(sentences, start=1):
        for place, figure in enumerate(sentence_figures(sentence.text), start=1):
            rows.append({"page": sentence.page, "row_no": number, "figure_no": place, "section": sentence.section,
                         "sentence": sentence.text, **figure})  # fmt: skip
    return rows


def repeated_words(lines: list[tuple[int | None, str]]) -> set[str]:
    """Each word printed twice running within one line of prose (_REPEATED): a line with gaps
    between its characters is a table's columns or a letter-spaced heading, and words joined
    across lines are a title beside its label, so neither counts."""
    found: set[str] = set()
    for _, raw in lines:
        line = nfkc(raw).strip()
        if not _CJK_GAP.search(line):
            found |= {next(word for word in match.groups() if word) for match in _REPEATED.finditer(line)}
    return found


def sentence_rows(sentences: list[Sentence], repeated: set[str] = frozenset()) -> list[dict]:
    """Raw rows: one per sentence, numbered as narrative_rows numbers them (row_no), with the
    words it repeats (repeated_words)."""
    return [
        {
            "page": sentence.page,
            "row_no": number,
            "section": sentence.section,
            "sentence": sentence.text,
            "repeated_words": " ".join(sorted(word for word in repeated if word * 2 in sentence.text)),
        }
        for number, sentence in enumerate(sentences, start=1)
    ]


def read_narrative(lines: list[tuple[int | None, str]]) -> tuple[list[dict], list[dict]]:
    """(page, text) lines of the narrative → (its figure rows, its sentence rows)."""
    sentences = narrative_sentences(lines)
    return narrative_rows(sentences), sentence_rows(sentences, repeated_words(lines))
