select
    {{ provenance_columns() }},
    try_cast(evaluation_no as integer) as evaluation_no,
    project_name,
    -- printed "丹东市…局-": the dash separates the name from an empty unit code
    nullif(trim(regexp_replace(trim(competent_department), '\s*-\s*\d*$', '')), '') as competent_department,
    nullif(trim(regexp_replace(trim(implementing_unit), '\s*-\s*\d*$', '')), '') as implementing_unit,
    {{ to_number('budget_amount', 6) }} as budget_amount,
    {{ to_number('executed_amount', 6) }} as executed_amount,
    {{ to_rate('execution_rate') }} as execution_rate,
    {{ to_number('indicator_score_subtotal', 8) }} as indicator_score_subtotal,
    {{ to_number('execution_score', 8) }} as execution_score,
    {{ to_number('deduction', 8) }} as deduction,
    {{ to_number('total_score', 8) }} as total_score,
    nullif(goal_initial, '') as goal_initial,
    nullif(goal_actual, '') as goal_actual,
    {{ printed_half_unit('budget_amount') }} as budget_amount_half_unit,
    {{ printed_half_unit('executed_amount') }} as executed_amount_half_unit,
    {{ printed_half_unit('execution_rate', percent=true) }} as execution_rate_half_unit
from {{ raw_family('e03_project_evaluations') }}
