{{ config(materialized='ephemeral') }}

-- The scoring arithmetic of the evaluation annexes as check rows, with their own tolerance:
--   a rate (执行率 = executed / allocated) may be off by a unit of its last printed digit
--   (rounded or truncated), plus what the rounding of the two printed amounts moves the
--   quotient: (half unit of executed + rate × half unit of allocated) / allocated;
--   scores are printed to 0.01 or 0.001, and producers round or truncate → one unit of 0.01
--   for a product (得分 = 分值 × 执行率), (n + 1) × 0.005 for a sum of n printed scores.
with projects as (
    select fct.*, stg.budget_amount_half_unit, stg.executed_amount_half_unit, stg.execution_rate_half_unit
    from {{ ref('fct_project_performance') }} as fct
    join {{ ref('stg_project_evaluations') }} as stg using (report_id, evaluation_no)
),

units as (
    select * from {{ ref('fct_unit_performance') }}
),

tasks as (
    select fct.*, stg.allocated_amount_half_unit, stg.executed_amount_half_unit, stg.execution_rate_half_unit
    from {{ ref('fct_unit_performance_task') }} as fct
    join {{ ref('stg_unit_evaluation_tasks') }} as stg using (report_id, evaluation_no, task_no)
),

indicators as (
    select * from {{ ref('fct_performance_indicator') }}
),

indicator_totals as (
    select report_id, evaluation_no, sum(score) as score, count(*) as n
    from indicators
    group by all
),

task_totals as (
    select report_id, evaluation_no, sum(score) as score, count(*) as n
    from tasks
    group by all
)

-- project: 执行率 = 执行数 / 预算金额
select
    report_id, 'project_evaluation' as table_number, 'execution_rate_eq_executed_over_budget' as identity,
    project_name as subject, execution_rate as left_value, executed_amount / budget_amount as right_value,
    1 as n_terms, '=' as comparison,
    {{ rate_tolerance('execution_rate', 'executed_amount_half_unit', 'budget_amount', 'budget_amount_half_unit', 'execution_rate_half_unit') }} as tolerance
from projects
where budget_amount > 0

-- project: 预算执行率得分 = 10 × 执行率, capped at 10
union all
select
    report_id, 'project_evaluation', 'execution_score_eq_10_times_rate', project_name,
    execution_score, least(10 * execution_rate, 10), 1, '=', 0.01
from projects

-- project: 绩效自评总得分 = 指标自评得分小计 + 预算执行率得分 − 减分项
union all
select
    report_id, 'project_evaluation', 'total_eq_subtotal_plus_execution_minus_deduction', project_name,
    total_score, indicator_score_subtotal + execution_score - coalesce(deduction, 0), 3, '=',
    {{ identity_tolerance(3) }}
from projects

-- project: 指标自评得分小计 = Σ indicator 得分
union all
select
    projects.report_id, 'project_evaluation', 'subtotal_eq_sum_of_indicator_scores', projects.project_name,
    projects.indicator_score_subtotal, coalesce(totals.score, 0), coalesce(totals.n, 0), '=',
    {{ identity_tolerance('coalesce(totals.n, 0)') }}
from projects
left join indicator_totals as totals using (report_id, evaluation_no)

-- unit task: 执行率 = 执行金额 / 下达金额, 得分 = 分值 × 执行率
union all
select
    report_id, 'unit_evaluation', 'task_rate_eq_executed_over_allocated',
    unit_code || ' task ' || task_no || ': ' || task_name,
    execution_rate, executed_amount / allocated_amount, 1, '=',
    {{ rate_tolerance('execution_rate', 'executed_amount_half_unit', 'allocated_amount', 'allocated_amount_half_unit', 'execution_rate_half_unit') }}
from tasks
where allocated_amount > 0
union all
select
    report_id, 'unit_evaluation', 'task_score_eq_weight_times_rate',
    unit_code || ' task ' || task_no || ': ' || task_name,
    score, weight * execution_rate, 1, '=', 0.01
from tasks

-- unit: 总评价得分 = Σ task 得分 + Σ indicator 得分
union all
select
    units.report_id, 'unit_evaluation', 'total_eq_task_and_indicator_scores', units.unit_code || ' ' || units.unit_name,
    units.total_score, coalesce(task_totals.score, 0) + coalesce(indicator_totals.score, 0),
    coalesce(task_totals.n, 0) + coalesce(indicator_totals.n, 0), '=',
    {{ identity_tolerance('coalesce(task_totals.n, 0) + coalesce(indicator_totals.n, 0)') }}
from units
left join task_totals using (report_id, evaluation_no)
left join indicator_totals using (report_id, evaluation_no)

-- every indicator: 得分 ≤ 分值
union all
select
    report_id, subject_type || '_evaluation', 'indicator_score_at_most_weight',
    subject_name || ' #' || indicator_no || ': ' || coalesce(level3_indicator, ''),
    weight, score, 1, '>=', 0
from indicators
