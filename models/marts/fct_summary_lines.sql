{% call by_report() %}
select
    report_id,
    table_number,
    side,
    {{ chinese_label('side', 'side') }} as side_label,
    line_no,
    item_name,
    line_key,
    {{ chinese_label('line_key', 'line_key') }} as line_label,
    functional_code,
    amount_column,
    {{ chinese_label('amount_column', 'amount_column') }} as amount_column_label,
    amount,
    placement,
    {{ chinese_label('placement', 'placement') }} as placement_label,
    page,
    row_no
from {{ ref('int_summary_lines') }}
{% endcall %}
