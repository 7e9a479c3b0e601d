-- One report per entity, year and kind. When several files carry the same report (a
-- corrected re-publication, a re-download, a damaged copy), the rule is one a person can
-- predict: the most complete reading wins (more tables read, then more rows read, then more
-- evaluation forms), then the file modified last (to the nanosecond), then the larger
-- report_id. A damaged or shorter copy never displaces a complete one, however new. A
-- quarantined report (see audit_quarantined_reports) is never current, nor is one whose entity
-- or year could not be read (the extractor holds those back; raw files from elsewhere may not). The others stay in
-- dim_report, marked superseded, and add no facts.
-- A table, not a view: the quarantine list is a file of the build, and the published
-- warehouse must not read files it does not hold.
{{ config(materialized='table') }}

with reports as (
    select
        reports.*,
        reports.report_id in (select quarantined.report_id from {{ quarantined_checks() }} as quarantined)
        or reports.entity_name is null or reports.fiscal_year is null as is_quarantined
    from {{ ref('stg_reports') }} as reports
),

ranked as (
    select
        report_id,
        is_quarantined,
        row_number() over versions as version_rank,
        first_value(report_id) over versions as current_report_id
    from reports
    window versions as (
        partition by coalesce(entity_name, report_id), fiscal_year, report_kind
        order by
            is_quarantined asc,
            table_count desc,
            rows_extracted desc nulls last,
            evaluations_found desc nulls last,
            source_modified_ns desc nulls last,
            report_id desc
    )
)

select
    report_id,
    version_rank = 1 and not is_quarantined as is_current,
    case when version_rank > 1 then current_report_id end as superseded_by,
    is_quarantined
from ranked
