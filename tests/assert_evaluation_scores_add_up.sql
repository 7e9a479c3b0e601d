-- Evaluation annexes: 执行率 = 执行数 / 预算金额, 预算执行率得分 = 10 × 执行率 (capped at 10),
-- 总得分 = 小计 + 执行率得分 − 减分项, 小计 = Σ indicator 得分; unit task 执行率 and 得分 = 分值 ×
-- 执行率, 总评价得分 = Σ task 得分 + Σ indicator 得分; every indicator 得分 ≤ 分值.
select *
from {{ ref('audit_identity_checks') }}
where table_number in ('unit_evaluation', 'project_evaluation')
  and status = 'fail'
