-- Reports held out of the facts, one row per reason: each failing check (identity, subject,
-- both sides) or failing test the pipeline found; a report whose entity or year could not be
-- read, at extraction (its raw files are under quarantine/) or in raw files from elsewhere.
-- Empty when every report passed.
with failing_checks as (
    select
        report_id,
        test_name,
        table_number,
        identity,
        subject,
        try_cast(left_value as decimal(20, 6)) as left_value,
        try_cast(right_value as decimal(20, 6)) as right_value
    from {{ quarantined_checks() }}
),

unreadable_identity as (
    select
        report_id,
        'extraction' as test_name,
        null as table_number,
        null as identity,
        reason as subject,
        null::decimal(20, 6) as left_value,
        null::decimal(20, 6) as right_value
    from {{ ref('stg_extraction_manifest') }}
    where status = 'quarantined'
    union all
    select
        report_id,
        'unreadable_identity' as test_name,
        null as table_number,
        null as identity,
        concat_ws(
            ' and ',
            case when entity_name is null then 'entity_name is NULL' end,
            case when fiscal_year is null then 'fiscal_year is NULL' end
        ) as subject,
        null::decimal(20, 6) as left_value,
        null::decimal(20, 6) as right_value
    from {{ ref('stg_reports') }}
    where entity_name is null or fiscal_year is null
),

held_out as (
    select * from failing_checks
    union all
    select * from unreadable_identity
)

select
    held_out.report_id,
    reports.entity_name,
    reports.fiscal_year,
    coalesce(reports.source_file, manifest.source_path) as source_file,
    held_out.test_name,
    held_out.table_number,
    held_out.identity,
    held_out.subject,
    held_out.left_value,
    held_out.right_value
from held_out
left join {{ ref('stg_reports') }} as reports on reports.report_id = held_out.report_id
left join {{ ref('stg_extraction_manifest') }} as manifest
    on manifest.report_id = held_out.report_id and manifest.status = 'quarantined'
