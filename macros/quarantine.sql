{#- Reports the pipeline quarantined: they extracted, but their figures fail the checks, so
    they stay out of the facts while every other report is published. The pipeline writes
    their failing checks to a CSV and names it in var quarantine_file (empty: none). -#}
{% macro quarantined_checks() -%}
{%- set path = var('quarantine_file', '') -%}
{%- if path -%}
(select * from read_csv('{{ path | replace("'", "''") }}', header = true, all_varchar = true))
{%- else -%}
(
    select
        null::varchar as report_id, null::varchar as test_name, null::varchar as table_number,
        null::varchar as identity, null::varchar as subject, null::varchar as left_value,
        null::varchar as right_value
    where false
)
{%- endif -%}
{%- endmacro %}
