{% call by_report() %}
-- The budget of the 三公 costs (预算: “三公”经费预算表), one row per item column of a current
-- 预算 report: the 三公 items as in 公开07表, and where printed beside them 会议费, 培训费,
-- 机关运行经费 and the 合计 of all (seed three_public_items names each).
select
    costs.report_id,
    costs.item_code,
    items.name as item_label,
    costs.item_name,
    costs.amount,
    costs.placement,
    {{ chinese_label('placement', 'costs.placement') }} as placement_label,
    costs.page,
    costs.row_no
from {{ ref('stg_budget_three_public_costs') }} as costs
left join {{ ref('three_public_items') }} as items using (item_code)
where costs.item_code is not null and {{ is_current_report() }}
{% endcall %}
