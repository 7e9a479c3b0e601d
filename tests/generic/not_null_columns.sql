{#- None of the listed columns is NULL: one test per model instead of one per column (a
    build runs every test as a node of its own, ~35 ms each). Each failing row comes back
    whole, with the column found NULL, so a failure still names its report. -#}
{% test not_null_columns(model, columns) %}
{% for column in columns %}
select '{{ column }}' as null_column, * from {{ model }} where {{ column }} is null
{% if not loop.last %}union all{% endif %}
{% endfor %}
{% endtest %}
