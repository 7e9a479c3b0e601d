select
    {{ provenance_columns() }},
    {{ to_code('functional_code') }} as functional_code,
    nullif(trim(code_printed), '') as code_printed,
    item_name,
    {{ to_amount('opening_balance', 'amount_unit') }} as opening_balance,
    {{ to_amount('income', 'amount_unit') }} as income,
    {{ to_amount('total', 'amount_unit') }} as total,
    {{ to_amount('basic', 'amount_unit') }} as basic,
    {{ to_amount('project', 'amount_unit') }} as project,
    {{ to_amount('closing_balance', 'amount_unit') }} as closing_balance,
    coalesce(nullif(amount_unit, ''), '万元') as amount_unit,
    {{ placement_columns() }}
from {{ raw_family('t09_state_capital_expenditure') }}
