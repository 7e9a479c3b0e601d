-- The amounts the narrative states, each against the table cell it names (seed rules):
--   narrative_amount_eq_table — an amount equals the cell its subject names (int_narrative_cells:
--     a 决算's 01 to 07, a 预算's own B01, B05, B06 and B07); the income kinds (财政拨款收入,
--     事业收入, 其他收入 …) equal 02's 合计 row (B01's lines in a 预算); a functional 类
--     (一般公共服务（类）) equals its row of 05 or B05, and a 项 named with its 款
--     (…职业教育（款）技校教育（项）) that 项 row;
--   narrative_budget_eq_budget_report — a 决算 narrative's 年初预算 equals the 预算 report's own;
--   narrative_three_public_budget_eq_07 — a 决算 narrative's 三公 预算 equals 07's 预算数.
-- Tolerance: one unit of the narrative figure's last digit (its rounding, or the 尾差 a
-- publisher moves onto one part so that parts stated in whole 万元 add up to their total:
-- 1,237 + 70 + 54 = 1,361 of 1,237.67 + 70.18 + 53.78 = 1,361.63), plus the table's rounding.
{% set stated_tolerance %}2 * figures.amount_half_unit + {{ var('rounding_half_unit') }}{% endset %}
{% call by_report() %}
with figures as (
    select * from {{ ref('int_narrative_figures') }}
),

stated as (
    -- the amounts a report states as its own figures (a 预算 states budgets as its own)
    select *
    from figures
    where amount is not null
        and (measure in ('amount', 'final') or (report_kind = 'budget' and measure = 'budget'))
),

amount_checks as (
    select
        figures.report_id, 'narrative_amount_eq_table' as rule_id, cells.table_number, figures.subject_key,
        figures.subject, figures.amount as left_value, cells.amount as right_value,
        {{ stated_tolerance }} as tolerance,
        figures.page, figures.sentence
    from stated as figures
    join {{ ref('int_narrative_cells') }} as cells
        on cells.report_id = figures.report_id and cells.subject_key = figures.subject_key
            and cells.part_of = coalesce(figures.part_of, '')
),

functional_rows as (
    -- the 类, 款 and 项 rows of 05 (决算) and B05 (预算), names as printed without white space
    select report_id, '05' as table_number, functional_code, code_level, replace(item_name, ' ', '') as item_name, total
    from {{ ref('fct_general_budget_expenditure') }}
    where code_level in (1, 2, 3)
    union all
    select report_id, 'B05', functional_code, code_level, replace(item_name, ' ', ''), total
    from {{ ref('fct_budget_expenditure_by_function') }}
    where code_level in (1, 2, 3)
),

item_rows as (
    -- each 项 row with its 款's printed name
    select
        items.report_id, items.table_number, items.functional_code, items.item_name,
        sections.item_name as section_name, items.total
    from functional_rows as items
    join functional_rows as sections
        on sections.report_id = items.report_id and sections.table_number = items.table_number
            and sections.code_level = 2 and sections.functional_code = left(items.functional_code, 5)
    where items.code_level = 3
),

item_checks as (
    -- an amount the narrative gives a functional item as 款 and 项 (…职业教育（款）技校教育（项）
    -- 2984.54万元) against that 项 row of the report's own 05 or B05, where exactly one row has
    -- both names
    select
        figures.report_id, 'narrative_amount_eq_table' as rule_id, any_value(rows.table_number) as table_number,
        any_value(rows.functional_code) as subject_key, figures.subject, figures.amount as left_value,
        any_value(rows.total) as right_value, {{ stated_tolerance }} as tolerance,
        figures.page, figures.sentence
    from stated as figures
    join item_rows as rows
        on rows.report_id = figures.report_id
            and rows.item_name = regexp_extract(figures.subject, '[)）]([^()（）]+)[(（]项[)）]', 1)
            and rows.section_name = regexp_extract(figures.subject, '([^()（）.．、“”"0-9]+)[(（]款[)）]', 1)
    where figures.subject_key is null
    group by
        figures.report_id, figures.sentence_no, figures.figure_no, figures.subject, figures.amount,
        figures.amount_half_unit, figures.page, figures.sentence
    having count(*) = 1
),

