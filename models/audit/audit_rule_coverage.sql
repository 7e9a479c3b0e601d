-- The rule catalogue (seed rules) with what each rule found across the current reports: a rule
-- not implemented yet is listed as such, with no passes counted for it.
select
    rules.rule_id,
    rules.tables,
    rules.severity,
    rules.tolerance,
    rules.label_zh,
    rules.label_en,
    rules.implemented,
    rules.peer_rule,
    count(findings.rule_id) filter (where findings.status = 'pass') as passed,
    count(findings.rule_id) filter (where findings.status = 'fail') as failed,
    count(findings.rule_id) filter (where findings.status not in ('pass', 'fail')) as other,
    count(distinct findings.report_id) as reports_checked
from {{ ref('rules') }} as rules
left join {{ ref('audit_findings') }} as findings on findings.rule_id = rules.rule_id
group by all
