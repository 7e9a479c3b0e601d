-- One figure per report, summary table (01, 04), side, line key and amount column: the lines
-- the summary identities add up, with how many printed lines each sums (a line printed twice
-- is summed, and counted).
select report_id, table_number, side, line_key, amount_column, sum(amount) as amount, count(*) as lines
from {{ ref('int_summary_lines') }}
where line_key is not null and line_key <> 'class'
group by all
