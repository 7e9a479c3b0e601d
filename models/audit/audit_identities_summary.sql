{{ config(materialized='view') }}
-- The identities of a 决算's two summary tables, 01 (收入支出决算总表) and 04 (财政拨款收入支出
-- 决算总表), over their lines (int_summary_line_totals; macros/identities.sql for the columns):
-- 收入总计 = 支出总计; each side's 总计 = its 本年合计 + the balances; 本年收入合计 = the kinds of
-- income (01) or the appropriations (04); 04's opening balance = its breakdown by fund;
-- 本年支出合计 = its class lines; and, per fund of 04, opening + income = expenditure + closing.
{#- the income lines that add up to 本年收入合计: each appropriation and each other kind of income -#}
{% set is_income_kind -%}
(line_key like '%_appropriation'
or line_key in ('superior_subsidy', 'business_income', 'operating_income', 'subsidiary_remittance', 'other_income'))
{%- endset %}
{% set year_and_balances = "('year_total', 'use_of_non_fiscal_balance', 'opening_balance', 'balance_distribution', 'closing_balance')" %}
with line_totals as (
    select * from {{ ref('int_summary_line_totals') }}
)

-- 01, 04: 收入总计 = 支出总计
select
    income.report_id, income.table_number, 'income_total_eq_expenditure_total' as identity, '总计' as subject,
    income.amount as left_value, expenditure.amount as right_value, 1 as n_terms, '=' as comparison
from line_totals as income
join line_totals as expenditure
    on expenditure.report_id = income.report_id and expenditure.table_number = income.table_number
        and expenditure.side = 'expenditure' and expenditure.line_key = 'grand_total' and expenditure.amount_column = 'total'
where income.side = 'income' and income.line_key = 'grand_total'

-- 01, 04: 总计 = 本年合计 + 结转/结余 lines, on each side
union all
select
    report_id, table_number, side || '_grand_total_eq_year_total_plus_balances', side || ': ' || amount_column,
    sum(amount) filter (where line_key = 'grand_total'),
    sum(amount) filter (where line_key in {{ year_and_balances }}),
    count(*) filter (where line_key in {{ year_and_balances }}),
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
left join {{ ref('int_summary_lines') }} as classes
    on classes.report_id = totals.report_id and classes.table_number = totals.table_number
        and classes.side = 'expenditure' and classes.line_key = 'class' and classes.amount_column = totals.amount_column
where totals.side = 'expenditure' and totals.line_key = 'year_total'
group by all

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
