{% call by_report() %}
-- Each table a report's contents page lists is printed (rule contents_tables_printed): its
-- title printed in the body (tables_titled: an empty table, or one whose grid cannot be read,
-- is printed all the same), read into its facts (tables_found) or kept as printed
-- (stg_other_tables' kinds). A table said to be empty (int_table_explanations) is 'explained'.
-- A 决算's nine standard tables are left to standard_table_present, which finds one missing
-- whether it is listed or not; the tables beyond them (机关运行经费支出决算表 …) and every
-- table of a 预算 are checked here. One row per listed table not printed, and one pass per
-- report whose listed tables all are.
with reports as (
    select reports.report_id, reports.report_kind, reports.tables_found, reports.tables_listed, raw.tables_titled
    from {{ ref('dim_report') }} as reports
    join {{ ref('stg_reports') }} as raw using (report_id)
    where reports.is_current and reports.tables_listed is not null
),

listed as (
    select report_id, report_kind, unnest(string_split(tables_listed, ' ')) as table_number
    from reports
),

printed as (
    select report_id, unnest(string_split(coalesce(tables_found, '') || ' ' || coalesce(tables_titled, ''), ' ')) as table_number
    from reports
    union
    select report_id, table_kind
    from {{ ref('stg_other_tables') }}
    where table_kind is not null and {{ is_current_report() }}
),

explanations as (
    select * from {{ ref('int_table_explanations') }}
),

missing as (
    select listed.report_id, listed.table_number
    from listed
    where not (listed.report_kind = 'final' and listed.table_number in (select table_number from {{ ref('standard_tables') }}))
        and not exists (
            select 1 from printed
            where printed.report_id = listed.report_id and printed.table_number = listed.table_number
        )
)

select
    missing.report_id, 'contents_tables_printed' as rule_id, missing.table_number,
    '目录 ' || missing.table_number as subject, explanations.page,
    coalesce(explanations.sentence, 'listed on the contents page, not printed') as evidence,
    case when explanations.sentence is null then 'fail' else 'explained' end as status
from missing
left join explanations using (report_id, table_number)
union all
select
    report_id, 'contents_tables_printed', 'report', '目录', null::integer,
    'every table listed is printed: ' || tables_listed, 'pass'
from reports
where report_id not in (select report_id from missing)
{% endcall %}
