-- Every amount printed in a 决算 report's nine standard tables, one row per cell, with its
-- page: the income and expenditure amounts and, flagged, the balances (年初/年末结转和结余, which
-- can be negative). What completeness reads: a table's signs, and whether it shows any figure.
select
    report_id, table_number, coalesce(functional_code, item_name) as subject, amount, page,
    contains(coalesce(line_key, ''), 'balance') or starts_with(coalesce(line_key, ''), 'opening_breakdown')
        as is_balance
from {{ ref('fct_summary_lines') }}
union all
select report_id, '02', coalesce(functional_code, item_name), total, page, false from {{ ref('fct_income_by_function') }}
union all
select report_id, '03', coalesce(functional_code, item_name), unnest([total, basic, project]), page, false
from {{ ref('fct_expenditure_by_function') }}
union all
select report_id, '05', coalesce(functional_code, item_name), unnest([total, basic, project]), page, false
from {{ ref('fct_general_budget_expenditure') }}
union all
select report_id, '06', coalesce(economic_code, item_name), amount, page, false
from {{ ref('fct_basic_expenditure_by_economic') }}
union all
select report_id, '07', item_code, unnest([budget_amount, actual_amount]), page, false
from {{ ref('fct_three_public_costs') }}
union all
select report_id, '08', coalesce(functional_code, item_name), unnest([income, total, basic, project]), page, false
from {{ ref('fct_government_fund') }}
union all
select report_id, '08', coalesce(functional_code, item_name), unnest([opening_balance, closing_balance]), page, true
from {{ ref('fct_government_fund') }}
union all
select report_id, '09', coalesce(functional_code, item_name), unnest([total, basic, project]), page, false
from {{ ref('fct_state_capital_expenditure') }}
