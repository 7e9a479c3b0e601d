select
    {{ provenance_columns() }},
    try_cast(column_group as integer) as column_group,
    nullif(group_label, '') as group_label,
    {{ to_code('economic_code') }} as economic_code,
    nullif(trim(code_printed), '') as code_printed,
    item_name,
    {{ to_amount('amount', 'amount_unit') }} as amount,
    coalesce(nullif(amount_unit, ''), '万元') as amount_unit,
    {{ placement_columns() }}
from {{ raw_family('t06_basic_expenditure_by_economic') }}
