-- One row per unit: publishing entities of current reports and units evaluated in their
-- annexes (部门（单位）整体绩效自评表), with the unit code where one is printed.
with names as (
    select * from {{ ref('int_unit_names') }}
),

reports as (
    select names.unit_key, reports.fiscal_year, reports.report_id
    from {{ ref('stg_reports') }} as reports
    join names on names.name = reports.entity_name and names.name_source = 'report'
    where {{ is_current_report('reports.report_id') }}
),

evaluations as (
    select names.unit_key, reports.fiscal_year
    from {{ ref('stg_unit_evaluations') }} as evaluations
    join {{ ref('stg_reports') }} as reports using (report_id)
    join names on names.unit_code = evaluations.unit_code and names.name_source = 'evaluation'
    where {{ is_current_report('evaluations.report_id') }}
),

years as (
    select unit_key, fiscal_year from reports
    union all
    select unit_key, fiscal_year from evaluations
)

select
    names.unit_key,
    any_value(names.unit_code) as unit_code,
    coalesce(max(names.name) filter (where names.name_source = 'evaluation'), max(names.name)) as unit_name,
    max(names.name) filter (where names.name_source = 'report') as report_entity_name,
    any_value(names.region_code) as region_code,
    (select min(years.fiscal_year) from years where years.unit_key = names.unit_key) as first_fiscal_year,
    (select max(years.fiscal_year) from years where years.unit_key = names.unit_key) as last_fiscal_year,
    (select count(*) from reports where reports.unit_key = names.unit_key) as report_count,
    (select count(*) from evaluations where evaluations.unit_key = names.unit_key) as evaluation_count
from names
group by names.unit_key
