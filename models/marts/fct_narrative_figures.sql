-- Every figure a current report's narrative (情况说明) states, one row per figure: the sentence
-- and the section it is in, the subject it names (subject_key: the table cell, where the
-- words name one), the measure (amount, budget, final, share, change_amount, change_rate), the
-- value as printed (signed by its direction word for changes) and, for money, in 万元.
{#- 持平 (no change) is a change of nothing, whatever the unit it is stated in -#}
{% set no_change %}case when figures.measure = 'change_amount' and figures.direction = '持平' then 0 end{% endset %}
{% call by_report() %}
with factors as (
    select * from (values ('万元', 1.0), ('元', 0.0001), ('千元', 0.1), ('亿元', 10000.0)) as units (unit, to_wanyuan)
)

select
    figures.report_id,
    figures.page,
    figures.row_no as sentence_no,
    figures.figure_no,
    figures.section,
    figures.sentence,
    figures.subject,
    figures.subject_key,
    figures.measure,
    figures.value,
    figures.unit,
    -- widened first: a figure stated in 万元 that was meant in 元 (302,475,975.31 万元 of fixed
    -- assets) must not overflow the product and fail the build for every report
    coalesce(figures.value::decimal(38, 6) * factors.to_wanyuan, {{ no_change }}) as amount,
    figures.direction,
    figures.share_of,
    figures.part_of,
    figures.value_half_unit,
    coalesce(figures.value_half_unit * factors.to_wanyuan, {{ no_change }}) as amount_half_unit
from {{ ref('stg_narrative_figures') }} as figures
left join factors on factors.unit = figures.unit
where {{ is_current_report('figures.report_id') }}
{% endcall %}
