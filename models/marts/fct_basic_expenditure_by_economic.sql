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
)

select
    rows.report_id,
    rows.economic_code,
    {{ code_level('rows.economic_code') }} as code_level,
    rows.item_name,
    rows.amount,
    case
        when rows.economic_code is not null then coalesce(groups.expense_group, 'public')
        when contains(rows.label, '人员经费') then 'personnel'
        when contains(rows.label, '公用经费') then 'public'
        else 'all'
    end as expense_group,
    rows.column_group,
    rows.placement,
    rows.page,
    rows.row_no
from rows
left join {{ ref('economic_class_groups') }} as groups
    on groups.economic_class = left(rows.economic_code, 3)
