{% call by_report() %}
-- The budget of general public budget spending by functional code (预算: 一般公共预算支出预算表),
-- the counterpart of 公开05表 in the final accounts.
select
    report_id,
    functional_code,
    {{ code_level('functional_code') }} as code_level,
    item_name,
    total,
    basic,
    project,
    placement,
    {{ chinese_label('placement', 'placement') }} as placement_label,
    page,
    row_no
from {{ ref('stg_budget_general_expenditure') }}
where {{ is_current_report() }}
    and {{ is_coded_or_total('functional_code') }}
{% endcall %}
