select
    {{ provenance_columns() }},
    {{ to_code('functional_code') }} as functional_code,
    item_name,
    {{ to_amount('total') }} as total,
    {{ to_amount('fiscal_appropriation') }} as fiscal_appropriation,
    {{ to_amount('superior_subsidy') }} as superior_subsidy,
    {{ to_amount('business_income') }} as business_income,
    {{ to_amount('operating_income') }} as operating_income,
    {{ to_amount('subsidiary_remittance') }} as subsidiary_remittance,
    {{ to_amount('other_income') }} as other_income,
    coalesce(nullif(placement, ''), 'printed') as placement,
    nullif(placement_candidates, '') as placement_candidates,
    printed_cells
from {{ source('raw', 't02_income_by_function') }}
