-- Across tables: 02 合计 = 01 本年收入合计, 03 合计 = 01 本年支出合计, 05/08/09 合计 = 04 本年支出合计
-- in the matching column, and class lines of 01/04 = class rows of 03/05.
select *
from {{ ref('audit_identity_checks') }}
where (identity like 'total\_eq\_0%' escape '\' or identity like 'class\_eq\_0%' escape '\')
  and status = 'fail'
