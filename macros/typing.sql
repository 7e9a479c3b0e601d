{#- A printed amount to DECIMAL(18,6) 万元. Blank (and a lone dash) is how reports print
    zero; anything else that does not parse becomes NULL, which the not_null tests catch.
    unit_column names the unit the table states (万元, 元, 千元, 亿元; blank = 万元): six
    decimals keep an amount printed in 元 exact once converted. -#}
{% macro to_amount(column, unit_column=none) -%}
(case
    when trim(coalesce({{ column }}, '')) in ('', '-', '—', '－', '--') then 0
    else try_cast(replace({{ ascii_digits('trim(' ~ column ~ ')') }}, ',', '') as decimal(24, 6))
end{% if unit_column %} * {{ wanyuan_per_unit(unit_column) }}{% endif %})::decimal(18, 6)
{%- endmacro %}

{#- Full-width digits, point, comma and minus (as some producers print them) in ASCII. -#}
{% macro ascii_digits(expression) -%}
translate({{ expression }}, '０１２３４５６７８９．，－', '0123456789.,-')
{%- endmacro %}

{% macro wanyuan_per_unit(unit_column) -%}
(case nullif(trim({{ unit_column }}), '') when '元' then 0.0001 when '千元' then 0.1 when '亿元' then 10000 else 1 end)
{%- endmacro %}

{% macro to_code(column) -%}
nullif(trim({{ column }}), '')
{%- endmacro %}

{% macro label_key(column) -%}
regexp_replace(coalesce({{ column }}, ''), '[\s　“”"'']', '', 'g')
{%- endmacro %}

{#- A printed row of a coded table that is a fact: it carries a code, or it is the table's
    合计/总计 line (the level-0 row the hierarchy checks start from). -#}
{% macro is_coded_or_total(code_column) -%}
({{ code_column }} is not null or {{ label_key('item_name') }} in ('合计', '总计'))
{%- endmacro %}

{#- Where a raw row came from: every raw family carries these four columns. -#}
{% macro provenance_columns() -%}
report_id,
    source_file,
    try_cast(page as integer) as page,
    try_cast(row_no as integer) as row_no
{%- endmacro %}

{#- How a raw row's amounts found their columns (extract/schema.py PLACEMENT) and the cells as
    printed: the last columns of every typed table family. -#}
{% macro placement_columns() -%}
coalesce(nullif(placement, ''), 'printed') as placement,
    nullif(placement_candidates, '') as placement_candidates,
    printed_cells
{%- endmacro %}

{#- A printed number with more decimals than an amount (scores like 95.154, deductions like
    35.2900708, task amounts like 1024.421929); blank is NULL here, not zero. -#}
{% macro to_number(column, scale=8) -%}
try_cast(nullif(replace(replace(trim(coalesce({{ column }}, '')), ',', ''), '，', ''), '') as decimal(20, {{ scale }}))
{%- endmacro %}

{#- A printed rate as a fraction: '94.9%' → 0.949; a bare number is taken as printed (unit
    evaluations print 完成程度 as 1, 0.59 …). -#}
{% macro to_rate(column) -%}
case
    when trim(coalesce({{ column }}, '')) like '%\%%' escape '\'
        then (try_cast(replace(trim({{ column }}), '%', '') as decimal(20, 8)) / 100)::decimal(20, 10)
    else {{ to_number(column) }}::decimal(20, 10)
end
{%- endmacro %}

{#- Half a unit of the last digit printed: how far a rounded figure may be from the true
    one ('9.445' → 0.0005, '100%' → 0.005 as a fraction when percent=true). -#}
{% macro printed_half_unit(column, percent=false) -%}
(case
    when position('.' in regexp_replace(trim(coalesce({{ column }}, '')), '[%\s]', '', 'g')) > 0
        then 0.5 / power(10, length(split_part(regexp_replace(trim({{ column }}), '[%\s]', '', 'g'), '.', 2)))
    else 0.5
end{% if percent %} / 100{% endif %})::decimal(20, 10)
{%- endmacro %}
