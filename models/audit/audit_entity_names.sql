{% call by_report() %}
-- The publisher's name the same wherever the report prints it (rule
-- entity_name_same_throughout): each table's 部门：… line and each heading naming the report
-- (stg_printed_names) against the report's entity (dim_report). A name agrees where one of
-- the two ends with the other (a province or a 中共 left off: 丹东市人力资源和社会保障局), as
-- entity_key spells them, once a scope (（本级）, （汇总）, 本级) is set aside, or where it is the
-- entity's name abbreviated; any other name is a finding, one row per name with the pages
-- that print it, and a report whose names all agree passes once.
with reports as (
    select report_id, entity_name
    from {{ ref('dim_report') }}
    where is_current and entity_name is not null
),

names as (
    select
        report_id, name, min(page) as page,
        nullif(array_to_string(list_sort(list(distinct page) filter (where page is not null)), ' '), '') as pages
    from {{ ref('stg_printed_names') }}
    where {{ is_current_report() }}
    group by all
),

compared as (
    select
        reports.report_id, reports.entity_name, names.name, names.page, names.pages,
        regexp_replace({{ entity_key('names.name') }}, '\((?:本级|汇总|机关|本部)\)$|本级$', '') as printed,
        regexp_replace({{ entity_key('reports.entity_name') }}, '\((?:本级|汇总|机关|本部)\)$|本级$', '') as own
    from reports
    join names on names.report_id = reports.report_id
),

disagreeing as (
    -- neither ends with the other, nor is the printed name the entity's abbreviated (省人大办公厅
    -- for 江苏省人大常委会办公厅: its characters in the entity's, in order)
    select report_id, name, page, pages, entity_name
    from compared
    where not (
        ends_with(own, printed) or ends_with(printed, own)
        or regexp_matches(
            regexp_replace(own, '[()]', '', 'g'),
            '^.*' || regexp_replace(regexp_replace(printed, '[()]', '', 'g'), '(.)', '\1.*', 'g') || '$'
        )
    )
)

select
    report_id, 'entity_name_same_throughout' as rule_id, 'report' as table_number, name as subject,
    page, 'printed on page ' || coalesce(pages, '—') || ' for ' || entity_name as evidence, 'fail' as status
from disagreeing
union all
select
    report_id, 'entity_name_same_throughout', 'report', entity_name, null::integer,
    'every name printed agrees with ' || entity_name, 'pass'
from reports
where report_id not in (select report_id from disagreeing)
{% endcall %}
