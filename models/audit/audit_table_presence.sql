{% call by_report() %}
-- Each of the nine standard tables a current 决算 prints (rule standard_table_present): a
-- table not printed whose absence a sentence of the report explains (本表无数据, 空表,
-- 无政府性基金…: int_table_explanations) is 'explained', else it fails. One row per report and table.
with reports as (
    select report_id, tables_found
    from {{ ref('dim_report') }}
    where is_current and report_kind = 'final'
),

explanations as (
    select * from {{ ref('int_table_explanations') }}
)

select
    reports.report_id, 'standard_table_present' as rule_id, tables.table_number,
    '公开' || tables.table_number || '表' as subject,
    null::decimal(38, 10) as left_value, null::decimal(38, 10) as right_value,
    case when not printed.is_printed then explanations.page end as page,
    case
        when not printed.is_printed and explanations.sentence is not null then explanations.sentence
        else 'tables found: ' || coalesce(reports.tables_found, '')
    end as evidence,
    case
        when printed.is_printed then 'pass'
        when explanations.sentence is not null then 'explained'
        else 'fail'
    end as status
from reports
cross join {{ ref('standard_tables') }} as tables
cross join lateral (select contains(coalesce(reports.tables_found, ''), tables.table_number) as is_printed) as printed
left join explanations
    on explanations.report_id = reports.report_id and explanations.table_number = tables.table_number
{% endcall %}
