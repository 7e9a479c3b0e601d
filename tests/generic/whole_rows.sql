{#- dbt's own relationships, unique and accepted_values, returning each failing row whole
    rather than only the offending value: a row carries its report_id, so a failure names the
    report it belongs to and the pipeline can quarantine that report alone (pipeline/dbt.py).
    A test of a table without report_id still fails the build, as before. -#}

{% test relationships(model, column_name, to, field) %}
select child.*
from {{ model }} as child
where child.{{ column_name }} is not null
  and child.{{ column_name }} not in (select parent.{{ field }} from {{ to }} as parent where parent.{{ field }} is not null)
{% endtest %}


{% test unique(model, column_name) %}
select *
from {{ model }}
where {{ column_name }} is not null
qualify count(*) over (partition by {{ column_name }}) > 1
{% endtest %}


{% test accepted_values(model, column_name, values, quote=True) %}
select *
from {{ model }}
where {{ column_name }} is not null
  and {{ column_name }} not in (
    {%- for value in values -%}
    {% if quote %}'{{ value }}'{% else %}{{ value }}{% endif %}{% if not loop.last %}, {% endif %}
    {%- endfor -%}
  )
{% endtest %}
