select
    report_id,
    table_number,
    side,
    line_no,
    item_name,
    line_key,
    functional_code,
    amount_column,
    amount,
    placement,
    page,
    row_no
from {{ ref('int_summary_lines') }}
