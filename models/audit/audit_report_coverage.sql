-- The coverage scoreboard: one row per input the extractor has seen, with what the warehouse
-- made of it — its kind, entity and year as read, whether its 收支总表 (决算 01, 预算 B01)
-- was typed, how many tables were typed or kept as printed, its identities passed and failed,
-- and whether it is published whole. `fiscal coverage` and scripts/scoreboard.py give the
-- shares over a folder.
with manifest as (
    select source_path, file_format, status, reason, report_id
    from {{ ref('stg_extraction_manifest') }}
    union all
    -- raw files no manifest names (copied in from elsewhere)
    select source_file, null, 'ok', null, report_id
    from {{ ref('stg_reports') }}
    where
        report_id not in (
            select listed.report_id
            from {{ ref('stg_extraction_manifest') }} as listed
            where listed.report_id is not null
        )
),

reports as (
    select
        report_id,
        entity_name,
        fiscal_year,
        {{ report_kind('report_kind') }} as report_kind,
        coalesce(tables_found, '') as tables_found
    from {{ ref('stg_reports') }}
),

versions as (
    select report_id, is_current, is_quarantined from {{ ref('int_report_versions') }}
),

identities as (
    select
        report_id,
        count(*) filter (where status = 'pass') as identities_passed,
        count(*) filter (where status = 'fail') as identities_failed
    from {{ ref('audit_identity_checks') }}
    group by report_id
),

quarantine as (
    select
        report_id,
        count(*) filter (where test_name = 'assert_no_failing_identity') as identities_failed,
        string_agg(distinct test_name, ', ' order by test_name) as quarantined_by
    from {{ ref('audit_quarantined_reports') }}
    group by report_id
),

kept as (
    select report_id, count(distinct table_no) as tables_kept_as_printed
    from {{ ref('fct_other_table_rows') }}
    group by report_id
),

read_reports as (
    select
        reports.*,
        case when reports.report_kind = 'budget' then 'B01' else '01' end as summary_table
    from reports
)

select
    manifest.source_path,
    manifest.file_format,
    manifest.status as extraction_status,
    manifest.reason as extraction_reason,
    manifest.report_id,
    read_reports.report_kind,
    read_reports.entity_name,
    read_reports.fiscal_year,
    read_reports.summary_table,
    coalesce(contains(' ' || read_reports.tables_found || ' ', ' ' || read_reports.summary_table || ' '), false)
        as summary_table_typed,
    coalesce(
        length(read_reports.tables_found) - length(replace(read_reports.tables_found, ' ', ''))
        + (read_reports.tables_found <> '')::integer,
        0
    ) as tables_typed,
    coalesce(kept.tables_kept_as_printed, 0) as tables_kept_as_printed,
    coalesce(identities.identities_passed, 0) as identities_passed,
    coalesce(identities.identities_failed, quarantine.identities_failed, 0) as identities_failed,
    coalesce(versions.is_quarantined, manifest.status = 'quarantined') as is_quarantined,
    quarantine.quarantined_by,
    coalesce(versions.is_current, false) as is_current,
    coalesce(
        versions.is_current
        and contains(' ' || read_reports.tables_found || ' ', ' ' || read_reports.summary_table || ' ')
        and coalesce(identities.identities_failed, 0) = 0,
        false
    ) as reads_whole
from manifest
left join read_reports on read_reports.report_id = manifest.report_id
left join versions on versions.report_id = manifest.report_id
left join identities on identities.report_id = manifest.report_id
left join quarantine on quarantine.report_id = manifest.report_id
left join kept on kept.report_id = manifest.report_id
