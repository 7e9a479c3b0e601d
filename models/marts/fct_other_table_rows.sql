-- Tables a report prints beyond the nine standard ones (机关运行经费支出决算表, 政府采购情况表,
-- 国有资产占用情况表 …): every printed row with its cells as printed, so nothing printed is lost.
select
    report_id,
    table_no,
    table_label,
    table_title,
    page,
    row_no,
    printed_cells
from {{ ref('stg_other_tables') }}
where {{ is_current_report() }}
