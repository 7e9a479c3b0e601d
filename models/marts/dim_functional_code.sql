-- The official list (seed) plus every code printed in a report; codes not in the seed keep
-- the printed name and are flagged, never dropped.
{% set printed_sources = ['fct_income_by_function', 'fct_expenditure_by_function', 'fct_general_budget_expenditure',
                          'fct_government_fund', 'fct_state_capital_expenditure'] %}
with printed as (
    {% for source_model in printed_sources %}
    select functional_code, item_name from {{ ref(source_model) }} where functional_code is not null
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

printed_names as (
    select functional_code, mode(item_name) as printed_name
    from printed
    group by functional_code
),

official as (
    select functional_code, level, name, nullif(parent_code, '') as parent_code
    from {{ ref('functional_codes') }}
)

select
    coalesce(official.functional_code, printed_names.functional_code) as functional_code,
    coalesce(official.level, {{ code_level('printed_names.functional_code') }}) as level,
    coalesce(official.name, printed_names.printed_name) as name,
    coalesce(
        official.parent_code,
        case when length(printed_names.functional_code) > 3 then left(printed_names.functional_code, length(printed_names.functional_code) - 2) end
    ) as parent_code,
    official.functional_code is not null as is_official,
    printed_names.functional_code is not null as is_printed
from official
full outer join printed_names on printed_names.functional_code = official.functional_code
