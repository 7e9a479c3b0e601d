{% call by_report() %}
-- The reconciliation an auditor reads: one row per report × identity × subject, for the
-- nine tables and for the evaluation annexes, with the rule's Chinese label and the page
-- its table starts on.
with checks as (
    select * from (
        {{ evaluate_identity_checks('select * from ' ~ ref('audit_table_identities')) }}
    )
    union all
    select * from (
        {{ evaluate_identity_checks('select * from ' ~ ref('audit_evaluation_identities'), own_tolerance=true) }}
    )
)

select
    checks.*,
    rules.label_zh as identity_label,
    {{ chinese_label('status', 'checks.status') }} as status_label,
    pages.first_page as page
from checks
left join {{ ref('rules') }} as rules
    on rules.rule_id = checks.identity
left join {{ ref('int_table_pages') }} as pages
    on pages.report_id = checks.report_id
        and pages.table_number = checks.table_number
{% endcall %}
