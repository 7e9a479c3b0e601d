select
    {{ provenance_columns() }},
    {{ to_code('functional_code') }} as functional_code,
    item_name,
    {{ to_amount('total') }} as total,
    {{ to_amount('basic') }} as basic,
    {{ to_amount('project') }} as project,
    {{ to_amount('remittance_to_superior') }} as remittance_to_superior,
    {{ to_amount('operating') }} as operating,
    {{ to_amount('subsidy_to_subsidiaries') }} as subsidy_to_subsidiaries,
    coalesce(nullif(placement, ''), 'printed') as placement,
    nullif(placement_candidates, '') as placement_candidates,
    printed_cells
from {{ source('raw', 't03_expenditure_by_function') }}
