{% call by_report() %}
-- The budget of basic spending by economic class (预算: 一般公共预算基本支出预算表), the
-- counterpart of 公开06表: each class's expense group from seed economic_class_groups
-- (人员经费 301 and 303, every other class 公用经费), as in fct_basic_expenditure_by_economic.
with rows as (
    select *
    from {{ ref('stg_budget_basic_by_economic') }}
    where {{ is_current_report() }}
        and {{ is_coded_or_total('economic_code') }}
)

select
    rows.report_id,
    rows.economic_code,
    {{ code_level('rows.economic_code') }} as code_level,
    rows.item_name,
    rows.total as amount,
    rows.personnel,
    rows.public,
    case when rows.economic_code is not null then coalesce(groups.expense_group, 'public') else 'all' end
        as expense_group,
    {{ chinese_label('expense_group', "case when rows.economic_code is not null "
                                      ~ "then coalesce(groups.expense_group, 'public') else 'all' end") }}
        as expense_group_label,
    rows.placement,
    {{ chinese_label('placement', 'rows.placement') }} as placement_label,
    rows.page,
    rows.row_no
from rows
left join {{ ref('economic_class_groups') }} as groups
    on groups.economic_class = left(rows.economic_code, 3)
{% endcall %}
