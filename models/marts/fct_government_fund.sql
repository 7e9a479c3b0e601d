{% call by_report() %}
select
    report_id,
    functional_code,
    {{ code_level('functional_code') }} as code_level,
    item_name,
    opening_balance,
    income,
    total,
    basic,
    project,
    closing_balance,
    placement,
    {{ chinese_label('placement', 'placement') }} as placement_label,
    page,
    row_no
from {{ ref('stg_government_fund') }}
where {{ is_current_report() }}
    and {{ is_coded_or_total('functional_code') }}
{% endcall %}
