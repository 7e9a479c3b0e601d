{#- Generic identity tests declared beside the fact models. Each fails with the check rows
    that break the identity beyond rounding tolerance and are not acknowledged. -#}

{% test row_total_matches_columns(model, table_number, total, parts, subject='coalesce(functional_code, item_name)') %}
select *
from ({{ evaluate_identity_checks(row_total_checks(model, table_number, total, parts, subject)) }})
where status = 'fail'
{% endtest %}


{% test hierarchy_sums_match(model, table_number, code_column, amount_columns) %}
select *
from ({{ evaluate_identity_checks(hierarchy_checks(model, table_number, code_column, amount_columns)) }})
where status = 'fail'
{% endtest %}
