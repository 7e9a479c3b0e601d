{% call by_report() %}
-- The 其中 sub-columns of the functional tables (收入决算表 事业收入 | 其中：教育收费; 项目支出 |
-- 其中：基本建设资金): each printed amount a fact of its own, beside the row of its parent column
-- (which the table's own fact keeps whole), so a part is never summed as a sibling.
select
    report_id,
    table_number,
    functional_code,
    {{ code_level('functional_code') }} as code_level,
    item_name,
    parent_column,
    sub_column_label,
    amount,
    page,
    row_no
from {{ ref('stg_sub_column_amounts') }}
where {{ is_current_report() }}
{% endcall %}
