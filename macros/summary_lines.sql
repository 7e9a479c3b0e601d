{#- The two-sided summary tables (决算 01/04, 预算 B01): a printed line's label without its
    enumeration (一、), and the key seed summary_line_keys gives it by pattern (the lowest
    priority wins when several patterns match). -#}
{% macro summary_label(label) -%}
regexp_replace({{ label }}, '^[一二三四五六七八九十]+[、.]', '')
{%- endmacro %}

{% macro line_keys_by_pattern(labelled, key_columns) -%}
select
    {% for column in key_columns %}{{ labelled }}.{{ column }}, {% endfor %}
    arg_min(keys.line_key, keys.priority) as line_key
from {{ labelled }}
join {{ ref('summary_line_keys') }} as keys
    on keys.side = {{ labelled }}.side and contains({{ labelled }}.label, keys.pattern)
group by all
{%- endmacro %}
