-- Each change the narrative states (增加/减少 …万元) with this year's figure it is a change of:
-- the latest amount stated for its cell up to that sentence, or, for a subject no cell stands
-- for (a functional 项), its amount in the same sentence. Last year's figure is the one less
-- the other.
select
    change.*, stated_now.amount as now_amount, stated_now.amount_half_unit as now_half_unit,
    stated_now.amount - change.amount as last_year_amount
from {{ ref('int_narrative_figures') }} as change
join lateral (
    select
        arg_max(stated.amount, stated.sentence_no) as amount,
        arg_max(stated.amount_half_unit, stated.sentence_no) as amount_half_unit
    from {{ ref('int_narrative_figures') }} as stated
    where stated.report_id = change.report_id and stated.measure in ('amount', 'final')
        and stated.sentence_no <= change.sentence_no
        and (
            stated.subject_key = change.subject_key
            -- a subject no cell stands for (a functional 项): its amount in the same sentence
            or (change.subject_key is null and stated.sentence_no = change.sentence_no and stated.subject = change.subject)
        )
) as stated_now on true
where change.measure = 'change_amount' and stated_now.amount is not null
