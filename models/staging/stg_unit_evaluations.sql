-- The printed label "041001丹东市…本级-210600000" holds the unit code, the unit name and the
-- region code; they are split here (the label is kept as printed).
select
    {{ provenance_columns() }},
    try_cast(evaluation_no as integer) as evaluation_no,
    unit_label,
    nullif(regexp_extract(trim(unit_label), '^(\d+)', 1), '') as unit_code,
    trim(regexp_replace(regexp_replace(trim(unit_label), '^\d+', ''), '\s*-\s*\d*$', '')) as unit_name,
    nullif(regexp_extract(trim(unit_label), '-\s*(\d+)$', 1), '') as region_code,
    {{ to_number('budget_income', 6) }} as budget_income,
    {{ to_number('budget_expenditure', 6) }} as budget_expenditure,
    {{ to_number('total_score', 8) }} as total_score,
    nullif(goal_initial, '') as goal_initial,
    nullif(goal_actual, '') as goal_actual
from {{ raw_family('e01_unit_evaluations') }}
