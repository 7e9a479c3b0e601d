{#- Facts hold only the current version of each report (see int_report_versions); rows of
    superseded reports, and of a report whose extraction was cut short (no reports row),
    stay in raw and staging only. -#}
{% macro is_current_report(column='report_id') -%}
{{ column }} in (select report_id from {{ ref('int_report_versions') }} where is_current)
{%- endmacro %}
