{% call by_report() %}
-- Tables a report prints beyond the nine standard ones (机关运行经费支出决算表, 政府采购情况表,
-- 国有资产占用情况表 …): every printed row with its cells as printed, so nothing printed is lost.
-- table_kind names the registry's kind where the title is a declared one (预算 B13 政府采购预算表 …)
-- or a typed table kept as printed.
select
    report_id,
    table_no,
    table_kind,
    {{ chinese_label('table_kind', 'table_kind') }} as table_kind_label,
    table_label,
    table_title,
    page,
    row_no,
    printed_cells
from {{ ref('stg_other_tables') }}
where {{ is_current_report() }}
{% endcall %}
