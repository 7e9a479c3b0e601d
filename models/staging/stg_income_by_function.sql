select
    {{ provenance_columns() }},
    {{ to_code('functional_code') }} as functional_code,
    nullif(trim(code_printed), '') as code_printed,
    item_name,
    {{ to_amount('total', 'amount_unit') }} as total,
    {{ to_amount('fiscal_appropriation', 'amount_unit') }} as fiscal_appropriation,
    {{ to_amount('superior_subsidy', 'amount_unit') }} as superior_subsidy,
    {{ to_amount('business_income', 'amount_unit') }} as business_income,
    {{ to_amount('operating_income', 'amount_unit') }} as operating_income,
    {{ to_amount('subsidiary_remittance', 'amount_unit') }} as subsidiary_remittance,
    {{ to_amount('other_income', 'amount_unit') }} as other_income,
    coalesce(nullif(amount_unit, ''), '万元') as amount_unit,
    {{ placement_columns() }}
from {{ raw_family('t02_income_by_function') }}
