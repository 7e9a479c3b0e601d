-- 预算项目(政策)绩效自评表: one row per evaluated project and report, linked to its
-- implementing unit (exact name, else the unit whose name the printed one ends with).
with projects as (
    select * from {{ ref('stg_project_evaluations') }} where {{ is_current_report() }}
),

names as (
    select * from {{ ref('int_unit_names') }}
),

implementing as (
    select projects.report_id, projects.evaluation_no, arg_max(names.unit_key, length(names.name)) as unit_key
    from projects
    join names
        on projects.implementing_unit = names.name or ends_with(names.name, projects.implementing_unit)
            or ends_with(projects.implementing_unit, names.name)
    group by all
)

select
    projects.report_id,
    projects.evaluation_no,
    projects.project_name,
    projects.competent_department,
    projects.implementing_unit,
    implementing.unit_key as implementing_unit_key,
    projects.budget_amount,
    projects.executed_amount,
    projects.execution_rate,
    projects.indicator_score_subtotal,
    projects.execution_score,
    projects.deduction,
    projects.total_score,
    projects.goal_initial,
    projects.goal_actual,
    projects.page
from projects
left join implementing using (report_id, evaluation_no)
