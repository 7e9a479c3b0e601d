{% call by_report() %}
-- Every indicator row of every unit and project evaluation; a unit is named by its unit
-- name (the printed label also carries its code, see fct_unit_performance).
select
    indicators.report_id,
    indicators.evaluation_no,
    indicators.subject_type,
    {{ chinese_label('subject_type', 'indicators.subject_type') }} as subject_type_label,
    coalesce(units.unit_name, indicators.subject_name) as subject_name,
    units.unit_code,
    indicators.indicator_no,
    indicators.level1_indicator,
    indicators.level2_indicator,
    indicators.level3_indicator,
    indicators.operator,
    indicators.target_value,
    indicators.target_text,
    indicators.measure_unit,
    indicators.actual_value,
    indicators.actual_text,
    indicators.completion_rate,
    indicators.weight,
    indicators.score,
    indicators.deviation_category,
    indicators.deviation_reason,
    indicators.improvement_measure,
    indicators.page,
    indicators.row_no
from {{ ref('stg_performance_indicators') }} as indicators
left join {{ ref('stg_unit_evaluations') }} as units
    on indicators.subject_type = 'unit'
        and units.report_id = indicators.report_id
        and units.evaluation_no = indicators.evaluation_no
where {{ is_current_report('indicators.report_id') }}
{% endcall %}