class_checks as (
    -- an amount the narrative gives a functional 类 on its own (一般公共服务（类）支出 120.00万元,
    -- 教育支出（类）…) against that 类 row of 05 or B05: the words before the （类） end with
    -- the row's name, both without 支出, which publishers put before or after the （类）
    select
        figures.report_id, 'narrative_amount_eq_table' as rule_id, rows.table_number,
        rows.functional_code as subject_key, figures.subject, figures.amount as left_value,
        rows.total as right_value, {{ stated_tolerance }} as tolerance,
        figures.page, figures.sentence
    from stated as figures
    join functional_rows as rows
        on rows.report_id = figures.report_id and rows.code_level = 1
            and ends_with(
                replace(regexp_extract(figures.subject, '([^()（）.．、：:“”"0-9]+)[(（]类[)）]', 1), '支出', ''),
                replace(rows.item_name, '支出', '')
            )
    -- a 类 of the general budget: in a section or words that say so (a 预算's 支出预算总计 lists
    -- its 类 over every fund, which B05 does not hold)
    where figures.subject_key is null and not regexp_matches(figures.subject, '[(（][款项][)）]')
        and (contains(figures.section, '一般公共预算') or contains(figures.subject, '一般公共预算'))
),

budget_report_checks as (
    -- a 决算 narrative's 年初预算 of 一般公共预算财政拨款支出 against the same entity's and year's
    -- 预算 report, where that report is in the warehouse (its B05 合计)
    select
        figures.report_id, 'narrative_budget_eq_budget_report' as rule_id, 'B05' as table_number,
        figures.subject_key, figures.subject, figures.amount as left_value, b05.total as right_value,
        {{ stated_tolerance }} as tolerance, figures.page, figures.sentence
    from figures
    join {{ ref('dim_report') }} as budget
        on budget.entity_key = figures.entity_key and budget.fiscal_year = figures.fiscal_year
            and budget.report_kind = 'budget' and budget.is_current
    join {{ ref('fct_budget_expenditure_by_function') }} as b05
        on b05.report_id = budget.report_id and b05.code_level = 0
    where figures.report_kind = 'final' and figures.measure = 'budget'
        and figures.subject_key = 'general_budget_expenditure' and contains(figures.subject, '年初')
),

three_public_budget_checks as (
    -- a 决算 narrative's 三公 预算 (年初预算, or 预算 unqualified) against 07's 预算数, as 07
    -- prints it (its first row of the item, as three_public_amounts reads the 决算数)
    select
        figures.report_id, 'narrative_three_public_budget_eq_07' as rule_id, '07' as table_number,
        figures.subject_key, figures.subject, figures.amount as left_value, budgets.amount as right_value,
        {{ stated_tolerance }} as tolerance, figures.page, figures.sentence
    from figures
    join {{ ref('three_public_items') }} as keys on keys.subject_key = figures.subject_key
    join (
        select report_id, item_code, arg_min(budget_amount, row_no) as amount
        from {{ ref('fct_three_public_costs') }}
        group by all
    ) as budgets on budgets.report_id = figures.report_id and budgets.item_code = keys.item_code
    where figures.report_kind = 'final' and figures.measure = 'budget'
        and not regexp_matches(figures.subject, '全年|调整')
),

checks as (
    select * from amount_checks
    union all
    select * from item_checks
    union all
    select * from class_checks
    union all
    select * from budget_report_checks
    union all
    select * from three_public_budget_checks
)

select *, coalesce(abs(left_value - right_value) <= tolerance, false) as passed
from checks
{% endcall %}
