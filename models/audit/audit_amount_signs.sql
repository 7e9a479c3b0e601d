{% call by_report() %}
-- No negative amount in a current 决算's standard table where none can be (rule
-- amount_not_negative): every income and expenditure amount (int_table_amounts), balances
-- (which can be negative) left out. One row per report and table, naming the negative cells.
with amounts as (
    select amounts.report_id, amounts.table_number, amounts.subject as cell, amounts.amount, amounts.page
    from {{ ref('int_table_amounts') }} as amounts
    join {{ ref('dim_report') }} as reports using (report_id)
    where reports.is_current and reports.report_kind = 'final' and not amounts.is_balance
)

select
    report_id, 'amount_not_negative' as rule_id, table_number,
    '公开' || table_number || '表' as subject,
    least(min(amount), 0)::decimal(38, 10) as left_value, 0::decimal(38, 10) as right_value,
    arg_min(page, amount) filter (where amount < 0) as page,
    coalesce(
        'negative: ' || string_agg(cell || ' ' || amount, '; ') filter (where amount < 0),
        'no negative amount'
    ) as evidence,
    case when min(amount) < 0 then 'fail' else 'pass' end as status
from amounts
group by report_id, table_number
{% endcall %}
