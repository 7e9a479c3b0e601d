{% call by_report() %}
-- 年度主要任务 of each unit evaluation.
select
    tasks.report_id,
    tasks.evaluation_no,
    units.unit_code,
    tasks.task_no,
    tasks.task_name,
    tasks.allocated_amount,
    tasks.executed_amount,
    tasks.execution_rate,
    tasks.weight,
    tasks.score,
    tasks.page,
    tasks.row_no
from {{ ref('stg_unit_evaluation_tasks') }} as tasks
join {{ ref('stg_unit_evaluations') }} as units using (report_id, evaluation_no)
where {{ is_current_report('tasks.report_id') }}
{% endcall %}
