-- 06: 人员经费合计 = 301 + 303, 公用经费合计 = 302 + 307 + 310 + 312 + 399, and
-- 人员经费 + 公用经费 = 05 合计 基本支出.
select *
from {{ ref('audit_identity_checks') }}
where identity in ('personnel_total_eq_sum_of_classes', 'public_total_eq_sum_of_classes', 'basic_total_eq_05_basic')
  and status = 'fail'
