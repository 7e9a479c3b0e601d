select
    {{ provenance_columns() }},
    nullif(item_code, '') as item_code,
    item_name,
    {{ to_amount('amount', 'amount_unit') }} as amount,
    coalesce(nullif(amount_unit, ''), '万元') as amount_unit,
    {{ placement_columns() }}
from {{ raw_family('b07_budget_three_public_costs') }}
