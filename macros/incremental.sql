{#- Staging is incremental by report: a build that starts from the last published warehouse
    reads only the raw files of the reports that changed since (var raw_changes_file, a CSV of
    report_id written by the pipeline: added, rewritten and removed reports alike), after
    deleting their old rows. Without that file, an incremental run reloads everything, so a
    plain `dbt build` on an existing database is never stale. -#}

{% macro raw_changes_file() -%}
{{ var('raw_changes_file', '') }}
{%- endmacro %}

{% macro changed_report_ids() -%}
(select report_id from read_csv('{{ raw_changes_file() | replace("'", "''") }}', header = true, all_varchar = true))
{%- endmacro %}

{#- The pre-hook of every staging model: the rows about to be read again go first. -#}
{% macro delete_changed_reports() -%}
{%- if is_incremental() -%}
delete from {{ this }}{% if raw_changes_file() %} where report_id in {{ changed_report_ids() }}{% endif %}
{%- endif -%}
{%- endmacro %}

{#- The raw family `name`: every file on a full build, the changed reports' files on an
    incremental one. Both read with the source's own options (its external_location). -#}
{% macro raw_family(name) -%}
{%- set relation = source('raw', name) -%}
{#- (a unit test has no `this`, and is never incremental) -#}
{%- if not (execute and this is not none and raw_changes_file() and is_incremental()) -%}
{{ relation }}
{%- else -%}
{%- set folder = env_var('FISCAL_RAW_DIR', 'data/raw') ~ '/' ~ name -%}
{%- set listed -%}
select file from glob('{{ folder | replace("'", "''") }}/*.csv')
where parse_filename(file, true) in {{ changed_report_ids() }} or parse_filename(file) = '_empty.csv'
order by file
{%- endset -%}
{%- set files = run_query(listed).columns[0].values() -%}
{%- set quoted = [] -%}
{%- for file in files -%}{%- do quoted.append("'" ~ (file | replace("'", "''")) ~ "'") -%}{%- endfor -%}
{%- set pattern = "'" ~ (folder | replace("'", "''")) ~ "/*.csv'" -%}
{{ (relation | string).replace(pattern, '[' ~ (quoted | join(', ')) ~ ']') }}
{%- endif -%}
{%- endmacro %}

{#- Facts and checks are incremental by report too. A change to one report can change the
    rows of others of the same entity (a new version supersedes the old one; a narrative is
    checked against last year's report and the budget), so what is read again is every
    report of an entity that has a changed report (int_changed_reports). A model wraps its
    SQL in {% call by_report() %} … {% endcall %}: its own SQL, filtered to those reports on
    an incremental build, after their old rows are deleted. -#}
{% macro by_report() -%}
{{ config(
    materialized='incremental', incremental_strategy='append', on_schema_change='fail',
    pre_hook="{{ delete_affected_reports() }}"
) }}
{#- (a unit test has no `this`, and gives its model no int_changed_reports) -#}
{%- if this is not none -%}{%- set affected = ref('int_changed_reports') -%}{%- endif -%}
{%- set body = caller() | trim -%}
{%- if execute and this is not none and raw_changes_file() and is_incremental() -%}
select * from (
{{ body }}
) as by_report
where report_id in {{ affected_reports() }}
{%- else -%}
{{ body }}
{%- endif -%}
{%- endmacro %}

{% macro affected_reports() -%}
{%- set ids = run_query('select report_id from ' ~ ref('int_changed_reports')).columns[0].values() -%}
({% for id in ids %}'{{ id }}'{% if not loop.last %}, {% endif %}{% else %}null{% endfor %})
{%- endmacro %}

{% macro delete_affected_reports() -%}
{%- if is_incremental() -%}
delete from {{ this }}{% if raw_changes_file() %} where report_id in {{ affected_reports() }}{% endif %}
{%- endif -%}
{%- endmacro %}
