-- 部门支出经济分类: the official list plus every code printed in a 06 table or a 预算 B06; the expense
-- group of each class comes from seed economic_class_groups (人员经费 301 and 303; any
-- other class 公用经费).
with codes as (
    {{ code_dimension('economic_code', 'economic_codes',
                      'select economic_code, item_name from ' ~ ref('fct_basic_expenditure_by_economic')
                      ~ '\nunion all\nselect economic_code, item_name from ' ~ ref('fct_budget_basic_by_economic')) }}
)

select
    codes.economic_code,
    codes.level,
    codes.name,
    codes.parent_code,
    coalesce(groups.expense_group, 'public') as expense_group,
    {{ chinese_label('expense_group', "coalesce(groups.expense_group, 'public')") }} as expense_group_label,
    codes.is_official,
    codes.is_printed
from codes
left join {{ ref('economic_class_groups') }} as groups
    on groups.economic_class = left(codes.economic_code, 3)
