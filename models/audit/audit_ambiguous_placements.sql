-- What a text dump left undecided: one row per printed row whose amounts several
-- placements fit, with the candidate values of each undecided column. Those cells are
-- blank (0.00) in the facts; the identities of their table report 'ambiguous', not 'fail'.
select
    report_id,
    table_number,
    row_no,
    item,
    placement_candidates
from {{ ref('int_ambiguous_placements') }}
