{% call by_report() %}
-- What a 决算 report must hold, one row per check, one model per rule: each of the nine
-- standard tables printed or its absence explained (audit_table_presence), each section the
-- template requires (audit_required_sections), no negative income or expenditure amount
-- (audit_amount_signs).
select * from {{ ref('audit_table_presence') }}
union all
select * from {{ ref('audit_required_sections') }}
union all
select * from {{ ref('audit_amount_signs') }}
{% endcall %}
