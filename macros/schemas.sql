{#- BI users see the marts in `main` and nothing else there: staging, intermediate models,
    the reference seeds and the rows of failing tests go to schemas of their own, named as
    configured (dbt's default would prefix them with the target schema: `main_staging`). -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
