{#- The Chinese label of an English code (seed code_labels), for BI users who read the
    reports' own words. -#}
{% macro chinese_label(code_set, column) -%}
(select code_labels.label_zh from {{ ref('code_labels') }} as code_labels
    where code_labels.code_set = '{{ code_set }}' and code_labels.code = {{ column }})
{%- endmacro %}
