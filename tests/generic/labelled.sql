{#- Every code has its Chinese label: a new code added to a model without a row in seed
    code_labels (or rules) fails here instead of showing a blank label. Failing rows come
    back whole, so a code only one report printed names that report. -#}
{% test labelled(model, column_name, code_column) %}
select *
from {{ model }}
where {{ code_column }} is not null and {{ column_name }} is null
{% endtest %}
