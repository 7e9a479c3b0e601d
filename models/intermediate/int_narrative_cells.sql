-- The table cell each subject key of the narrative names, per report: part_of is the total a
-- sentence lists the figure under (其中), '' for a figure stated on its own. A 决算's cells come
-- from 01 to 07; a 预算's from B01, B05, B06 and B07.
with economic as (
    select report_id, expense_group, sum(amount) as amount
    from {{ ref('fct_basic_expenditure_by_economic') }}
    where code_level = 0 and expense_group in ('personnel', 'public')
    group by all
),

three_public_amounts as (
    -- an item's first printed row: the report's own where a table prints a 合计 row and then one
    -- row per unit (杭州: 合计, 杭州市司法局, 某监狱 …), the only one elsewhere
    select report_id, '07' as table_number, item_code, arg_min(actual_amount, row_no) as amount
    from {{ ref('fct_three_public_costs') }}
    group by all
    union all
    select report_id, 'B07', item_code, arg_min(amount, row_no)
    from {{ ref('fct_budget_three_public_costs') }}
    group by all
),

summary_cells as (
    select
        report_id,
        case
            when table_number = '01' and side = 'income' and line_key = 'grand_total' then 'income_expenditure_grand_total'
            when table_number = '01' and side = 'income' and line_key = 'year_total' then 'year_income_total'
            when table_number = '01' and side = 'expenditure' and line_key = 'year_total' then 'year_expenditure_total'
            when table_number = '04' and side = 'income' and line_key = 'grand_total' then 'fiscal_grand_total'
            when table_number = '01' and side = 'income' and line_key = 'opening_balance' then 'opening_balance'
            when table_number = '01' and side = 'expenditure' and line_key = 'closing_balance' then 'closing_balance'
        end as subject_key,
        table_number,
        sum(amount) as amount
    from {{ ref('fct_summary_lines') }}
    where amount_column = 'total'
    group by all
    having subject_key is not null
    -- a 预算 report's 收支预算总表 (B01)
    union all
    select
        report_id,
        case
            when line_key = 'income_grand_total' then 'income_expenditure_grand_total'
            when side = 'income' and line_key = 'year_total' then 'year_income_total'
            when side = 'expenditure' and line_key = 'year_total' then 'year_expenditure_total'
            when side = 'income' and line_key = 'opening_balance' then 'opening_balance'
            when side = 'expenditure' and line_key = 'closing_balance' then 'closing_balance'
        end as subject_key,
        'B01', sum(amount)
    from {{ ref('fct_budget_summary_lines') }}
    where amount_column = 'total'
    group by all
    having subject_key is not null
),

fund_incomes as (
    -- the fiscal appropriation by fund (一般公共预算财政拨款收入 …): 01's income lines; a
    -- 预算's B01 lines
    select
        report_id,
        case line_key
            when 'general_budget_appropriation' then 'general_budget_income'
            when 'government_fund_appropriation' then 'government_fund_income'
            when 'state_capital_appropriation' then 'state_capital_income'
        end as subject_key,
        table_number,
        sum(amount) as amount
    from (
        select report_id, '01' as table_number, line_key, amount
        from {{ ref('fct_summary_lines') }}
        where table_number = '01' and side = 'income' and amount_column = 'total'
        union all
        select report_id, 'B01', line_key, amount
        from {{ ref('fct_budget_summary_lines') }}
        where side = 'income' and amount_column = 'total'
    ) as lines
    group by all
    having subject_key is not null
),

income_kinds as (
    -- the kinds of income (财政拨款收入, 事业收入 …): 02's 合计 row; a 预算's B01 lines
    select
        report_id, '02' as table_number,
        unnest([
            'fiscal_appropriation_income', 'superior_subsidy', 'business_income', 'operating_income',
            'subsidiary_remittance', 'other_income'
        ]) as subject_key,
        unnest([
            fiscal_appropriation, superior_subsidy, business_income, operating_income,
            subsidiary_remittance, other_income
        ]) as amount
    from {{ ref('fct_income_by_function') }}
    where code_level = 0
    union all
    select
        report_id, 'B01',
        case line_key
            when 'fiscal_appropriation' then 'fiscal_appropriation_income'
            when 'superior_subsidy' then 'superior_subsidy'
            when 'business_income' then 'business_income'
            when 'operating_income' then 'operating_income'
            when 'subsidiary_remittance' then 'subsidiary_remittance'
            when 'other_income' then 'other_income'
        end as subject_key,
        sum(amount)
    from {{ ref('fct_budget_summary_lines') }}
    where amount_column = 'total' and side = 'income'
    group by all
    having subject_key is not null
)

select report_id, subject_key, '' as part_of, table_number, amount from summary_cells
-- an income kind means the same on its own and listed under a total's 其中
union all
select income_kinds.report_id, income_kinds.subject_key, parts.part_of, income_kinds.table_number, income_kinds.amount
from income_kinds
cross join (values (''), ('year_income_total'), ('income_expenditure_grand_total')) as parts (part_of)
-- a fund's appropriation on its own, or under the 财政拨款收入 or 本年收入合计 it is a part of
union all
select fund_incomes.report_id, fund_incomes.subject_key, parts.part_of, fund_incomes.table_number, fund_incomes.amount
from fund_incomes
cross join (values (''), ('fiscal_appropriation_income'), ('year_income_total')) as parts (part_of)
union all
select report_id, unnest(['general_budget_expenditure', 'general_budget_basic']), '', '05', unnest([total, basic])
from {{ ref('fct_general_budget_expenditure') }}
where code_level = 0
union all
select
    report_id, unnest(['basic_expenditure', 'project_expenditure']), 'year_expenditure_total', '03',
    unnest([basic, project])
from {{ ref('fct_expenditure_by_function') }}
where code_level = 0
union all
select report_id, expense_group, '', '06', amount from economic
union all
select report_id, 'general_budget_expenditure', '', 'B05', total
from {{ ref('fct_budget_expenditure_by_function') }}
where code_level = 0
union all
select report_id, 'general_budget_basic', '', 'B06', amount
from {{ ref('fct_budget_basic_by_economic') }}
where code_level = 0
-- “三公”经费 and its items: 07's 决算数, a 预算 report's B07; an item means the same whether
-- or not the sentence lists it after its total's 其中
union all
select three.report_id, items.subject_key, parts.part_of, three.table_number, three.amount
from three_public_amounts as three
join {{ ref('three_public_items') }} as items on items.item_code = three.item_code
cross join (values (''), ('three_public_total'), ('vehicle_total')) as parts (part_of)
