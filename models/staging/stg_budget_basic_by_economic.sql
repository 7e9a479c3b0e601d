select
    {{ provenance_columns() }},
    {{ to_code('economic_code') }} as economic_code,
    nullif(trim(code_printed), '') as code_printed,
    item_name,
    {{ to_amount('total', 'amount_unit') }} as total,
    {{ to_amount('personnel', 'amount_unit') }} as personnel,
    {{ to_amount('public', 'amount_unit') }} as public,
    coalesce(nullif(amount_unit, ''), '万元') as amount_unit,
    {{ placement_columns() }}
from {{ raw_family('b06_budget_basic_by_economic') }}
