-- The reviewed findings (seed acknowledged_identity_mismatches, keyed by entity and year so a
-- re-rendered file keeps its review) on the report ids they apply to: read by the identity
-- checks (macro evaluate_identity_checks) and by audit_findings for every other rule.
select report.report_id, ack.table_number, ack.identity as rule_id, ack.subject, ack.reason
from {{ ref('acknowledged_identity_mismatches') }} as ack
join {{ ref('stg_reports') }} as report
    on report.entity_name = ack.entity_name and report.fiscal_year = ack.fiscal_year
