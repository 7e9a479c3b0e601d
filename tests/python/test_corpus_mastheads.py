"""Entity and year of 43 real budgets from the corpus, read as the extractor reads them, each
checked against the text of its pages and the name SOURCES.md gives its file. The first fifteen
are there for their traps: a name only in a form's 部门名称 cell, a cover name wrapped over two
lines, a name with its own brackets, a year printed only as (2026年度) while project names
recount 2025年度; the rest cover every city of the corpus."""

# ruff: noqa: E501 — a table of files and the names they print, one per line, however long

from __future__ import annotations

import pytest
from conftest import REAL_PDFS, requires_shared

from extract.masthead import read_masthead
from extract.pdf.reader import read_pdf

CORPUS = REAL_PDFS / "corpus"
pytestmark = requires_shared(CORPUS)

CHECKED = {  # file → (entity, year) as the report prints them
    "beijing/beijing/中共北京市委军民融合发展委员会办公室_2026部门预算报表.pdf": ("中共北京市委军民融合发展委员会办公室", 2026),
    "beijing/beijing/北京市统计局_2026部门预算报表.pdf": ("北京市统计局", 2026),
    "beijing/beijing/北京市经济和信息化局_2026部门预算报表.pdf": ("北京市经济和信息化局", 2026),
    "beijing/beijing/北京市重大项目建设指挥部办公室_2026部门预算报表.pdf": ("北京市重大项目建设指挥部办公室", 2026),
    "fujian/quanzhou/泉州市市场监管综合监测与技术保障中心_2026单位预算.pdf": ("泉州市市场监管综合监测与技术保障中心", 2026),
    "fujian/quanzhou/泉州市公安局（本级）_2026单位预算.pdf": ("泉州市公安局(本级)", 2026),
    "guangdong/guangzhou/广州市水务局_2026部门预算.pdf": ("广州市水务局", 2026),
    "hunan/changsha/长沙市公安局_2025部门预算.pdf": ("长沙市公安局", 2025),
    "jiangsu/suzhou/苏州市生态环境局_2026单位预算.pdf": ("苏州市生态环境局", 2026),
    "shandong/yantai/烟台市统计局_2026部门预算.pdf": ("烟台市统计局", 2026),
    "shanghai/shanghai/上海市统计和大数据研究院（上海市统计数据管理中心）_2026单位预算.pdf": (
        "上海市统计和大数据研究院(上海市统计数据管理中心)", 2026,
    ),
    "zhejiang/hangzhou/杭州市公安局_2026部门预算.pdf": ("杭州市公安局", 2026),
    # the year on the cover's line of its own (2026年) above the name, and named in the titles
    # (2026年部门预算表) while project names recount 2024-2025年度
    "guangdong/guangzhou/广州市应急管理局_2026部门预算.pdf": ("广州市应急管理局", 2026),
    "guangdong/guangzhou/广州市司法局_2026部门预算.pdf": ("广州市司法局", 2026),
    "guangdong/guangzhou/广州市民政局_2026部门预算.pdf": ("广州市民政局", 2026),
    # and more of every city, each agreeing with the name SOURCES.md gives its file
    "beijing/beijing/中国共产党北京市委员会宣传部_2026部门预算报表.pdf": ("中国共产党北京市委员会宣传部", 2026),
    "hunan/changsha/长沙职业教育基地综合协调办公室_2026部门预算.pdf": ("长沙职业教育基地综合协调办公室", 2026),
    "guangdong/guangzhou/中国共产党广州市委员会宣传部_2026部门预算.pdf": ("中国共产党广州市委员会宣传部", 2026),
    "zhejiang/hangzhou/杭州市交通运输局_2026部门预算.pdf": ("杭州市交通运输局", 2026),
    "fujian/quanzhou/泉州市人民政府办公室（本级）_2026单位预算.pdf": ("泉州市人民政府办公室(本级)", 2026),
    "shanghai/shanghai/上海交通职业技术学院_2026单位预算.pdf": ("上海交通职业技术学院", 2026),
    "jiangsu/suzhou/苏州市交通运输局_2026部门预算.pdf": ("苏州市交通运输局", 2026),
    "shandong/yantai/中共烟台市委宣传部_2026部门预算.pdf": ("中共烟台市委宣传部", 2026),
    "guangdong/zhuhai/珠海市政府投资交通市政项目工务中心_2026部门预算.pdf": ("珠海市政府投资交通市政项目工务中心", 2026),
    "beijing/beijing/北京城市副中心工程建设管理办公室_2026部门预算报表.pdf": ("北京城市副中心工程建设管理办公室", 2026),
    "guangdong/guangzhou/广州市交通运输局_2026部门预算.pdf": ("广州市交通运输局", 2026),
    "zhejiang/hangzhou/杭州市司法局_2026部门预算.pdf": ("杭州市司法局", 2026),
    "fujian/quanzhou/泉州市公安局_2026部门预算.pdf": ("泉州市公安局", 2026),
    "shanghai/shanghai/上海市中医文献馆_2026单位预算.pdf": ("上海市中医文献馆", 2026),
    "jiangsu/suzhou/苏州市审计局_2026部门预算.pdf": ("苏州市审计局", 2026),
    "shandong/yantai/烟台市交通运输局_2026部门预算.pdf": ("烟台市交通运输局", 2026),
    "beijing/beijing/北京市人力资源和社会保障局_2026部门预算报表.pdf": ("北京市人力资源和社会保障局", 2026),
    "guangdong/guangzhou/广州市人民政府办公厅_2026部门预算.pdf": ("广州市人民政府办公厅", 2026),
    "shanghai/shanghai/上海市人民政府办公厅文印中心_2026单位预算.pdf": ("上海市人民政府办公厅文印中心", 2026),
    "jiangsu/suzhou/苏州市应急管理局_2026部门预算.pdf": ("苏州市应急管理局", 2026),
    "shandong/yantai/烟台市人力资源和社会保障局_2026部门预算.pdf": ("烟台市人力资源和社会保障局", 2026),
    "beijing/beijing/北京市信访办公室_2026部门预算报表.pdf": ("北京市信访办公室", 2026),
    "guangdong/guangzhou/广州市人民政府国有资产监督管理委员会_2026部门预算.pdf": ("广州市人民政府国有资产监督管理委员会", 2026),
    "shanghai/shanghai/上海市住房和城乡建设管理委员会人才开发评价中心_2026单位预算.pdf": ("上海市住房和城乡建设管理委员会人才开发评价中心", 2026),
    "jiangsu/suzhou/苏州市数据局_2026部门预算.pdf": ("苏州市数据局", 2026),
    "shandong/yantai/烟台市人民政府办公室_2026部门预算.pdf": ("烟台市人民政府办公室", 2026),
    "beijing/beijing/北京市公安局_2026部门预算报表.pdf": ("北京市公安局", 2026),
    "guangdong/guangzhou/广州市住房和城乡建设局_2026部门预算.pdf": ("广州市住房和城乡建设局", 2026),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CHECKED))
def test_the_entity_and_year_the_cover_prints(name):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{name} is not in this corpus")
    lines = [text for page in read_pdf(path) for _, text in sorted(page.lines)]
    masthead = read_masthead(lines)
    assert (masthead.entity_name, masthead.fiscal_year) == CHECKED[name]
