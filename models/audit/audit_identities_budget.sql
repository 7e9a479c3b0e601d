{{ config(materialized='view') }}
-- The identities of a 预算 report's typed tables (macros/identities.sql for the columns):
-- B01 收入总计 = 支出总计 and its lines by use = 当年支出小计; B05's rows (合计 = 基本 + 项目
-- where it prints them) and hierarchy; B06's hierarchy; B07's 合计 and 公务用车 over their
-- items, and the total of all over 三公 + 会议费 + 培训费; B01's 一般公共预算 income = B05's
-- 合计; B06's 合计 = B05's basic 合计.
{%- set b05_split = "(select * from " ~ ref('fct_budget_expenditure_by_function') ~ " where basic <> 0 or project <> 0)" %}
with summary_lines as (
    select * from {{ ref('fct_budget_summary_lines') }}
),

three_public as (
    select report_id, item_code, sum(amount) as amount
    from {{ ref('fct_budget_three_public_costs') }}
    group by all
)

-- B05: each row's 合计 = 基本支出 + 项目支出, where it prints them (Jiangsu prints 合计 only)
{{ row_total_checks(b05_split, 'B05', 'total', ['basic', 'project']) }}
-- B05: 合计 = Σ类, 类 = Σ款, 款 = Σ项 on its total (a table may print that one amount only)
union all
{{ hierarchy_checks(ref('fct_budget_expenditure_by_function'), 'B05', 'functional_code', ['total']) }}
-- B06: 类 = Σ款 (as in 06)
union all
{{ hierarchy_checks(ref('fct_budget_basic_by_economic'), 'B06', 'economic_code', ['amount']) }}

-- B01: 收入总计 = 支出总计 (each printed once)
union all
select
    income.report_id, 'B01', 'income_total_eq_expenditure_total', '总计',
    income.amount as left_value, expenditure.amount as right_value, 1, '='
from summary_lines as income
join summary_lines as expenditure
    on expenditure.report_id = income.report_id
        and expenditure.line_key = 'expenditure_grand_total' and expenditure.amount_column = 'total'
where income.line_key = 'income_grand_total'
    and income.report_id in (
        select grand.report_id from summary_lines as grand
        where grand.line_key in ('income_grand_total', 'expenditure_grand_total')
        group by grand.report_id
        having count(*) = 2
    )

-- B01 with a group by use: its lines (基本支出, 项目支出 …) add up to 当年支出小计
union all
select
    report_id, 'B01', 'use_lines_eq_expenditure_year_total', '支出用途',
    sum(amount) filter (where side = 'expenditure' and line_key = 'year_total' and amount_column = 'total'),
    coalesce(sum(amount) filter (where side = 'expenditure_by_use'), 0),
    count(*) filter (where side = 'expenditure_by_use'), '='
from summary_lines
group by report_id
having count(*) filter (where side = 'expenditure_by_use') > 0
    and count(*) filter (where side = 'expenditure' and line_key = 'year_total' and amount_column = 'total') = 1

-- B01's 一般公共预算 income = B05's 合计; B06's 合计 = B05's 合计 basic column (where B05 prints one)
union all
select
    income.report_id, 'B01', 'general_budget_income_eq_b05_total', income.item_name,
    income.amount, b05.total, 1, '='
from summary_lines as income
join {{ ref('fct_budget_expenditure_by_function') }} as b05
    on b05.report_id = income.report_id and b05.code_level = 0
where income.side = 'income' and income.line_key = 'general_budget_appropriation'
    and income.report_id in (
        select once.report_id from summary_lines as once
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

-- B07: 合计 = 因公出国 + 公务接待 + 公务用车; 公务用车 = 购置 + 运行; 合计 of all = 三公 + 会议费 + 培训费
union all
{{ item_parts_checks('three_public', 'B07', 'total_eq_sum_of_parts', 'total',
                     ['overseas_travel', 'official_reception', 'vehicle_total'], 'amount') }}
union all
{{ item_parts_checks('three_public', 'B07', 'vehicle_total_eq_purchase_plus_operation', 'vehicle_total',
                     ['vehicle_purchase', 'vehicle_operation'], 'amount') }}
union all
{{ item_parts_checks('three_public', 'B07', 'all_total_eq_three_public_plus_meeting_training', 'all_total',
                     ['total', 'meeting', 'training'], 'amount') }}
