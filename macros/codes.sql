{#- 类 3 digits, 款 5, 项 7 (functional); 类 3, 款 5 (economic). NULL code (合计) is level 0. -#}
{% macro code_level(column) -%}
case length({{ column }}) when 3 then 1 when 5 then 2 when 7 then 3 else case when {{ column }} is null then 0 end end
{%- endmacro %}

{#- A code dimension: the official list (a seed) plus every code printed in a report, which
    keeps its printed name and is flagged, never dropped. `printed` is a query returning
    (code, item_name) rows. -#}
{% macro code_dimension(code_column, official_seed, printed) -%}
with printed as (
    {{ printed }}
),

printed_names as (
    select {{ code_column }}, mode(item_name) as printed_name
    from printed
    where {{ code_column }} is not null
    group by {{ code_column }}
),

official as (
    select {{ code_column }}, level, name, nullif(parent_code, '') as parent_code
    from {{ ref(official_seed) }}
)

select
    coalesce(official.{{ code_column }}, printed_names.{{ code_column }}) as {{ code_column }},
    coalesce(official.level, {{ code_level('printed_names.' ~ code_column) }}) as level,
    coalesce(official.name, printed_names.printed_name) as name,
    coalesce(
        official.parent_code,
        case when length(printed_names.{{ code_column }}) > 3
            then left(printed_names.{{ code_column }}, length(printed_names.{{ code_column }}) - 2) end
    ) as parent_code,
    official.{{ code_column }} is not null as is_official,
    printed_names.{{ code_column }} is not null as is_printed
from official
full outer join printed_names on printed_names.{{ code_column }} = official.{{ code_column }}
{%- endmacro %}
