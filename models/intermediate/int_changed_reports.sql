-- The reports whose facts and checks an incremental build computes again: each report whose
-- raw files changed (var raw_changes_file), every report of the same entity before or after
-- the change (versions supersede each other; narratives are checked against last year's
-- report and the budget), and every report quarantined now or in the build it starts from.
-- It reads the previous dim_report, so dim_report is built after it.
{{ config(materialized='table') }}
{%- set previous = adapter.get_relation(this.database, 'main', 'dim_report') if execute else none -%}

with changed as (
    {% if raw_changes_file() -%}
        select report_id from {{ changed_report_ids() }}
    {%- else -%}
        select null::varchar as report_id where false
    {%- endif %}
),

now_reports as (
    select reports.report_id, names.entity_key
    from {{ ref('stg_reports') }} as reports
    left join {{ ref('int_entity_names') }} as names using (entity_name)
),

before_reports as (
    {% if previous is not none -%}
        select report_id, entity_key, is_quarantined from {{ previous }}
    {%- else -%}
        select null::varchar as report_id, null::varchar as entity_key, false as is_quarantined where false
    {%- endif %}
),

changed_entities as (
    select now_reports.entity_key
    from now_reports
    where now_reports.report_id in (select changed.report_id from changed)
    union
    select before_reports.entity_key
    from before_reports
    where before_reports.report_id in (select changed.report_id from changed)
)

select changed.report_id from changed
union
select now_reports.report_id
from now_reports
where now_reports.entity_key in (select changed_entities.entity_key from changed_entities)
union
select before_reports.report_id
from before_reports
where
    before_reports.is_quarantined
    or before_reports.entity_key in (select changed_entities.entity_key from changed_entities)
union
select quarantined.report_id from {{ quarantined_checks() }} as quarantined
