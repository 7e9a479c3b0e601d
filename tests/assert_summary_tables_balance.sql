-- 01 and 04: 收入总计 = 支出总计; 总计 = 本年合计 + 结转结余 lines on each side; 本年收入合计 =
-- Σ income lines; 本年支出合计 = Σ class lines; 04's opening balance = Σ its breakdown.
select *
from {{ ref('audit_identity_checks') }}
where table_number in ('01', '04')
  and identity in (
      'income_total_eq_expenditure_total',
      'income_grand_total_eq_year_total_plus_balances',
      'expenditure_grand_total_eq_year_total_plus_balances',
      'income_year_total_eq_sum_of_income_lines',
      'expenditure_year_total_eq_sum_of_classes',
      'opening_balance_eq_sum_of_breakdown',
      'row_total_eq_sum_of_columns'
  )
  and status = 'fail'
