select
    {{ provenance_columns() }},
    try_cast(evaluation_no as integer) as evaluation_no,
    unit_label,
    try_cast(task_no as integer) as task_no,
    task_name,
    {{ to_number('allocated_amount', 6) }} as allocated_amount,
    {{ to_number('executed_amount', 6) }} as executed_amount,
    {{ to_rate('execution_rate') }} as execution_rate,
    {{ to_number('weight', 8) }} as weight,
    {{ to_number('score', 8) }} as score,
    {{ printed_half_unit('allocated_amount') }} as allocated_amount_half_unit,
    {{ printed_half_unit('executed_amount') }} as executed_amount_half_unit,
    {{ printed_half_unit('execution_rate', percent=true) }} as execution_rate_half_unit
from {{ raw_family('e02_unit_evaluation_tasks') }}
