{% call by_report() %}
-- 政府采购 (government procurement), one row per current report that states it: the total and
-- its 货物/工程/服务 parts, and the budgets reserved for small and medium (中小企业) and for small and
-- micro enterprises (小微企业), as the narrative states them (a table of them, where printed, is
-- kept as printed in fct_other_table_rows with table_kind X11).
with figures as (
    select * from {{ ref('fct_narrative_figures') }}
    where subject_key = 'government_procurement' or part_of = 'government_procurement'
),

ordered as (
    select *, (sentence_no, figure_no) as place from figures
)

select
    report_id,
    arg_min(amount, place) filter (where subject_key = 'government_procurement' and measure = 'amount' and part_of is null)
        as total,
    arg_min(amount, place) filter (where part_of = 'government_procurement' and contains(subject, '货物')) as goods,
    arg_min(amount, place) filter (where part_of = 'government_procurement' and contains(subject, '工程')) as works,
    arg_min(amount, place) filter (where part_of = 'government_procurement' and contains(subject, '服务')) as services,
    arg_min(amount, place) filter (
        where measure = 'budget' and contains(subject, '中小企业') and not contains(subject, '小微企业')
    ) as sme_reserved_budget,
    arg_min(amount, place) filter (where measure = 'budget' and contains(subject, '小微企业'))
        as small_micro_reserved_budget,
    arg_min(page, place) filter (where subject_key = 'government_procurement' and part_of is null) as page,
    arg_min(sentence, place) filter (where subject_key = 'government_procurement' and part_of is null) as sentence
from ordered
group by report_id
{% endcall %}
