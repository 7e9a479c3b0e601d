{#- Generic identity tests declared beside the fact models. Each returns the check rows that
    break the identity beyond rounding tolerance and are not acknowledged.

    They warn rather than error: a failing test would make dbt skip every model downstream,
    audit_identity_checks included, just when an auditor needs it. The build still fails on
    a mismatch, through the singular tests in tests/ that read audit_identity_checks. -#}

{% test row_total_matches_columns(model, table_number, total, parts, subject='coalesce(functional_code, item_name)') %}
{{ config(severity='warn') }}
select *
from ({{ evaluate_identity_checks(row_total_checks(model, table_number, total, parts, subject)) }})
where status = 'fail'
{% endtest %}


{% test hierarchy_sums_match(model, table_number, code_column, amount_columns) %}
{{ config(severity='warn') }}
select *
from ({{ evaluate_identity_checks(hierarchy_checks(model, table_number, code_column, amount_columns)) }})
where status = 'fail'
{% endtest %}
