{% call by_report() %}
select
    report_id,
    functional_code,
    {{ code_level('functional_code') }} as code_level,
    item_name,
    total,
    fiscal_appropriation,
    superior_subsidy,
    business_income,
    operating_income,
    subsidiary_remittance,
    other_income,
    placement,
    {{ chinese_label('placement', 'placement') }} as placement_label,
    page,
    row_no
from {{ ref('stg_income_by_function') }}
where {{ is_current_report() }}
    and {{ is_coded_or_total('functional_code') }}
{% endcall %}
