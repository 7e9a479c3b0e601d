-- One row per entity (部门/单位) as matched across reports and years (int_entity_names): the
-- names it is printed under, and its current reports of each kind.
with reports as (
    select reports.*, names.entity_key, names.matched_by_alias
    from {{ ref('stg_reports') }} as reports
    join {{ ref('int_entity_names') }} as names using (entity_name)
    where {{ is_current_report('reports.report_id') }}
)

select
    entity_key,
    arg_max(entity_name, fiscal_year) as entity_name,
    string_agg(distinct entity_name, ' | ' order by entity_name) as printed_names,
    count(distinct entity_name) as name_count,
    bool_or(matched_by_alias) as has_reviewed_alias,
    min(fiscal_year) as first_fiscal_year,
    max(fiscal_year) as last_fiscal_year,
    count(*) filter (where {{ report_kind('report_kind') }} = 'final') as final_report_count,
    count(*) filter (where {{ report_kind('report_kind') }} = 'budget') as budget_report_count
from reports
group by entity_key
