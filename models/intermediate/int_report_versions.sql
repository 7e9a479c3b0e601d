-- One report per entity, year and kind. When several files carry the same report (a
-- corrected re-publication, a re-download), the file modified last is current, ties broken
-- by report_id; the others stay in dim_report, marked superseded, and add no facts.
with ranked as (
    select
        report_id,
        entity_name,
        fiscal_year,
        report_kind,
        source_modified,
        row_number() over (
            partition by coalesce(entity_name, report_id), fiscal_year, report_kind
            order by source_modified desc nulls last, report_id desc
        ) as version_rank,
        first_value(report_id) over (
            partition by coalesce(entity_name, report_id), fiscal_year, report_kind
            order by source_modified desc nulls last, report_id desc
        ) as current_report_id
    from {{ ref('stg_reports') }}
)

select
    report_id,
    version_rank = 1 as is_current,
    case when version_rank > 1 then current_report_id end as superseded_by
from ranked
