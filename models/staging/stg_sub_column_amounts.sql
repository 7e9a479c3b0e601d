select
    {{ provenance_columns() }},
    table_number,
    {{ to_code('functional_code') }} as functional_code,
    item_name,
    nullif(parent_column, '') as parent_column,
    sub_column_label,
    {{ to_amount('amount', 'amount_unit') }} as amount,
    coalesce(nullif(amount_unit, ''), '万元') as amount_unit
from {{ raw_family('x02_sub_column_amounts') }}
