-- The reconciliation an auditor reads: one row per report × identity × subject.
{{ evaluate_identity_checks('select * from ' ~ ref('int_identity_checks')) }}
