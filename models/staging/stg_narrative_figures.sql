select
    {{ provenance_columns() }},
    try_cast(figure_no as integer) as figure_no,
    section,
    sentence,
    subject,
    nullif(subject_key, '') as subject_key,
    measure,
    try_cast(replace(value, ',', '') as decimal(18, 6)) as value,
    nullif(unit, '') as unit,
    nullif(direction, '') as direction,
    nullif(share_of, '') as share_of,
    nullif(part_of, '') as part_of,
    -- the printed precision: half a unit of the last digit printed
    0.5 / pow(10, coalesce(length(split_part(value, '.', 2)), 0))::decimal(18, 6) as value_half_unit
from {{ raw_family('n01_narrative_figures') }}
