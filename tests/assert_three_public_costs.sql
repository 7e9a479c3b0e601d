-- 07: 合计 = its parts, 公务用车 = 购置 + 运行, and each part's 决算数 at least the matching 06
-- code (30212, 30217, 30231, 31013): 07 also covers project spending, 06 only basic.
select *
from {{ ref('audit_identity_checks') }}
where identity in ('total_eq_sum_of_parts', 'vehicle_total_eq_purchase_plus_operation', 'actual_at_least_06_code')
  and status = 'fail'
