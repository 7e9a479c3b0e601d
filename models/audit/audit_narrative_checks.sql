-- The narrative against the report's own tables and its own arithmetic, one row per check, as
-- the four rule families check it: the amounts it states against the cells they name
-- (audit_narrative_amounts), its rates against the figures they are rates of
-- (audit_narrative_rates), its parts against their totals (audit_narrative_sums), and its
-- comparison words against the figures (audit_narrative_words). Findings for an auditor
-- (severity in seed rules): a narrative that disagrees with its tables never holds back the
-- tables' facts.
{% call by_report() %}
with checks as (
    select * from {{ ref('audit_narrative_amounts') }}
    union all
    select * from {{ ref('audit_narrative_rates') }}
    union all
    select * from {{ ref('audit_narrative_sums') }}
    union all
    select * from {{ ref('audit_narrative_words') }}
)

select
    checks.report_id,
    checks.rule_id,
    rules.severity,
    rules.label_zh as rule_label,
    checks.table_number,
    checks.subject_key,
    checks.subject,
    checks.left_value::decimal(38, 6) as left_value,
    checks.right_value::decimal(38, 6) as right_value,
    checks.tolerance::decimal(38, 6) as tolerance,
    case when checks.passed then 'pass' else 'fail' end as status,
    checks.page,
    checks.sentence
from checks
left join {{ ref('rules') }} as rules on rules.rule_id = checks.rule_id
{% endcall %}
