select
    {{ provenance_columns() }},
    {{ to_code('functional_code') }} as functional_code,
    item_name,
    {{ to_amount('opening_balance') }} as opening_balance,
    {{ to_amount('income') }} as income,
    {{ to_amount('total') }} as total,
    {{ to_amount('basic') }} as basic,
    {{ to_amount('project') }} as project,
    {{ to_amount('closing_balance') }} as closing_balance,
    coalesce(nullif(placement, ''), 'printed') as placement,
    nullif(placement_candidates, '') as placement_candidates,
    printed_cells
from {{ source('raw', 't05_general_budget_expenditure') }}
