-- The words comparing figures, against the figures (seed rules):
--   narrative_final_vs_budget_word_matches — 决算数大于/小于/持平/等于 预算数 matches the
--     latest 决算 and the budget the words name, stated up to that sentence in its section
--     (持平, 等于, 一致: within rounding; 基本持平: 1% of the budget).
{% set printed_rounding %}2 * {{ var('rounding_half_unit') }}{% endset %}
{% call by_report() %}
with figures as (
    select * from {{ ref('int_narrative_figures') }}
),

versus_checks as (
    -- 决算数小于/大于/持平 预算数: the words against the latest 决算 and the budget they name
    -- stated up to that sentence in its section, as printed (持平: within rounding; 基本持平: 1%)
    select
        words.report_id, 'narrative_final_vs_budget_word_matches' as rule_id, 'narrative' as table_number,
        words.subject_key, '决算数' || words.direction || words.share_of as subject,
        stated.final as left_value, stated.budget as right_value,
        {{ printed_rounding }} as tolerance, words.page, words.sentence,
        case
            when words.direction = '大于' then stated.final > stated.budget
            when words.direction = '小于' then stated.final < stated.budget
            when words.direction = '持平' then abs(stated.final - stated.budget) <= {{ printed_rounding }}
            when words.direction = '基本持平'
                then abs(stated.final - stated.budget) <= 0.01 * abs(stated.budget) + {{ printed_rounding }}
        end as passed
    from figures as words
    join lateral (
        select
            arg_max(earlier.amount, (earlier.sentence_no, earlier.figure_no)) filter (where earlier.measure = 'final')
                as final,
            arg_max(
                earlier.amount,
                (
                    contains(earlier.subject, regexp_extract(words.share_of, '(年初|全年|调整)')),
                    earlier.sentence_no,
                    earlier.figure_no
                )
            ) filter (where earlier.measure = 'budget') as budget
        from figures as earlier
        where earlier.report_id = words.report_id and earlier.section = words.section
            and (earlier.sentence_no, earlier.figure_no) < (words.sentence_no, words.figure_no)
    ) as stated on true
    where words.measure = 'final_vs_budget' and stated.final is not null and stated.budget is not null
)

select * from versus_checks
{% endcall %}
