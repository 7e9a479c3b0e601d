-- The rates the narrative states, each against the figures it is a rate of (seed rules):
--   narrative_share_eq_part_over_total — 占 …% equals the part over the sentence's total;
--   narrative_share_within_0_100 — a share lies between 0 and 100%;
--   narrative_change_rate_eq_change_over_last_year — 增长/下降 …% equals the change over last
--     year's figure (this year's stated amount less the stated change: int_narrative_changes);
--   narrative_change_rate_base_not_zero — a change rate is stated over a base that is not zero;
--   narrative_last_year_eq_previous_report — last year's figure equals that cell in the same
--     entity's report for the year before, where the warehouse holds it;
--   narrative_completion_rate_eq_final_over_budget — 完成年初预算的 …% equals the sentence's
--     决算 over the budget it names (年初, 全年 or 调整: the one the words say; a zero budget
--     cannot be completed to a rate, so that fails).
-- Tolerance: two units of the rate's last printed digit, plus what the printed amounts'
-- rounding moves the quotient.
{% call by_report() %}
with figures as (
    select * from {{ ref('int_narrative_figures') }}
),

changes as (
    select * from {{ ref('int_narrative_changes') }}
),

share_checks as (
    select
        share.report_id, 'narrative_share_eq_part_over_total' as rule_id, 'narrative' as table_number,
        share.subject_key, share.subject, share.value as left_value,
        100 * part.amount / total.amount as right_value,
        2 * share.value_half_unit + 100 * (
            part.amount_half_unit + share.value / 100 * total.amount_half_unit
        ) / total.amount as tolerance,
        share.page, share.sentence
    from figures as share
    join figures as part
        on part.report_id = share.report_id and part.sentence_no = share.sentence_no
            and part.subject = share.subject and part.measure = 'amount'
    join figures as total
        on total.report_id = share.report_id and total.sentence_no = share.sentence_no
            and total.subject_key = share.part_of and total.measure = 'amount' and total.part_of is null
    where share.measure = 'share' and total.amount > 0
),

range_checks as (
    select
        report_id, 'narrative_share_within_0_100' as rule_id, 'narrative' as table_number, subject_key, subject,
        value as left_value, least(greatest(value, 0), 100) as right_value, 0 as tolerance, page, sentence
    from figures
    where measure = 'share'
),

rate_checks as (
    select
        rate.report_id, 'narrative_change_rate_eq_change_over_last_year' as rule_id, 'narrative' as table_number,
        rate.subject_key, rate.subject, rate.value as left_value,
        100 * change.amount / change.last_year_amount as right_value,
        2 * rate.value_half_unit + 100 * (
            change.amount_half_unit + abs(rate.value) / 100 * (change.now_half_unit + change.amount_half_unit)
        ) / abs(change.last_year_amount) as tolerance,
        rate.page, rate.sentence
    from figures as rate
    join changes as change
        on change.report_id = rate.report_id and change.sentence_no = rate.sentence_no
            and change.subject = rate.subject
    where rate.measure = 'change_rate' and change.last_year_amount <> 0
),

zero_base_checks as (
    -- a change rate stated over a base of zero (0.30 万元, 增加 0.30 万元, 增长 100%): the whole
    -- amount is the change, so no rate is finite (新增 says it); nothing changed over nothing
    -- (0 万元, 增加 0 万元, 增长 0%) is 持平, and a printed figure's rounding makes no base zero
    select
        rate.report_id, 'narrative_change_rate_base_not_zero' as rule_id, 'narrative' as table_number,
        rate.subject_key, rate.subject, change.last_year_amount as left_value, 0 as right_value,
        0 as tolerance, rate.page, rate.sentence
    from figures as rate
    join changes as change
        on change.report_id = rate.report_id and change.sentence_no = rate.sentence_no
            and change.subject = rate.subject
    where rate.measure = 'change_rate' and change.amount <> 0
),

last_year_checks as (
    -- last year's figure (this year's less the change) against the same cell of the same
    -- entity's report of the same kind for the year before, where the warehouse holds it
    select
        change.report_id, 'narrative_last_year_eq_previous_report' as rule_id, cells.table_number,
        change.subject_key, change.subject, change.last_year_amount as left_value, cells.amount as right_value,
        change.now_half_unit + change.amount_half_unit + {{ var('rounding_half_unit') }} as tolerance,
        change.page, change.sentence
    from changes as change
    join {{ ref('dim_report') }} as previous
        on previous.entity_key = change.entity_key and previous.fiscal_year = change.fiscal_year - 1
            and previous.report_kind = change.report_kind and previous.is_current
    join {{ ref('int_narrative_cells') }} as cells
        on cells.report_id = previous.report_id and cells.subject_key = change.subject_key
            and cells.part_of = coalesce(change.part_of, '')
),

completion_rates as (
    -- each rate reads only its own part of the sentence: the figures after the rate before it
    -- (…决算为0.00万元，完成预算的0.00%；…决算为0.39万元，完成预算的13.68%: two checks, not four)
    select
        figures.*,
        coalesce(lag(figures.figure_no) over (
            partition by figures.report_id, figures.sentence_no order by figures.figure_no
        ), 0) as segment_start
    from figures
    where figures.measure = 'completion_rate'
),

completion_checks as (
    select
        rate.report_id, 'narrative_completion_rate_eq_final_over_budget' as rule_id, 'narrative' as table_number,
        rate.subject_key, rate.subject, rate.value as left_value,
        100 * final.amount / nullif(budget.amount, 0) as right_value,
        2 * rate.value_half_unit + 100 * (
            final.amount_half_unit + rate.value / 100 * budget.amount_half_unit
        ) / nullif(budget.amount, 0) as tolerance,
        rate.page, rate.sentence
    from completion_rates as rate
    join lateral (
        -- the 决算 figure nearest before the rate, in its part of the sentence
        select
            arg_max(stated.amount, stated.figure_no) as amount,
            arg_max(stated.amount_half_unit, stated.figure_no) as amount_half_unit
        from figures as stated
        where stated.report_id = rate.report_id and stated.sentence_no = rate.sentence_no
            and stated.measure = 'final' and stated.figure_no between rate.segment_start and rate.figure_no
    ) as final on true
    join lateral (
        -- the budget the words name: 年初预算, 全年预算, 调整预算; else the part's last budget
        select
            arg_max(stated.amount, (contains(stated.subject, qualifier.word), stated.figure_no)) as amount,
            arg_max(stated.amount_half_unit, (contains(stated.subject, qualifier.word), stated.figure_no))
                as amount_half_unit
        from figures as stated
        cross join (
            select coalesce(
                case
                    when contains(rate.share_of, '年初') then '年初'
                    when contains(rate.share_of, '全年') then '全年'
                    when contains(rate.share_of, '调整') then '调整'
                end, '预算'
            ) as word
        ) as qualifier
        where stated.report_id = rate.report_id and stated.sentence_no = rate.sentence_no
            and stated.measure = 'budget' and stated.figure_no < rate.figure_no
    ) as budget on true
    where budget.amount is not null and final.amount is not null
),

equality_checks as (
    select * from share_checks
    union all
    select * from range_checks
    union all
    select * from rate_checks
    union all
    select * from last_year_checks
    union all
    select * from completion_checks
)

select *, coalesce(abs(left_value - right_value) <= tolerance, false) as passed from equality_checks
union all
select *, left_value <> 0 as passed from zero_base_checks
{% endcall %}
