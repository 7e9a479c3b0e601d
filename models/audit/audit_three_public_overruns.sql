{% call by_report() %}
-- A 决算 whose 三公 决算数 exceeds its 预算数 (07's 合计 row, beyond the rounding of the two) says
-- why (rule three_public_overrun_explained): some sentence naming 三公 or one of its items
-- (因公出国, 公务接待, 公务用车), or under a 三公 heading, gives a reason (var reason_wording:
-- 原因, 由于, 因为, 主要是). One row per report that overran; a report within its budget has
-- nothing to explain.
with totals as (
    select report_id, arg_min(budget_amount, row_no) as budget_amount, arg_min(actual_amount, row_no) as actual_amount,
        min(page) as page
    from {{ ref('fct_three_public_costs') }}
    where item_code = 'total'
    group by all
),

overruns as (
    select totals.*
    from totals
    join {{ ref('dim_report') }} as reports using (report_id)
    where reports.is_current and reports.report_kind = 'final'
        and totals.actual_amount - totals.budget_amount > 2 * {{ var('rounding_half_unit') }}
),

reasons as (
    select sentences.report_id, arg_min(sentences.sentence, sentences.sentence_no) as sentence,
        arg_min(sentences.page, sentences.sentence_no) as page
    from {{ ref('fct_narrative_sentences') }} as sentences
    where regexp_matches(sentences.sentence, '{{ var("reason_wording") }}')
        and (
            contains(sentences.sentence, '三公') or contains(sentences.section, '三公')
            or regexp_matches(sentences.sentence, '因公出国|公务接待|公务用车')
        )
    group by sentences.report_id
)

select
    overruns.report_id, 'three_public_overrun_explained' as rule_id, '07' as table_number,
    'three_public_total' as subject, overruns.actual_amount::decimal(38, 10) as left_value,
    overruns.budget_amount::decimal(38, 10) as right_value, coalesce(reasons.page, overruns.page) as page,
    coalesce(reasons.sentence, '决算数 above 预算数, and no sentence of 三公 gives a reason') as evidence,
    case when reasons.sentence is null then 'fail' else 'pass' end as status
from overruns
left join reasons using (report_id)
{% endcall %}
