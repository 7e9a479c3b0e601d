select
    {{ provenance_columns() }},
    nullif(trim(income_item), '') as income_item,
    try_cast(nullif(trim(income_line_no), '') as integer) as income_line_no,
    {{ to_amount('income_amount', 'amount_unit') }} as income_amount,
    nullif(trim(income_amount), '') is not null as income_amount_printed,
    nullif(trim(expenditure_item), '') as expenditure_item,
    try_cast(nullif(trim(expenditure_line_no), '') as integer) as expenditure_line_no,
    {{ to_amount('expenditure_total', 'amount_unit') }} as expenditure_total,
    {{ to_amount('expenditure_general_budget', 'amount_unit') }} as expenditure_general_budget,
    {{ to_amount('expenditure_government_fund', 'amount_unit') }} as expenditure_government_fund,
    {{ to_amount('expenditure_state_capital', 'amount_unit') }} as expenditure_state_capital,
    nullif(trim(use_item), '') as use_item,
    {{ to_amount('use_amount', 'amount_unit') }} as use_amount,
    coalesce(nullif(amount_unit, ''), '万元') as amount_unit,
    {{ placement_columns() }}
from {{ raw_family('b01_budget_summary') }}
