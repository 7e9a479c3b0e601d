{{ config(materialized='view') }}
-- The identities within one 决算 table (macros/identities.sql for the columns): each row's
-- total is the sum of its columns and each level of the functional and economic hierarchies
-- the sum of the level below (02, 03, 05, 06, 08, 09: var row_totals); 04's expenditure lines
-- across its three funds; 08's balances per row; 06's personnel and public totals over their
-- classes (seed economic_class_groups); 07's 合计 and 公务用车 over their items, for 预算数
-- and 决算数.
{%- set functional = [] %}
{%- for table_number, row_total in var('row_totals').items() %}
    {%- do functional.append((row_total['model'], table_number, row_total['total'], row_total['parts'])) %}
{%- endfor %}
with three_public as (
    select report_id, item_code, sum(budget_amount) as budget_amount, sum(actual_amount) as actual_amount
    from {{ ref('fct_three_public_costs') }}
    group by all
)

{% for model, table_number, total, parts in functional %}
    {{ row_total_checks(ref(model), table_number, total, parts) }}
    union all
    {{ hierarchy_checks(ref(model), table_number, 'functional_code', [total] + parts) }}
    union all
{% endfor %}
{{ hierarchy_checks(ref('fct_basic_expenditure_by_economic'), '06', 'economic_code', ['amount']) }}

-- 04: each expenditure line total = general budget + government fund + state capital
union all
select
    report_id, table_number, 'row_total_eq_sum_of_columns', coalesce(item_name, '') || ': total',
    sum(amount) filter (where amount_column = 'total'),
    sum(amount) filter (where amount_column <> 'total'),
    3, '='
from {{ ref('int_summary_lines') }}
where table_number = '04' and side = 'expenditure'
group by report_id, table_number, row_no, item_name

-- 08, per row: 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余, in a table that prints all four
-- (a blank cell is 0; a column no row fills is taken as not printed)
union all
select
    report_id, '08', 'opening_plus_income_eq_expenditure_plus_closing', coalesce(functional_code, item_name),
    coalesce(opening_balance, 0) + coalesce(income, 0), coalesce(total, 0) + coalesce(closing_balance, 0), 4, '='
from {{ ref('fct_government_fund') }}
qualify count(opening_balance) over (partition by report_id) > 0 and count(income) over (partition by report_id) > 0
    and count(closing_balance) over (partition by report_id) > 0

-- 06: 人员经费合计 = Σ personnel classes (301, 303); 公用经费合计 = Σ every other class
union all
select
    report_id, '06', expense_group || '_total_eq_sum_of_classes', expense_group,
    sum(amount) filter (where code_level = 0),
    coalesce(sum(amount) filter (where code_level = 1), 0),
    count(*) filter (where code_level = 1),
    '='
from {{ ref('fct_basic_expenditure_by_economic') }}
where expense_group in ('personnel', 'public')
group by report_id, expense_group
having count(*) filter (where code_level = 0) > 0

-- 07: 合计 = 因公出国 + 公务接待 + 公务用车; 公务用车 = 购置 + 运行, for 预算数 and 决算数
{% for amount in ['budget_amount', 'actual_amount'] %}
    union all
    {{ item_parts_checks('three_public', '07', 'total_eq_sum_of_parts', 'total',
                         ['overseas_travel', 'official_reception', 'vehicle_total'], amount) }}
    union all
    {{ item_parts_checks('three_public', '07', 'vehicle_total_eq_purchase_plus_operation', 'vehicle_total',
                         ['vehicle_purchase', 'vehicle_operation'], amount) }}
{% endfor %}
