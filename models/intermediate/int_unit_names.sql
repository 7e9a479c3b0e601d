-- Every name a unit goes by, with its unit key. Unit evaluations print a code and a name
-- (041002 丹东市社会保险事业服务中心); reports print the publishing entity, often with a
-- province prefix (辽宁省丹东市社会保险事业服务中心). An entity is the evaluated unit whose
-- name it ends with (the longest such name); units are keyed by code where one is printed,
-- else by name.
with evaluated as (
    select unit_code, mode(unit_name) as unit_name, mode(region_code) as region_code
    from {{ ref('stg_unit_evaluations') }}
    where unit_code is not null and {{ is_current_report() }}
    group by unit_code
),

entities as (
    -- current and quarantined reports: a quarantined report still names its unit in dim_report
    select distinct entity_name
    from {{ ref('stg_reports') }}
    where entity_name is not null
        and report_id in (
            select versions.report_id from {{ ref('int_report_versions') }} as versions
            where versions.is_current or versions.is_quarantined
        )
),

entity_matches as (
    select
        entities.entity_name,
        arg_max(evaluated.unit_code, length(evaluated.unit_name)) as unit_code
    from entities
    left join evaluated
        on entities.entity_name = evaluated.unit_name or ends_with(entities.entity_name, evaluated.unit_name)
    group by entities.entity_name
)

select
    evaluated.unit_name as name,
    'evaluation' as name_source,
    evaluated.unit_code,
    evaluated.region_code,
    md5('code:' || evaluated.unit_code) as unit_key
from evaluated
union all
select
    entity_matches.entity_name,
    'report',
    entity_matches.unit_code,
    evaluated.region_code,
    case when entity_matches.unit_code is not null then md5('code:' || entity_matches.unit_code)
        else md5('name:' || entity_matches.entity_name)
    end
from entity_matches
left join evaluated using (unit_code)
