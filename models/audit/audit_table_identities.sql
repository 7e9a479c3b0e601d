{{ config(materialized='ephemeral') }}

-- Every accounting identity of every report as one row: see macros/identities.sql for the
-- columns and the tolerance. Within-table row and hierarchy checks come from the same
-- macros the generic tests use; the rest are written out here.
{#- the income lines that add up to 本年收入合计: each appropriation and each other kind of income -#}
{% set is_income_kind -%}
(line_key like '%_appropriation'
or line_key in ('superior_subsidy', 'business_income', 'operating_income', 'subsidiary_remittance', 'other_income'))
{%- endset %}

{#- the functional tables and their row totals (var row_totals, the registry's row_total) -#}
{% set functional = [] %}
{% for table_number, row_total in var('row_totals').items() %}
    {% do functional.append((row_total['model'], table_number, row_total['total'], row_total['parts'])) %}
{% endfor %}

with summary as (
    select * from {{ ref('int_summary_lines') }}
),

line_totals as (
    -- one figure per report, table, side, line key and amount column
    select report_id, table_number, side, line_key, amount_column, sum(amount) as amount, count(*) as lines
    from summary
    where line_key is not null and line_key <> 'class'
    group by all
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

economic as (
    select * from {{ ref('fct_basic_expenditure_by_economic') }}
),

report_tables as (
    select report_id, tables_found from {{ ref('stg_reports') }}
),

ties as (
    -- seed table_ties: which 01/04 line and column each detail table's 合计 (and classes) match
    select * from {{ ref('table_ties') }}
),

class_lines as (
    -- only reports that print both the summary and the detail table
    select summary.report_id, ties.detail_table, ties.summary_table, summary.functional_code, sum(summary.amount) as amount
    from summary
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

three_public as (
    select report_id, item_code, sum(budget_amount) as budget_amount, sum(actual_amount) as actual_amount
    from {{ ref('fct_three_public_costs') }}
    group by all
),

budget_three_public as (
    select report_id, item_code, sum(amount) as amount
    from {{ ref('fct_budget_three_public_costs') }}
    group by all
)

{% for model, table_number, total, parts in functional %}
    {{ row_total_checks(ref(model), table_number, total, parts) }}
    union all
    {{ hierarchy_checks(ref(model), table_number, 'functional_code', [total] + parts) }}
    union all
{% endfor %}
{{ hierarchy_checks(ref('fct_basic_expenditure_by_economic'), '06', 'economic_code', ['amount']) }}
-- 预算 B05: each row's 合计 = 基本支出 + 项目支出, where it prints them (Jiangsu prints 合计 only)
union all
{% set b05_split = "(select * from " ~ ref('fct_budget_expenditure_by_function') ~ " where basic <> 0 or project <> 0)" %}
{{ row_total_checks(b05_split, 'B05', 'total', ['basic', 'project']) }}
-- 预算 B05: 合计 = Σ类, 类 = Σ款, 款 = Σ项 on its total (a table may print that one amount only)
union all
{{ hierarchy_checks(ref('fct_budget_expenditure_by_function'), 'B05', 'functional_code', ['total']) }}
-- 预算 B06: 类 = Σ款 (as in 06)
union all
{{ hierarchy_checks(ref('fct_budget_basic_by_economic'), 'B06', 'economic_code', ['amount']) }}

-- 01, 04: 收入总计 = 支出总计
union all
select
    income.report_id, income.table_number, 'income_total_eq_expenditure_total', '总计',
    income.amount as left_value, expenditure.amount as right_value, 1, '='
from line_totals as income
join line_totals as expenditure
    on expenditure.report_id = income.report_id and expenditure.table_number = income.table_number
        and expenditure.side = 'expenditure' and expenditure.line_key = 'grand_total' and expenditure.amount_column = 'total'
where income.side = 'income' and income.line_key = 'grand_total'

-- 预算 B01: 收入总计 = 支出总计 (each printed once)
union all
select
    income.report_id, 'B01', 'income_total_eq_expenditure_total', '总计',
    income.amount as left_value, expenditure.amount as right_value, 1, '='
from {{ ref('fct_budget_summary_lines') }} as income
join {{ ref('fct_budget_summary_lines') }} as expenditure
    on expenditure.report_id = income.report_id
        and expenditure.line_key = 'expenditure_grand_total' and expenditure.amount_column = 'total'
where income.line_key = 'income_grand_total'
    and income.report_id in (
        select grand.report_id from {{ ref('fct_budget_summary_lines') }} as grand
        where grand.line_key in ('income_grand_total', 'expenditure_grand_total')
        group by grand.report_id
        having count(*) = 2
    )

-- 预算 B01 with a group by use: its lines (基本支出, 项目支出 …) add up to 当年支出小计
union all
select
    report_id, 'B01', 'use_lines_eq_expenditure_year_total', '支出用途',
    sum(amount) filter (where side = 'expenditure' and line_key = 'year_total' and amount_column = 'total'),
    coalesce(sum(amount) filter (where side = 'expenditure_by_use'), 0),
    count(*) filter (where side = 'expenditure_by_use'), '='
from {{ ref('fct_budget_summary_lines') }}
group by report_id
having count(*) filter (where side = 'expenditure_by_use') > 0
    and count(*) filter (where side = 'expenditure' and line_key = 'year_total' and amount_column = 'total') = 1

-- 预算 ties: B01's 一般公共预算 income = B05's 合计; B06's 合计 = B05's 合计 basic column
-- (where B05 prints one)
union all
select
    income.report_id, 'B01', 'general_budget_income_eq_b05_total', income.item_name,
    income.amount, b05.total, 1, '='
from {{ ref('fct_budget_summary_lines') }} as income
join {{ ref('fct_budget_expenditure_by_function') }} as b05
    on b05.report_id = income.report_id and b05.code_level = 0
where income.side = 'income' and income.line_key = 'general_budget_appropriation'
    and income.report_id in (
        select once.report_id from {{ ref('fct_budget_summary_lines') }} as once
        where once.side = 'income' and once.line_key = 'general_budget_appropriation'
        group by once.report_id
        having count(*) = 1
    )
union all
select
    b06.report_id, 'B06', 'b06_total_eq_b05_basic', '合计',
    b06.amount, b05.basic, 1, '='
from {{ ref('fct_budget_basic_by_economic') }} as b06
join {{ ref('fct_budget_expenditure_by_function') }} as b05
    on b05.report_id = b06.report_id and b05.code_level = 0
where b06.code_level = 0 and b05.basic <> 0

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

-- 01, 04: 总计 = 本年合计 + 结转/结余 lines, on each side
union all
select
    report_id, table_number, side || '_grand_total_eq_year_total_plus_balances', side || ': ' || amount_column,
    sum(amount) filter (where line_key = 'grand_total'),
    sum(amount) filter (where line_key in ('year_total', 'use_of_non_fiscal_balance', 'opening_balance', 'balance_distribution', 'closing_balance')),
    count(*) filter (where line_key in ('year_total', 'use_of_non_fiscal_balance', 'opening_balance', 'balance_distribution', 'closing_balance')),
    '='
from line_totals
group by report_id, table_number, side, amount_column
having count(*) filter (where line_key = 'grand_total') > 0

-- 01: 本年收入合计 = Σ income kinds; 04: 本年收入合计 = Σ appropriations
union all
select
    report_id, table_number, 'income_year_total_eq_sum_of_income_lines', 'income',
    sum(amount) filter (where line_key = 'year_total'),
    coalesce(sum(amount) filter (where {{ is_income_kind }}), 0),
    count(*) filter (where {{ is_income_kind }}),
    '='
from line_totals
where side = 'income'
group by report_id, table_number
having count(*) filter (where line_key = 'year_total') > 0

-- 04: 年初财政拨款结转和结余 = Σ its breakdown lines, where printed
union all
select
    report_id, table_number, 'opening_balance_eq_sum_of_breakdown', 'income',
    sum(amount) filter (where line_key = 'opening_balance'),
    sum(amount) filter (where line_key like 'opening_breakdown_%'),
    count(*) filter (where line_key like 'opening_breakdown_%'),
    '='
from line_totals
where side = 'income'
group by report_id, table_number
having count(*) filter (where line_key like 'opening_breakdown_%') > 0

-- 01, 04: 本年支出合计 = Σ class lines, per amount column
union all
select
    totals.report_id, totals.table_number, 'expenditure_year_total_eq_sum_of_classes', 'expenditure: ' || totals.amount_column,
    totals.amount, coalesce(sum(classes.amount), 0), count(classes.amount), '='
from line_totals as totals
left join summary as classes
    on classes.report_id = totals.report_id and classes.table_number = totals.table_number
        and classes.side = 'expenditure' and classes.line_key = 'class' and classes.amount_column = totals.amount_column
where totals.side = 'expenditure' and totals.line_key = 'year_total'
group by all

-- 04: each expenditure line total = general budget + government fund + state capital
union all
select
    report_id, table_number, 'row_total_eq_sum_of_columns', coalesce(item_name, '') || ': total',
    sum(amount) filter (where amount_column = 'total'),
    sum(amount) filter (where amount_column <> 'total'),
    3, '='
from summary
where table_number = '04' and side = 'expenditure'
group by report_id, table_number, row_no, item_name

-- 04, per fund: 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余, where the opening balance
-- is broken down by fund and the closing balance printed in each fund's column
union all
select
    lines.report_id, lines.table_number, 'opening_plus_income_eq_expenditure_plus_closing', funds.fund,
    coalesce(sum(lines.amount) filter (
        where lines.side = 'income' and lines.amount_column = 'total'
        and lines.line_key in ('opening_breakdown_' || funds.fund, funds.fund || '_appropriation')
    ), 0),
    coalesce(sum(lines.amount) filter (
        where lines.side = 'expenditure' and lines.amount_column = funds.fund
        and lines.line_key in ('year_total', 'closing_balance')
    ), 0),
    4, '='
from line_totals as lines
cross join (values ('general_budget'), ('government_fund'), ('state_capital')) as funds (fund)
where lines.table_number = '04'
group by lines.report_id, lines.table_number, funds.fund
having count(*) filter (where lines.side = 'income' and lines.line_key = 'opening_breakdown_' || funds.fund) > 0
    and count(*) filter (where lines.side = 'income' and lines.line_key = funds.fund || '_appropriation') > 0
    and count(*) filter (
        where lines.side = 'expenditure' and lines.line_key = 'closing_balance' and lines.amount_column = funds.fund
    ) > 0

-- 08, per row: 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余, in a table that prints all four
-- (a blank cell is 0; a column no row fills is taken as not printed)
union all
select
    report_id, '08', 'opening_plus_income_eq_expenditure_plus_closing', coalesce(functional_code, item_name),
    coalesce(opening_balance, 0) + coalesce(income, 0), coalesce(total, 0) + coalesce(closing_balance, 0), 4, '='
from {{ ref('fct_government_fund') }}
qualify count(opening_balance) over (partition by report_id) > 0 and count(income) over (partition by report_id) > 0
    and count(closing_balance) over (partition by report_id) > 0

-- Across tables: 02 合计 = 01 本年收入合计; 03 合计 = 01 本年支出合计;
-- 05 / 08 / 09 合计 = 04 本年支出合计 in the matching column
union all
select function_totals.report_id, tie.detail_table, tie.identity, tie.subject, function_totals.total, line_totals.amount, 1, '='
from ties as tie
join function_totals on function_totals.table_number = tie.detail_table
join line_totals
    on line_totals.report_id = function_totals.report_id and line_totals.table_number = tie.summary_table
        and line_totals.side = tie.side and line_totals.line_key = 'year_total' and line_totals.amount_column = tie.amount_column

-- Across tables: class lines of 01 = class rows of 03; class lines of 04 = class rows of 05,
-- 08 and 09 in the matching column (seed table_ties). A class printed on one side only is
-- compared with zero.
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

-- 06: 人员经费合计 = Σ personnel classes (301, 303); 公用经费合计 = Σ every other class
-- (seed economic_class_groups)
union all
select
    report_id, '06', expense_group || '_total_eq_sum_of_classes', expense_group,
    sum(amount) filter (where code_level = 0),
    coalesce(sum(amount) filter (where code_level = 1), 0),
    count(*) filter (where code_level = 1),
    '='
from economic
where expense_group in ('personnel', 'public')
group by report_id, expense_group
having count(*) filter (where code_level = 0) > 0

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

-- 07: 合计 = 因公出国 + 公务接待 + 公务用车; 公务用车 = 购置 + 运行, for 预算数 and 决算数;
-- 预算 B07 the same on its one amount, and 合计 of all = 三公 + 会议费 + 培训费 where printed
{% set three_public_parts = [
    ('07', 'three_public', 'budget_amount'), ('07', 'three_public', 'actual_amount'),
    ('B07', 'budget_three_public', 'amount')] %}
{% for table_number, relation, amount in three_public_parts %}
    union all
    {{ item_parts_checks(relation, table_number, 'total_eq_sum_of_parts', 'total',
                         ['overseas_travel', 'official_reception', 'vehicle_total'], amount) }}
    union all
    {{ item_parts_checks(relation, table_number, 'vehicle_total_eq_purchase_plus_operation', 'vehicle_total',
                         ['vehicle_purchase', 'vehicle_operation'], amount) }}
{% endfor %}
union all
{{ item_parts_checks('budget_three_public', 'B07', 'all_total_eq_three_public_plus_meeting_training', 'all_total',
                     ['total', 'meeting', 'training'], 'amount') }}

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
