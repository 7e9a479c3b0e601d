-- Reports held out of the facts because their figures fail the checks, with each failing
-- check (identity, subject, both sides) or failing test. Written by the pipeline; empty
-- when every report passed.
select
    checks.report_id,
    reports.entity_name,
    reports.fiscal_year,
    reports.source_file,
    checks.test_name,
    checks.table_number,
    checks.identity,
    checks.subject,
    try_cast(checks.left_value as decimal(20, 6)) as left_value,
    try_cast(checks.right_value as decimal(20, 6)) as right_value
from {{ quarantined_checks() }} as checks
left join {{ ref('stg_reports') }} as reports on reports.report_id = checks.report_id
