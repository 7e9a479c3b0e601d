-- The reconciliation an auditor reads: one row per report × identity × subject, for the
-- nine tables and for the evaluation annexes.
select * from (
    {{ evaluate_identity_checks('select * from ' ~ ref('int_identity_checks')) }}
)
union all
select * from (
    {{ evaluate_identity_checks('select * from ' ~ ref('int_evaluation_identity_checks'), own_tolerance=true) }}
)
