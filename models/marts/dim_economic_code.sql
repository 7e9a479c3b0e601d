-- 部门支出经济分类: the official list plus every code printed in a 06 table; 人员经费 are
-- classes 301 and 303, every other class 公用经费.
with codes as (
    {{ code_dimension('economic_code', 'economic_codes',
                      'select economic_code, item_name from ' ~ ref('fct_basic_expenditure_by_economic')) }}
)

select
    economic_code,
    level,
    name,
    parent_code,
    case when left(economic_code, 3) in ('301', '303') then 'personnel' else 'public' end as expense_group,
    is_official,
    is_printed
from codes
