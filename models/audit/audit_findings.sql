{% call by_report() %}
-- Every check of every report as one row, the catalogue's rule beside it (seed rules): the
-- accounting identities (audit_identity_checks), the narrative against the tables and its own
-- arithmetic (audit_narrative_checks), completeness and sane figures
-- (audit_completeness_checks), empty tables noted as such (audit_empty_tables), the
-- publisher's name the same throughout (audit_entity_names), the tables the contents page
-- lists printed (audit_contents), a 三公 overrun explained (audit_three_public_overruns), and
-- the words on their own (audit_text_checks). status is pass, fail, acknowledged (seed
-- acknowledged_identity_mismatches), ambiguous or explained; an auditor reads the rows that
-- did not pass, with both sides, the page and the evidence (the sentence, or the rule as
-- applied to the table). table_page is where the table checked begins, so a narrative
-- finding leads to both of its pages.
with findings as (
    select
        report_id, identity as rule_id, table_number, subject, left_value, right_value, page,
        identity_label || coalesce('（' || acknowledged_reason || '）', '') as evidence, status
    from {{ ref('audit_identity_checks') }}
    union all
    select
        report_id, rule_id, table_number, coalesce(subject_key, subject), left_value, right_value, page,
        sentence, status
    from {{ ref('audit_narrative_checks') }}
{#- the rule families whose rows are findings already, and whether each compares two figures #}
{%- set families = {
    'audit_completeness_checks': true, 'audit_empty_tables': true, 'audit_entity_names': false,
    'audit_contents': false, 'audit_three_public_overruns': true, 'audit_text_checks': false,
} %}
{%- for model, compares in families.items() %}
    union all
    select
        report_id, rule_id, table_number, subject,
        {{ 'left_value, right_value' if compares else 'null, null' }}, page, evidence, status
    from {{ ref(model) }}
{%- endfor %}
),

acknowledged as (
    -- a reviewed finding of any rule: the publisher's own, kept visible, marked
    select * from {{ ref('int_acknowledged_findings') }}
),

judged as (
    select
        findings.* replace (
            case
                when findings.status = 'fail' and acknowledged.reason is not null
                    then findings.evidence || '（' || acknowledged.reason || '）'
                else findings.evidence
            end as evidence,
            case
                when findings.status = 'fail' and acknowledged.reason is not null then 'acknowledged'
                else findings.status
            end as status
        )
    from findings
    left join acknowledged
        on acknowledged.report_id = findings.report_id and acknowledged.table_number = findings.table_number
            and acknowledged.rule_id = findings.rule_id and acknowledged.subject = findings.subject
)

select
    judged.report_id,
    judged.rule_id,
    rules.severity,
    rules.label_zh as rule_label,
    judged.table_number,
    judged.subject,
    judged.left_value,
    judged.right_value,
    judged.page,
    table_pages.first_page as table_page,
    judged.evidence,
    judged.status,
    {{ chinese_label('status', 'judged.status') }} as status_label
from judged
left join {{ ref('rules') }} as rules on rules.rule_id = judged.rule_id
left join {{ ref('int_table_pages') }} as table_pages
    on table_pages.report_id = judged.report_id and table_pages.table_number = judged.table_number
{% endcall %}
