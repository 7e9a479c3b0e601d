{{ config(materialized='view') }}
-- The identities that tie a 决算's tables to each other (macros/identities.sql for the
-- columns), where the report prints both: each detail table's 合计 and its classes equal the
-- summary table's line and class lines in the matching column (seed table_ties: 02 and 03
-- against 01; 05, 08 and 09 against 04); 02's fiscal appropriation = 04's 本年收入合计; 06's
-- 人员经费 + 公用经费 = 05's basic 合计; 07's 决算数 at least the matching 06 code.
with line_totals as (
    select * from {{ ref('int_summary_line_totals') }}
),

report_tables as (
    select report_id, tables_found from {{ ref('stg_reports') }}
),

ties as (
    select * from {{ ref('table_ties') }}
),

function_totals as (
    select report_id, '02' as table_number, total from {{ ref('fct_income_by_function') }} where code_level = 0
    union all
    select report_id, '03', total from {{ ref('fct_expenditure_by_function') }} where code_level = 0
    union all
    select report_id, '05', total from {{ ref('fct_general_budget_expenditure') }} where code_level = 0
    union all
    select report_id, '08', total from {{ ref('fct_government_fund') }} where code_level = 0
    union all
    select report_id, '09', total from {{ ref('fct_state_capital_expenditure') }} where code_level = 0
),

class_lines as (
    -- only reports that print both the summary and the detail table
    select summary.report_id, ties.detail_table, ties.summary_table, summary.functional_code, sum(summary.amount) as amount
    from {{ ref('int_summary_lines') }} as summary
    join ties
        on ties.ties_class_lines and ties.summary_table = summary.table_number
            and ties.amount_column = summary.amount_column
    join report_tables on report_tables.report_id = summary.report_id
    where summary.side = 'expenditure' and summary.line_key = 'class' and contains(report_tables.tables_found, ties.detail_table)
    group by all
),

class_rows as (
    select rows.report_id, rows.table_number, ties.summary_table, rows.functional_code, rows.total
    from (
        select report_id, '03' as table_number, functional_code, total
        from {{ ref('fct_expenditure_by_function') }} where code_level = 1
        union all
        select report_id, '05', functional_code, total
        from {{ ref('fct_general_budget_expenditure') }} where code_level = 1
        union all
        select report_id, '08', functional_code, total
        from {{ ref('fct_government_fund') }} where code_level = 1
        union all
        select report_id, '09', functional_code, total
        from {{ ref('fct_state_capital_expenditure') }} where code_level = 1
    ) as rows
    join ties on ties.ties_class_lines and ties.detail_table = rows.table_number
    join report_tables on report_tables.report_id = rows.report_id
    where contains(report_tables.tables_found, ties.summary_table)
),

economic as (
    select * from {{ ref('fct_basic_expenditure_by_economic') }}
),

three_public as (
    select report_id, item_code, sum(actual_amount) as actual_amount
    from {{ ref('fct_three_public_costs') }}
    group by all
)

-- 02 合计 = 01 本年收入合计; 03 合计 = 01 本年支出合计; 05 / 08 / 09 合计 = 04 本年支出合计 in
-- the matching column
select
    function_totals.report_id, tie.detail_table as table_number, tie.identity, tie.subject,
    function_totals.total as left_value, line_totals.amount as right_value, 1 as n_terms, '=' as comparison
from ties as tie
join function_totals on function_totals.table_number = tie.detail_table
join line_totals
    on line_totals.report_id = function_totals.report_id and line_totals.table_number = tie.summary_table
        and line_totals.side = tie.side and line_totals.line_key = 'year_total' and line_totals.amount_column = tie.amount_column

-- class lines of 01 = class rows of 03; class lines of 04 = class rows of 05, 08 and 09 in the
-- matching column. A class printed on one side only is compared with zero.
union all
select
    coalesce(lines.report_id, rows.report_id), coalesce(lines.detail_table, rows.table_number),
    'class_eq_' || coalesce(lines.summary_table, rows.summary_table) || '_class_line',
    coalesce(lines.functional_code, rows.functional_code),
    coalesce(rows.total, 0), coalesce(lines.amount, 0), 1, '='
from class_lines as lines
full outer join class_rows as rows
    on rows.report_id = lines.report_id and rows.table_number = lines.detail_table
        and rows.functional_code = lines.functional_code
where coalesce(lines.amount, 0) <> 0 or coalesce(rows.total, 0) <> 0

-- 02 合计 财政拨款收入 = 04 本年收入合计 (the appropriations of the three budgets)
union all
select
    income.report_id, '02', 'fiscal_appropriation_eq_04_year_income', '合计: fiscal_appropriation',
    income.fiscal_appropriation, lines.amount, 1, '='
from {{ ref('fct_income_by_function') }} as income
join line_totals as lines
    on lines.report_id = income.report_id and lines.table_number = '04' and lines.side = 'income'
        and lines.line_key = 'year_total' and lines.amount_column = 'total' and lines.lines = 1
where income.code_level = 0

-- 06 人员经费 + 公用经费 = 05 合计 basic
union all
select
    economic_totals.report_id, '06', 'basic_total_eq_05_basic', '人员经费合计 + 公用经费合计 vs 05 合计 基本支出',
    economic_totals.amount, general_budget.basic, economic_totals.groups, '='
from (
    select report_id, sum(amount) as amount, count(*) as groups
    from economic
    where code_level = 0 and expense_group in ('personnel', 'public')
    group by report_id
) as economic_totals
join {{ ref('fct_general_budget_expenditure') }} as general_budget
    on general_budget.report_id = economic_totals.report_id and general_budget.code_level = 0

-- 07 决算数 ≥ the matching 06 code: 07 covers project spending too, 06 only basic
union all
select
    three_public.report_id, '07', 'actual_at_least_06_code', pairs.item_code || ' vs 06 ' || pairs.economic_code,
    three_public.actual_amount, coalesce(economic.amount, 0), 1, '>='
from (
    values ('overseas_travel', '30212'), ('official_reception', '30217'),
    ('vehicle_operation', '30231'), ('vehicle_purchase', '31013')
) as pairs (item_code, economic_code)
join three_public on three_public.item_code = pairs.item_code
left join economic on economic.report_id = three_public.report_id and economic.economic_code = pairs.economic_code
