-- The official list (seed) plus every code printed in a report's 06 table; codes not in the
-- seed keep the printed name and are flagged, never dropped.
with printed_names as (
    select economic_code, mode(item_name) as printed_name
    from {{ ref('fct_basic_expenditure_by_economic') }}
    where economic_code is not null
    group by economic_code
),

official as (
    select economic_code, level, name, nullif(parent_code, '') as parent_code
    from {{ ref('economic_codes') }}
)

select
    coalesce(official.economic_code, printed_names.economic_code) as economic_code,
    coalesce(official.level, {{ code_level('printed_names.economic_code') }}) as level,
    coalesce(official.name, printed_names.printed_name) as name,
    coalesce(
        official.parent_code,
        case when length(printed_names.economic_code) > 3 then left(printed_names.economic_code, length(printed_names.economic_code) - 2) end
    ) as parent_code,
    case when left(coalesce(official.economic_code, printed_names.economic_code), 3) in ('301', '303')
        then 'personnel' else 'public' end as expense_group,
    official.economic_code is not null as is_official,
    printed_names.economic_code is not null as is_printed
from official
full outer join printed_names on printed_names.economic_code = official.economic_code
