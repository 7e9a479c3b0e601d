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


{#- The key an entity is matched by across reports and years: its printed name without white
    space, with full-width brackets as ASCII, 中国共产党 as 中共 and …省委员会 as …省委, and
    without a leading 中共 (中共江苏省委办公厅, 中国共产党江苏省委员会办公厅 and 江苏省委办公厅 are
    one entity). Names no rule can join are joined by seed entity_aliases. -#}
{% macro entity_key(name) -%}
regexp_replace(
    regexp_replace(
        regexp_replace(
            replace(replace(replace({{ name }}, '中国共产党', '中共'), '（', '('), '）', ')'),
            '\s+', '', 'g'
        ),
        '(省|市|区|县|州|盟|旗)委员会', '\1委', 'g'
    ),
    '^中共', ''
)
{%- endmacro %}
