select
    {{ provenance_columns() }},
    {{ to_code('functional_code') }} as functional_code,
    nullif(trim(code_printed), '') as code_printed,
    item_name,
    {{ to_amount('total', 'amount_unit') }} as total,
    {{ to_amount('basic', 'amount_unit') }} as basic,
    {{ to_amount('project', 'amount_unit') }} as project,
    {{ to_amount('remittance_to_superior', 'amount_unit') }} as remittance_to_superior,
    {{ to_amount('operating', 'amount_unit') }} as operating,
    {{ to_amount('subsidy_to_subsidiaries', 'amount_unit') }} as subsidy_to_subsidiaries,
    coalesce(nullif(amount_unit, ''), '万元') as amount_unit,
    {{ placement_columns() }}
from {{ raw_family('t03_expenditure_by_function') }}
