{#- A printed amount to DECIMAL(18,2) 万元. Blank (and a lone dash) is how reports print
    zero; anything else that does not parse becomes NULL, which the not_null tests catch. -#}
{% macro to_amount(column) -%}
case
    when trim(coalesce({{ column }}, '')) in ('', '-', '—', '－', '--') then 0.00::decimal(18, 2)
    else try_cast(replace(replace(trim({{ column }}), ',', ''), '，', '') as decimal(18, 2))
end
{%- endmacro %}

{% macro to_code(column) -%}
nullif(trim({{ column }}), '')
{%- endmacro %}

{#- 类 3 digits, 款 5, 项 7 (functional); 类 3, 款 5 (economic). NULL code (合计) is level 0. -#}
{% macro code_level(column) -%}
case length({{ column }}) when 3 then 1 when 5 then 2 when 7 then 3 else case when {{ column }} is null then 0 end end
{%- endmacro %}

{% macro label_key(column) -%}
regexp_replace(coalesce({{ column }}, ''), '[\s　“”"'']', '', 'g')
{%- endmacro %}

{#- Where a raw row came from: every raw family carries these four columns. -#}
{% macro provenance_columns() -%}
report_id,
    source_file,
    try_cast(page as integer) as page,
    try_cast(row_no as integer) as row_no
{%- endmacro %}
