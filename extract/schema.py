"""The registry: every table kind and evaluation form the extractor knows, declared once.

Both readers (``extract.pdf`` and ``extract.textdump``) and the writer take table kinds,
titles, raw folders, columns and header roles from here; nothing else spells them out.
Adding a table kind starts with one :class:`TableKind` entry in :data:`KINDS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .labels import normalize_label

# Where a raw row came from: every raw family starts with these columns.
PROVENANCE = ("report_id", "source_file", "page", "row_no")
# How each row's amounts found their columns: "printed" (read from the cells), "derived"
# (a text dump lost the column; the identities decided it) or "ambiguous" (several
# placements fit; placement_candidates lists them per column, and those cells stay blank).
PLACEMENT = ("placement", "placement_candidates")

HeaderRules = tuple[tuple[tuple[str, ...], str], ...]


@dataclass(frozen=True)
class TableKind:
    """One standard table: how its title reads, where its rows go, what its columns are."""

    number: str  # "01" … "09", the 公开NN表 label
    title: str
    parser: str  # the parser of its shape: summary, functional, economic or three_public
    raw_name: str  # raw CSV folder
    descriptive: tuple[str, ...]  # raw columns before the amounts (codes, names, line numbers)
    amounts: tuple[str, ...]  # amount columns of the raw CSV, in the order reports print them
    header_rules: HeaderRules = ()  # (header words, amount role): the first rule that matches wins
    row_total: tuple[str, tuple[str, ...]] | None = None  # (total column, the columns it adds up)
    aliases: tuple[str, ...] = ()  # other names producers and years have used
    report_kind: str = "final"  # final (决算) or budget (预算): which reports print it

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)

    @property
    def raw_columns(self) -> tuple[str, ...]:
        return (*PROVENANCE, *self.descriptive, *self.amounts, "amount_unit", *PLACEMENT, "printed_cells")

    def role_of(self, header: str) -> str | None:
        """The amount role a column header names (None when it names none)."""
        return classify(header, self.header_rules)


def classify(header: str, rules: HeaderRules) -> str | None:
    """The role of the first rule one of whose words is in the header."""
    return next((role for words, role in rules if any(word in header for word in words)), None)


_FUNCTIONAL = ("functional_code", "code_printed", "item_name")
_BALANCED_RULES: HeaderRules = (  # 05, 08 and 09 share one shape; some provinces print balances in 09 too
    (("年初",), "opening_balance"),
    (("年末",), "closing_balance"),
    (("基本支出",), "basic"),
    (("项目支出",), "project"),
    (("本年收入",), "income"),
    (("合计", "小计", "本年支出", "金额"), "total"),
)
_BALANCED_AMOUNTS = ("opening_balance", "income", "total", "basic", "project", "closing_balance")
_SUMMARY_DESCRIPTIVE = ("income_item", "income_line_no", "expenditure_item", "expenditure_line_no")
SUMMARY_AMOUNTS = (
    "income_amount",
    "expenditure_total",
    "expenditure_general_budget",
    "expenditure_government_fund",
    "expenditure_state_capital",
)
# 01 and 04 print one income amount; their expenditure columns are told apart by these words.
_EXPENDITURE_RULES: HeaderRules = (
    (("一般公共预算",), "expenditure_general_budget"),
    (("政府性基金",), "expenditure_government_fund"),
    (("国有资本",), "expenditure_state_capital"),
    (("合计", "金额", "决算数", "小计"), "expenditure_total"),
)

KINDS = (
    TableKind(
        "01",
        "收入支出决算总表",
        "summary",
        "t01_income_expenditure_summary",
        _SUMMARY_DESCRIPTIVE,
        SUMMARY_AMOUNTS,
        _EXPENDITURE_RULES,
        aliases=("收支决算总表",),
    ),
    TableKind(
        "02",
        "收入决算表",
        "functional",
        "t02_income_by_function",
        _FUNCTIONAL,
        (
            "total",
            "fiscal_appropriation",
            "superior_subsidy",
            "business_income",
            "operating_income",
            "subsidiary_remittance",
            "other_income",
        ),
        (
            (("附属单位",), "subsidiary_remittance"),
            (("上级补助",), "superior_subsidy"),
            (("事业收入",), "business_income"),
            (("经营收入",), "operating_income"),
            (("其他收入",), "other_income"),
            (("财政拨款",), "fiscal_appropriation"),
            (("合计", "小计", "金额"), "total"),
        ),
        (
            "total",
            (
                "fiscal_appropriation",
                "superior_subsidy",
                "business_income",
                "operating_income",
                "subsidiary_remittance",
                "other_income",
            ),
        ),
    ),
    TableKind(
        "03",
        "支出决算表",
        "functional",
        "t03_expenditure_by_function",
        _FUNCTIONAL,
        ("total", "basic", "project", "remittance_to_superior", "operating", "subsidy_to_subsidiaries"),
        (
            (("上缴上级",), "remittance_to_superior"),
            (("对附属单位",), "subsidy_to_subsidiaries"),
            (("经营支出",), "operating"),
            (("基本支出",), "basic"),
            (("项目支出",), "project"),
            (("合计", "小计", "金额"), "total"),
        ),
        ("total", ("basic", "project", "remittance_to_superior", "operating", "subsidy_to_subsidiaries")),
    ),
    TableKind(
        "04",
        "财政拨款收入支出决算总表",
        "summary",
        "t04_fiscal_appropriation_summary",
        _SUMMARY_DESCRIPTIVE,
        SUMMARY_AMOUNTS,
        _EXPENDITURE_RULES,
        aliases=("财政拨款收支决算总表",),
    ),
    TableKind(
        "05",
        "一般公共预算财政拨款支出决算表",
        "functional",
        "t05_general_budget_expenditure",
        _FUNCTIONAL,
        _BALANCED_AMOUNTS,
        _BALANCED_RULES,
        ("total", ("basic", "project")),
        aliases=("一般公共预算财政拨款支出决算明细表",),
    ),
    TableKind(
        "06",
        "一般公共预算财政拨款基本支出决算表",
        "economic",
        "t06_basic_expenditure_by_economic",
        ("column_group", "group_label", "economic_code", "code_printed", "item_name"),
        ("amount",),
        aliases=("一般公共预算财政拨款基本支出决算明细表",),
    ),
    TableKind(
        "07",
        "财政拨款三公经费支出决算表",
        "three_public",
        "t07_three_public_costs",
        ("item_code", "item_name"),
        ("budget_amount", "actual_amount"),
        aliases=("一般公共预算财政拨款三公经费支出决算表", "三公经费支出决算表", "三公经费及会议费、培训费支出决算表"),
    ),
    TableKind(
        "08",
        "政府性基金预算财政拨款收入支出决算表",
        "functional",
        "t08_government_fund",
        _FUNCTIONAL,
        _BALANCED_AMOUNTS,
        _BALANCED_RULES,
        ("total", ("basic", "project")),
        aliases=("政府性基金预算财政拨款支出决算表",),
    ),
    TableKind(
        "09",
        "国有资本经营预算财政拨款收入支出决算表",
        "functional",
        "t09_state_capital_expenditure",
        _FUNCTIONAL,
        _BALANCED_AMOUNTS,
        _BALANCED_RULES,
        ("total", ("basic", "project")),
        aliases=("国有资本经营预算财政拨款支出决算表",),
    ),
)
# The tables of a 预算 report that are read into facts of their own; every other table of a
# 预算 report is kept row by row in the generic family. B05 is the budget of 公开05表.
BUDGET_KINDS = (
    TableKind(
        "B01",
        "收支预算总表",
        "summary",
        "b01_budget_summary",
        (*_SUMMARY_DESCRIPTIVE, "use_item"),  # Jiangsu prints a third group: 支出用途
        (*SUMMARY_AMOUNTS, "use_amount"),
        (
            (("一般公共预算",), "expenditure_general_budget"),
            (("政府性基金",), "expenditure_government_fund"),
            (("国有资本",), "expenditure_state_capital"),
            (("合计", "金额", "预算数", "小计", "预算"), "expenditure_total"),  # 预算, 本年预算: its one column
        ),
        # the same two-sided table under the names publishers give it (预算01表 收支总表, 部门收支
        # 总体情况表, 部门综合预算收支总表 …); 财政拨款收支总表 is another table (a qualifier before it)
        aliases=(
            "财务收支预算总表",
            "收入支出预算总表",
            "收支总表",
            "收入支出总表",
            "收支总体情况表",
            "收支预算总体情况表",
            "综合预算收支总表",
            "收支预算表",
        ),
        report_kind="budget",
    ),
    TableKind(
        "B05",
        "一般公共预算支出预算表",
        "functional",
        "b05_budget_general_expenditure",
        _FUNCTIONAL,
        ("total", "basic", "project"),
        (
            (("基本支出",), "basic"),
            (("项目支出",), "project"),
            (("合计", "小计", "金额", "预算数", "一般公共预算支出"), "total"),
        ),
        aliases=(
            "一般公共预算支出功能分类预算表",
            "一般公共预算财政拨款支出预算表",
            "一般公共预算支出表",
            "一般公共预算支出情况表",
            "一般公共预算拨款支出预算表",
            "一般公共预算拨款支出表",
        ),
        report_kind="budget",
    ),
)
BUDGET_KINDS += (
    TableKind(
        "B06",
        "一般公共预算基本支出预算表",
        "functional",  # a code (one column or 类/款), a name, amounts: the functional shape
        "b06_budget_basic_by_economic",
        ("economic_code", "code_printed", "item_name"),
        ("total", "personnel", "public"),
        (
            (("人员经费",), "personnel"),
            (("公用经费",), "public"),
            (("合计", "小计", "金额", "预算数", "一般公共预算基本支出"), "total"),
        ),
        aliases=(
            "一般公共预算基本支出部门预算经济分类预算表",
            "一般公共预算基本支出经济分类预算表",
            "一般公共预算基本支出表",
            "一般公共预算基本支出情况表",
            "一般公共预算基本支出经济分类情况表",
        ),
        report_kind="budget",
    ),
)
BUDGET_KINDS += (
    TableKind(
        "B07",
        "三公经费预算表",
        "three_public_budget",  # items across the columns, one printed row of amounts
        "b07_budget_three_public_costs",
        ("item_code", "item_name"),
        ("amount",),
        aliases=(
            "三公经费支出预算表",
            "一般公共预算三公经费支出预算表",
            "财政拨款三公经费支出预算表",
            "三公经费、会议费、培训费支出预算表",
            "一般公共预算三公经费、会议费、培训费支出预算表",
            "三公经费和机关运行经费预算表",
            "三公经费及机关运行经费预算表",
            "三公经费支出表",
            "三公经费支出情况表",
            "三公经费、会议费、培训费支出表",
            "一般公共预算三公经费支出表",
            "一般公共预算三公经费支出情况表",
            "一般公共预算三公经费预算表",
            "财政拨款三公经费支出表",
            "一般公共预算三公经费、会议费、培训费支出表",
        ),
        report_kind="budget",
    ),
)
ALL_KINDS = KINDS + BUDGET_KINDS
KIND_BY_NUMBER = {kind.number: kind for kind in ALL_KINDS}

# --- 公开07表: the 三公 items, and the words that name each on a printed label -----------------
THREE_PUBLIC_ITEMS = (
    "total",
    "overseas_travel",
    "official_reception",
    "vehicle_total",
    "vehicle_operation",
    "vehicle_purchase",
)


def three_public_item(label: str) -> str | None:
    """Which 三公 item a printed label names (vehicle_total before its parts: 购置及运行)."""
    key = normalize_label(label)
    if not key:
        return None
    if "因公出国" in key:
        return "overseas_travel"
    if "公务接待" in key:
        return "official_reception"
    if "购置及运行" in key or ("公务用车" in key and "购置" in key and "运行" in key):
        return "vehicle_total"
    if "运行" in key:
        return "vehicle_operation"
    if "购置" in key:
        return "vehicle_purchase"
    if "合计" in key or key == "总计":
        return "total"
    return None


# 预算 B07 prints beside the 三公 items the 会议费, 培训费 and 机关运行经费 budgets, and a 合计 of all.
BUDGET_COST_ITEMS = ("meeting", "training", "operating_costs", "all_total")
_BUDGET_COST_WORDS = (("会议费", "meeting"), ("培训费", "training"), ("机关运行经费", "operating_costs"))


def budget_cost_item(header_parts: list[str], has_other_costs: bool) -> str | None:
    """Which item a 预算 三公 table's column holds, from its header labels top to bottom: the
    lowest label naming one (小计 stands for its parent); a bare 合计 is the 三公 total, or
    the total of everything when the table prints 会议费/培训费 beside the 三公 items."""
    labels = [normalize_label(part) for part in header_parts]
    for label in reversed(labels):
        item = next((item for word, item in _BUDGET_COST_WORDS if word in label), None)
        item = item or (None if label in ("小计", "合计") else three_public_item(label))
        if item:
            return item
    if any("三公" in label for label in labels):
        return "total"
    if any(label in ("合计", "小计") for label in labels):
        return "all_total" if has_other_costs else "total"
    return None


# --- the evaluation annexes (绩效自评表): forms read by their labels --------------------------
@dataclass(frozen=True)
class FormKind:
    kind: str  # unit or project
    titles: tuple[str, ...]


FORM_KINDS = (
    FormKind("unit", ("部门(单位)整体绩效自评表", "部门整体绩效自评表", "单位整体绩效自评表")),
    FormKind(
        "project", ("预算项目(政策)绩效自评表", "项目(政策)绩效自评表", "项目支出绩效自评表", "预算项目绩效自评表")
    ),
)

INDICATOR_COLUMNS = (
    "level1",
    "level2",
    "level3",
    "operator",
    "target",
    "measure_unit",
    "actual",
    "completion",
    "weight",
    "score",
    "deviation_category",
    "deviation_reason",
    "improvement_measure",
)
UNIT_HEADER = ("unit_label", "budget_income", "budget_expenditure", "total_score", "goal_initial", "goal_actual")
PROJECT_HEADER = (
    "project_name",
    "competent_department",
    "implementing_unit",
    "budget_amount",
    "executed_amount",
    "execution_rate",
    "indicator_score_subtotal",
    "execution_score",
    "deduction",
    "total_score",
    "goal_initial",
    "goal_actual",
)
TASK_COLUMNS = ("task_no", "task_name", "allocated_amount", "executed_amount", "execution_rate", "weight", "score")

# Raw families of the annexes: folder → columns after the provenance columns.
EVALUATION_FAMILIES: dict[str, tuple[str, ...]] = {
    "e01_unit_evaluations": ("evaluation_no", *UNIT_HEADER),
    "e02_unit_evaluation_tasks": ("evaluation_no", "unit_label", *TASK_COLUMNS),
    "e03_project_evaluations": ("evaluation_no", *PROJECT_HEADER),
    "e04_performance_indicators": (
        "evaluation_no",
        "subject_type",
        "subject_name",
        "indicator_no",
        *INDICATOR_COLUMNS,
        "printed_cells",
    ),
}

# --- tables beyond the nine: every printed row kept, as printed ---------------------------------
OTHER_TABLES = "x01_other_tables"
OTHER_TABLE_COLUMNS = ("table_no", "table_kind", "table_label", "table_title", "printed_cells")


@dataclass(frozen=True)
class PrintedKind:
    """A table kind declared by its titles only: its rows go to the generic family, cells as
    printed, marked with its number so they can be found (政府采购预算表 is B13 in any report)."""

    number: str
    title: str
    aliases: tuple[str, ...] = ()
    report_kind: str = "final"
    any_prefix: bool = False  # titled after a project (…项目绩效目标表): any words may precede

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)


PRINTED_KINDS = (
    PrintedKind("B02", "收入预算总表", ("收入预算表",), "budget"),
    PrintedKind("B03", "支出预算总表", ("支出预算表",), "budget"),
    PrintedKind("B04", "财政拨款收支预算总表", (), "budget"),
    PrintedKind(
        "B08",
        "政府性基金预算支出表",
        (
            "政府性基金支出预算表",
            "政府性基金预算支出功能分类预算表",
            "财政拨款政府性基金支出预算表",
            "政府性基金财政拨款支出预算表",
            "政府性基金预算支出预算表",
            "政府性基金预算支出情况表",
        ),
        "budget",
    ),  # fmt: skip
    PrintedKind(
        "B09",
        "国有资本经营预算支出表",
        ("国有资本经营预算支出功能分类预算表", "国有资本经营预算支出预算表", "国有资本经营预算支出情况表"),
        "budget",
    ),
    PrintedKind("B10", "财政拨款支出预算表", (), "budget"),
    PrintedKind("B11", "财政拨款基本支出预算表", (), "budget"),
    PrintedKind(
        "B12", "机关运行经费预算表", ("机关运行经费支出预算表", "一般公共预算机关运行经费支出预算表"), "budget"
    ),
    PrintedKind("B13", "政府采购预算表", ("政府采购支出预算表",), "budget"),
    PrintedKind("B14", "项目支出绩效目标表", ("绩效目标表",), "budget", any_prefix=True),
    # 决算 tables beyond the nine
    PrintedKind("X10", "机关运行经费支出决算表", ("机关运行经费支出情况表", "机关运行经费情况表")),
    PrintedKind("X11", "政府采购情况表", ("政府采购支出情况表", "政府采购情况统计表", "政府采购支出决算表")),
    PrintedKind("X12", "国有资产占用情况表", ("国有资产使用情况表", "国有资产占用情况统计表")),
    PrintedKind("X13", "财政拨款支出决算表", ()),  # a university's 表4, all funds
)

# --- the report row and the manifest -----------------------------------------------------------
REPORT_COLUMNS = (
    "report_id",
    "source_file",
    "sha256",
    "entity_name",
    "fiscal_year",
    "report_kind",
    "page_count",
    "tables_found",
    "tables_listed",  # the kinds the contents page (目录) lists, in its order
    "tables_titled",  # the kinds whose titles the body prints, read or not
    "evaluations_found",
    "rows_extracted",
    "warnings",
    "source_modified",
    "source_modified_ns",
    "extractor_version",
)
MANIFEST_COLUMNS = ("source_path", "sha256", "status", "reason", "report_id", "file_format")
# ok, failed, duplicate, not_a_report (another format, or no report in it), quarantined (read,
# but its entity or year could not be: its raw files are kept under quarantine/, out of the warehouse)
MANIFEST_STATUSES = ("ok", "failed", "duplicate", "not_a_report", "quarantined")


# --- sub-columns (事业收入 | 其中：教育收费): each a fact of its own, beside its parent's row ------
SUB_COLUMNS = "x02_sub_column_amounts"
SUB_COLUMN_COLUMNS = (
    "table_number",
    "functional_code",
    "item_name",
    "parent_column",  # the amount role of the column it is a part of (business_income, project …)
    "sub_column_label",  # its heading as printed (其中：教育收费)
    "amount",
    "amount_unit",
)


# --- the narrative (情况说明): every figure a sentence states, as printed ---------------------
NARRATIVE = "n01_narrative_figures"
NARRATIVE_COLUMNS = (
    "figure_no",  # the figure's place in its sentence (row_no numbers the sentences)
    "section",  # the heading the sentence falls under
    "sentence",
    "subject",  # the words naming what the figure is
    "subject_key",  # the table cell those words name (extract/narrative.py SUBJECT_KEYS), or ''
    "measure",  # amount, budget (预算数), final (决算数), share, change_amount, change_rate, completion_rate
    # or final_vs_budget (决算数小于预算数: the words, in direction, and the budget named, in share_of)
    "value",  # as printed, signed by its direction word for changes
    "unit",  # 万元, 元, 亿元, 千元 or %
    "direction",  # 增加 / 减少 / 持平 as printed for changes; 大于 / 小于 / 持平 / 基本持平 for final_vs_budget
    "share_of",  # for a share or completion rate: the whole it names (本年支出合计, 年初预算), as printed
    "part_of",  # the subject key of the sentence's total, for figures after its 其中
)
# every sentence of the narrative, figures or not (row_no as in n01): what a report says about
# its sections and its empty tables (本表无数据) is read from here
NARRATIVE_SENTENCES = "n02_narrative_sentences"
NARRATIVE_SENTENCE_COLUMNS = (
    "section",  # the heading the sentence falls under (a heading is its section's first sentence)
    "sentence",
    "repeated_words",  # words printed twice running within one of its lines (主要用于主要用于)
)


# every place the report prints its publisher's name (a table's 部门：… line, a heading naming
# the report): what the entity's name is checked against, page by page
PRINTED_NAMES = "n03_printed_names"
PRINTED_NAME_COLUMNS = (
    "place",  # unit_line (部门：…, 单位名称：…) or heading (某局2024年度部门决算)
    "name",  # as printed, without spaces and the brackets round it
)


def raw_families() -> dict[str, tuple[str, ...]]:
    """Every raw folder written per report, with its columns in file order (reports/ last:
    a report's row is written after all its other files)."""
    tables = {kind.raw_name: kind.raw_columns for kind in ALL_KINDS}
    forms = {family: (*PROVENANCE, *columns) for family, columns in EVALUATION_FAMILIES.items()}
    others = {
        OTHER_TABLES: (*PROVENANCE, *OTHER_TABLE_COLUMNS),
        SUB_COLUMNS: (*PROVENANCE, *SUB_COLUMN_COLUMNS),
        NARRATIVE: (*PROVENANCE, *NARRATIVE_COLUMNS),
        NARRATIVE_SENTENCES: (*PROVENANCE, *NARRATIVE_SENTENCE_COLUMNS),
        PRINTED_NAMES: (*PROVENANCE, *PRINTED_NAME_COLUMNS),
    }
    return tables | forms | others | {"reports": REPORT_COLUMNS}
