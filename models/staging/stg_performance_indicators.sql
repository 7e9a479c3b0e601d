-- Targets and results are numbers for quantitative indicators (运算符号 + 指标值 + 度量单位)
-- and texts for qualitative ones (管理规范 / 全部或基本达成预期指标100%-80%（含）): both kept.
select
    {{ provenance_columns() }},
    try_cast(evaluation_no as integer) as evaluation_no,
    subject_type,
    subject_name,
    try_cast(indicator_no as integer) as indicator_no,
    nullif(level1, '') as level1_indicator,
    nullif(level2, '') as level2_indicator,
    nullif(level3, '') as level3_indicator,
    nullif(trim(operator), '') as operator,
    {{ to_number('target') }} as target_value,
    nullif(trim(target), '') as target_text,
    nullif(trim(measure_unit), '') as measure_unit,
    {{ to_number('actual') }} as actual_value,
    nullif(trim(actual), '') as actual_text,
    {{ to_rate('completion') }} as completion_rate,
    {{ to_number('weight') }} as weight,
    {{ to_number('score') }} as score,
    nullif(deviation_category, '') as deviation_category,
    nullif(deviation_reason, '') as deviation_reason,
    nullif(improvement_measure, '') as improvement_measure,
    printed_cells
from {{ raw_family('e04_performance_indicators') }}
