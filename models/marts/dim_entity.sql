-- One row per entity (部门/单位) as matched across reports and years (int_entity_names): the
-- names its reports print, and how many current reports of each kind it has. Every report's
-- entity is here, a quarantined or superseded one's too, so dim_report always finds it.
with reports as (
    select
        reports.entity_name,
        reports.fiscal_year,
        names.entity_key,
        names.matched_by_alias,
        {{ report_kind('reports.report_kind') }} as report_kind,
        {{ is_current_report('reports.report_id') }} as is_current
    from {{ ref('stg_reports') }} as reports
    join {{ ref('int_entity_names') }} as names using (entity_name)
)

select
    entity_key,
    arg_max(entity_name, fiscal_year) as entity_name,
    string_agg(distinct entity_name, ' | ' order by entity_name) as printed_names,
    count(distinct entity_name) as name_count,
    bool_or(matched_by_alias) as has_reviewed_alias,
    min(fiscal_year) filter (where is_current) as first_fiscal_year,
    max(fiscal_year) filter (where is_current) as last_fiscal_year,
    count(*) filter (where is_current and report_kind = 'final') as final_report_count,
    count(*) filter (where is_current and report_kind = 'budget') as budget_report_count
from reports
group by entity_key
