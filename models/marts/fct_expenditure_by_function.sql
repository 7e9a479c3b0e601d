{% call by_report() %}
select
    report_id,
    functional_code,
    {{ code_level('functional_code') }} as code_level,
    item_name,
    total,
    basic,
    project,
    remittance_to_superior,
    operating,
    subsidy_to_subsidiaries,
    placement,
    {{ chinese_label('placement', 'placement') }} as placement_label,
    page,
    row_no
from {{ ref('stg_expenditure_by_function') }}
where {{ is_current_report() }}
    and {{ is_coded_or_total('functional_code') }}
{% endcall %}
