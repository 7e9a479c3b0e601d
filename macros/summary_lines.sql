{#- The two-sided summary tables (决算 01/04, 预算 B01): a printed line's label without its
    enumeration (一、), and the key seed summary_line_keys gives it by pattern (the lowest
    priority wins when several patterns match). -#}
{% macro summary_label(label) -%}
regexp_replace({{ label }}, '^[一二三四五六七八九十]+[、.]', '')
{%- endmacro %}

{#- The key of a labelled line by pattern, as a scalar subquery on its own side and label: it
    needs nothing of other lines, so a filter on the line's report reaches the scan (a join of
    every line with the keys, grouped and joined back, was computed for every report). -#}
{% macro line_key_by_pattern(labelled) -%}
(
    select arg_min(keys.line_key, keys.priority)
    from {{ ref('summary_line_keys') }} as keys
    where keys.side = {{ labelled }}.side and contains({{ labelled }}.label, keys.pattern)
)
{%- endmacro %}

{#- A two-sided summary table unpivoted: its income side as one amount column, its
    expenditure side as one row per amount column kept by `keep_column` (a condition on
    summary.* and columns.column_name / columns.column_amount). -#}
{% macro summary_sides(summary, extra_columns, keep_column) -%}
select
    {% for column in extra_columns %}{{ column }}, {% endfor %}report_id, page, row_no, 'income' as side,
    income_line_no as line_no, income_item as item_name, 'total' as amount_column, income_amount as amount, placement
from {{ summary }}
where income_item is not null or income_amount <> 0
union all
select
    {% for column in extra_columns %}summary.{{ column }}, {% endfor %}summary.report_id, summary.page, summary.row_no,
    'expenditure' as side, summary.expenditure_line_no, summary.expenditure_item, columns.column_name,
    columns.column_amount, summary.placement
from {{ summary }} as summary
cross join
    lateral (
        values
        ('total', summary.expenditure_total),
        ('general_budget', summary.expenditure_general_budget),
        ('government_fund', summary.expenditure_government_fund),
        ('state_capital', summary.expenditure_state_capital)
    ) as columns (column_name, column_amount)
where (summary.expenditure_item is not null or summary.expenditure_total <> 0)
    and ({{ keep_column }})
{%- endmacro %}
