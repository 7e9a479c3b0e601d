-- 部门（单位）整体绩效自评表: one row per evaluated unit and report.
select
    evaluations.report_id,
    evaluations.evaluation_no,
    evaluations.unit_code,
    evaluations.unit_name,
    evaluations.region_code,
    names.unit_key,
    evaluations.budget_income,
    evaluations.budget_expenditure,
    evaluations.total_score,
    evaluations.goal_initial,
    evaluations.goal_actual,
    evaluations.unit_label,
    evaluations.page
from {{ ref('stg_unit_evaluations') }} as evaluations
left join {{ ref('int_unit_names') }} as names
    on names.unit_code = evaluations.unit_code and names.name_source = 'evaluation'
where {{ is_current_report('evaluations.report_id') }}
