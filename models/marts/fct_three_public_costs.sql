{% call by_report() %}
select
    report_id,
    item_code,
    (select items.name from {{ ref('three_public_items') }} as items where items.item_code = costs.item_code) as item_label,
    item_name,
    budget_amount,
    actual_amount,
    placement,
    {{ chinese_label('placement', 'placement') }} as placement_label,
    page,
    row_no
from {{ ref('stg_three_public_costs') }} as costs
where item_code is not null and {{ is_current_report() }}
{% endcall %}
