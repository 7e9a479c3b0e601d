{#- The Chinese label of an English code (seed code_labels), for BI users who read the
    reports' own words. -#}
{% macro chinese_label(code_set, column) -%}
(select code_labels.label_zh from {{ ref('code_labels') }} as code_labels
    where code_labels.code_set = '{{ code_set }}' and code_labels.code = {{ column }})
{%- endmacro %}

{#- 'budget' for a 预算 report (部门预算, 单位预算), else 'final' (决算), from the kind as printed. -#}
{% macro report_kind(printed_kind) -%}
case when contains({{ printed_kind }}, '预算') then 'budget' else 'final' end
{%- endmacro %}
