-- Within every table: row total = Σ its columns, 合计 = Σ类, 类 = Σ款, 款 = Σ项. The generic
-- tests on the fact models point at the rows; this one fails the build.
select *
from {{ ref('audit_identity_checks') }}
where identity in ('row_total_eq_sum_of_columns', 'total_eq_sum_of_classes', 'class_eq_sum_of_sections', 'section_eq_sum_of_items')
  and status = 'fail'
