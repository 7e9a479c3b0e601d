{#- The current reports the cross-report marts (fct_entity_year, fct_budget_execution) compare:
    one per entity key, year, kind and scope. Two current reports can share a key — a name
    printed two ways in one year (中共某局, 某局) — and a mart of one row per key must not fail
    the publish for them: the fuller reading (more tables found) stands for the key, then
    the larger report_id, as int_report_versions chooses among versions. -#}
{% macro panel_reports() -%}
select report_id, entity_key, entity_name, fiscal_year, report_kind, report_kind_label, report_scope
from {{ ref('dim_report') }}
where is_current and entity_key is not null
qualify row_number() over (
    partition by entity_key, fiscal_year, report_kind, report_scope
    order by len(string_split(coalesce(tables_found, ''), ' ')) desc, report_id desc
) = 1
{%- endmacro %}
