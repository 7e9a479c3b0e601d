select
    {{ provenance_columns() }},
    nullif(item_code, '') as item_code,
    item_name,
    {{ to_amount('budget_amount', 'amount_unit') }} as budget_amount,
    {{ to_amount('actual_amount', 'amount_unit') }} as actual_amount,
    coalesce(nullif(amount_unit, ''), '万元') as amount_unit,
    {{ placement_columns() }}
from {{ raw_family('t07_three_public_costs') }}
