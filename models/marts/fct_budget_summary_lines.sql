{% call by_report() %}
-- 预算 收支预算总表 unpivoted: one row per printed line, side and amount column. 收入总计 and
-- 支出总计 (or, on a side that prints no 总计, the 合计 that stands for it) are keyed
-- income_grand_total and expenditure_grand_total; other lines take the keys of seed
-- summary_line_keys (year_total 本年收入合计, opening_balance 上年结转 …). A table that prints a
-- second expenditure group by use (支出用途: 基本支出, 项目支出 …) gives its lines on side
-- expenditure_by_use; the closing lines merged across both groups are the expenditure side's.
with summary as (
    select * from {{ ref('stg_budget_summary') }}
    where {{ is_current_report() }}
),

sides as (
    {{ summary_sides('summary', [], "columns.column_name = 'total' or columns.column_amount <> 0") }}
    union all
    select
        report_id, page, row_no, 'expenditure_by_use' as side, null as line_no, use_item as item_name,
        'total' as amount_column, use_amount as amount, placement
    from summary
    where use_item is not null or use_amount <> 0
),

labelled as (
    select
        *,
        {{ summary_label(label_key('item_name')) }} as label
    from sides
),

grand_totals as (
    -- per report and side: whether a 总计 line is printed (else a 合计 stands for it)
    select report_id, side, bool_or(ends_with(label, '总计')) as has_grand_total
    from labelled
    group by all
),

keyed as (
    select
        labelled.*,
        case
            when ends_with(labelled.label, '总计') then labelled.side || '_grand_total'
            when not grand_totals.has_grand_total and labelled.label in ('合计', '收入合计', '支出合计')
                then labelled.side || '_grand_total'
            when starts_with(labelled.label, '其中') then 'of_which'
            -- a 合计 that does not stand for the 总计 keys nothing
            else nullif({{ line_key_by_pattern('labelled') }}, 'grand_total')
        end as line_key
    from labelled
    join grand_totals using (report_id, side)
)

select
    report_id,
    side,
    {{ chinese_label('side', 'side') }} as side_label,
    line_no,
    item_name,
    line_key,
    {{ chinese_label('line_key', 'line_key') }} as line_label,
    amount_column,
    {{ chinese_label('amount_column', 'amount_column') }} as amount_column_label,
    amount,
    placement,
    {{ chinese_label('placement', 'placement') }} as placement_label,
    page,
    row_no
from keyed
{% endcall %}
