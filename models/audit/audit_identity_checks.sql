-- The reconciliation an auditor reads: one row per report × identity × subject, for the
-- nine tables and for the evaluation annexes.
select * from (
    {{ evaluate_identity_checks('select * from ' ~ ref('audit_table_identities')) }}
)
union all
select * from (
    {{ evaluate_identity_checks('select * from ' ~ ref('audit_evaluation_identities'), own_tolerance=true) }}
)
