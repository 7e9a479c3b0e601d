{#- dbt builds a unit test's input fixture from the columns of the input's relation. The raw
    sources here are CSV folders read through external_location, not relations, so when no
    relation exists the fixture takes its columns from its own rows, all text (varchar) as
    every raw CSV column is. Otherwise dbt's own macro runs unchanged. -#}
{% macro get_fixture_sql(rows, column_name_to_data_types) %}
{%- if column_name_to_data_types or load_relation(this) -%}
{{ return(dbt.get_fixture_sql(rows, column_name_to_data_types)) }}
{%- endif -%}
{%- set columns = [] -%}
{%- for row in rows -%}
{%-   for name in row -%}
{%-     if name | lower not in columns -%}{%- do columns.append(name | lower) -%}{%- endif -%}
{%-   endfor -%}
{%- endfor -%}
{%- for row in rows %}
select
{%-   for column in columns %} {{ "null" if row.get(column) is none else "'" ~ (row.get(column) | string | replace("'", "''")) ~ "'" }}::varchar as "{{ column }}"{% if not loop.last %},{% endif %}
{%-   endfor %}
{%-   if not loop.last %}
union all
{%-   endif %}
{%- endfor -%}
{% endmacro %}
