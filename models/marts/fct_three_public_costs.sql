select
    report_id,
    item_code,
    item_name,
    budget_amount,
    actual_amount,
    placement,
    page,
    row_no
from {{ ref('stg_three_public_costs') }}
where item_code is not null and {{ is_current_report() }}
