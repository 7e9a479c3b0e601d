-- Every check of every report as one row, the catalogue's rule beside it (seed rules): the
-- accounting identities (audit_identity_checks), the narrative against the tables and its own
-- arithmetic (audit_narrative_checks), and completeness — each of the nine standard tables
-- printed in a 决算 report. status is pass, fail, acknowledged or ambiguous; an auditor reads
-- the rows that did not pass, with both sides, the page and the evidence (the sentence, or the
-- rule as applied to the table).
with reports as (
    select report_id, tables_found
    from {{ ref('dim_report') }}
    where is_current and report_kind = 'final'
),

completeness as (
    select
        reports.report_id, 'standard_table_present' as rule_id, tables.table_number,
        '公开' || tables.table_number || '表' as subject,
        null::decimal(38, 10) as left_value, null::decimal(38, 10) as right_value, null::integer as page,
        'tables found: ' || coalesce(reports.tables_found, '') as evidence,
        case when contains(coalesce(reports.tables_found, ''), tables.table_number) then 'pass' else 'fail' end as status
    from reports
    cross join (
        values ('01'), ('02'), ('03'), ('04'), ('05'), ('06'), ('07'), ('08'), ('09')
    ) as tables (table_number)
),

findings as (
    select
        report_id, identity as rule_id, table_number, subject, left_value, right_value, page,
        identity_label || coalesce('（' || acknowledged_reason || '）', '') as evidence, status
    from {{ ref('audit_identity_checks') }}
    union all
    select
        report_id, rule_id, table_number, coalesce(subject_key, subject), left_value, right_value, page,
        sentence, status
    from {{ ref('audit_narrative_checks') }}
    union all
    select * from completeness
)

select
    findings.report_id,
    findings.rule_id,
    rules.severity,
    rules.label_zh as rule_label,
    findings.table_number,
    findings.subject,
    findings.left_value,
    findings.right_value,
    findings.page,
    findings.evidence,
    findings.status,
    {{ chinese_label('status', 'findings.status') }} as status_label
from findings
left join {{ ref('rules') }} as rules on rules.rule_id = findings.rule_id
