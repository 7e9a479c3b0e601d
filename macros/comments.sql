{#- The model's description and its columns' as DuckDB comments, in one statement batch (a
    post-hook on the marts and audit models): BI tools read them from duckdb_tables() and
    duckdb_columns(). One batch per model costs far less than dbt's persist_docs, which
    comments column by column. -#}
{% macro persist_comments() -%}
{%- set statements = [] -%}
{%- if model.description -%}
{%- do statements.append("comment on table " ~ this ~ " is '" ~ (model.description | trim | replace("'", "''")) ~ "'") -%}
{%- endif -%}
{%- for name, column in model.columns.items() if column.description -%}
{%- do statements.append("comment on column " ~ this ~ "." ~ adapter.quote(name) ~ " is '" ~ (column.description | trim | replace("'", "''")) ~ "'") -%}
{%- endfor -%}
{{ statements | join(";\n") }}
{%- endmacro %}
