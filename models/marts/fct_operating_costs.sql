{% call by_report() %}
-- 机关运行经费 (the administrative running costs of a body and the units run like it), one row
-- per current report that states them: the figure, its change from last year and the rate, as
-- the narrative states them (reports print them in the 情况说明; a table of them, where printed,
-- is kept as printed in fct_other_table_rows with table_kind X10).
with figures as (
    select * from {{ ref('fct_narrative_figures') }}
    where subject_key = 'operating_costs'
)

select
    report_id,
    arg_min(amount, (sentence_no, figure_no)) filter (where measure in ('amount', 'final')) as amount,
    arg_min(amount, (sentence_no, figure_no)) filter (where measure = 'change_amount') as change_amount,
    arg_min(value, (sentence_no, figure_no)) filter (where measure = 'change_rate') as change_rate,
    arg_min(page, (sentence_no, figure_no)) filter (where measure in ('amount', 'final')) as page,
    arg_min(sentence, (sentence_no, figure_no)) filter (where measure in ('amount', 'final')) as sentence
from figures
group by report_id
having count(*) filter (where measure in ('amount', 'final')) > 0
{% endcall %}
