{% call by_report() %}
-- 人员经费 are the personnel classes of seed economic_class_groups (301, 303); every other
-- class is 公用经费. The printed group totals (人员经费合计, 公用经费合计) are the level-0 rows
-- of their group.
with rows as (
    select
        *,
        {{ label_key('item_name') }} as label
    from {{ ref('stg_basic_expenditure_by_economic') }}
    where {{ is_current_report() }}
        and (economic_code is not null or contains({{ label_key('item_name') }}, '合计'))
),

grouped as (
    select
        rows.*,
        case
            when rows.economic_code is not null then coalesce(groups.expense_group, 'public')
            when contains(rows.label, '人员经费') then 'personnel'
            when contains(rows.label, '公用经费') then 'public'
            else 'all'
        end as expense_group
    from rows
    left join {{ ref('economic_class_groups') }} as groups
        on groups.economic_class = left(rows.economic_code, 3)
)

select
    report_id,
    economic_code,
    {{ code_level('economic_code') }} as code_level,
    item_name,
    amount,
    expense_group,
    {{ chinese_label('expense_group', 'expense_group') }} as expense_group_label,
    column_group,
    placement,
    {{ chinese_label('placement', 'placement') }} as placement_label,
    page,
    row_no
from grouped
{% endcall %}
