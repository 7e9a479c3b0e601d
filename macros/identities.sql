{#-
  Accounting identities as check rows. Every check macro returns the same columns:
    report_id, table_number, identity, subject, left_value, right_value, n_terms, comparison
  where left_value is one printed figure, right_value a sum of n_terms printed figures, and
  comparison '=' (equal within tolerance) or '>=' (left at least right, less tolerance).
  The same macros feed the generic tests (which fail the build) and audit_identity_checks
  (which an auditor reads), so the two can never disagree.

  Tolerance: each printed figure is rounded to 0.01 万元, so it may be off by up to 0.005.
  A printed total compared with a sum of n printed terms may differ by up to
  (n + 1) × 0.005 万元 without any mistake (尾差).
-#}

{% macro identity_tolerance(n_terms) -%}
(({{ n_terms }}) + 1) * {{ var('rounding_half_unit') }}
{%- endmacro %}


{#- How far a printed rate (numerator / denominator) may be from the quotient of the printed
    amounts: a whole unit of the rate's last digit (producers round or truncate: 99.5496 %
    is printed 99.54 %), plus what rounding the two amounts moves the quotient. -#}
{% macro rate_tolerance(rate, numerator_half_unit, denominator, denominator_half_unit, rate_half_unit) -%}
2 * {{ rate_half_unit }} + ({{ numerator_half_unit }} + {{ rate }} * {{ denominator_half_unit }}) / {{ denominator }}
{%- endmacro %}


{#- Row total = sum of its columns, for every row of a table. -#}
{% macro row_total_checks(relation, table_number, total, parts, subject='coalesce(functional_code, item_name)') -%}
{%- for part_group in [parts] %}
select
    report_id,
    '{{ table_number }}' as table_number,
    'row_total_eq_sum_of_columns' as identity,
    {{ subject }} || ': {{ total }}' as subject,
    {{ total }} as left_value,
    {{ part_group | join(' + ') }} as right_value,
    {{ part_group | length }} as n_terms,
    '=' as comparison
from {{ relation }}
{%- endfor %}
{%- endmacro %}


{#- 合计 = Σ类, 类 = Σ款, 款 = Σ项 for each amount column; a parent with no printed children
    is not checked (there is nothing to add up). -#}
{% macro hierarchy_checks(relation, table_number, code_column, amount_columns) -%}
{%- for amount in amount_columns %}
{% if not loop.first %}union all{% endif %}
select
    parent.report_id,
    '{{ table_number }}' as table_number,
    case parent.code_level
        when 0 then 'total_eq_sum_of_classes'
        when 1 then 'class_eq_sum_of_sections'
        else 'section_eq_sum_of_items'
    end as identity,
    coalesce(parent.{{ code_column }}, '合计') || ': {{ amount }}' as subject,
    any_value(parent.{{ amount }}) as left_value,
    sum(child.{{ amount }}) as right_value,
    count(*) as n_terms,
    '=' as comparison
from {{ relation }} as parent
join {{ relation }} as child
    on child.report_id = parent.report_id
    and child.code_level = parent.code_level + 1
    and (parent.code_level = 0 or starts_with(child.{{ code_column }}, parent.{{ code_column }}))
where parent.code_level in (0, 1, 2)
  {%- if code_column == 'economic_code' %}
    and parent.code_level > 0  {#- 06 has no grand 合计 row; its group totals are checked apart #}
  {%- endif %}
group by parent.report_id, parent.{{ code_column }}, parent.code_level, parent.row_no
{%- endfor %}
{%- endmacro %}


{#- Check rows with difference, tolerance, acknowledgement and status. Checks whose figures
    are not amounts printed to 0.01 (rates, scores) bring their own `tolerance` column. -#}
{% macro evaluate_identity_checks(checks, own_tolerance=false) -%}
{%- set tolerance = 'checks.tolerance' if own_tolerance else identity_tolerance('checks.n_terms') -%}
with checks as (
    {{ checks }}
),

ambiguous_tables as (
    -- tables of a report with amounts a text dump left undecided
    select distinct report_id, table_number from {{ ref('int_ambiguous_placements') }}
),

acknowledged as (
    select * from {{ ref('int_acknowledged_findings') }}
)

select
    checks.report_id,
    checks.table_number,
    checks.identity,
    checks.subject,
    checks.left_value::decimal(20, 6) as left_value,
    checks.right_value::decimal(20, 6) as right_value,
    (checks.left_value - checks.right_value)::decimal(20, 6) as difference,
    checks.n_terms::integer as n_terms,
    ({{ tolerance }})::decimal(18, 4) as tolerance,
    checks.comparison,
    within_tolerance as passed,
    acknowledged.reason as acknowledged_reason,
    case
        when within_tolerance then 'pass'
        when acknowledged.reason is not null then 'acknowledged'
        -- Explicit rule: a failing check in a table with undecided placements is reported
        -- 'ambiguous' (the blank cells are listed in audit_ambiguous_placements), not 'fail'.
        when ambiguous_tables.table_number is not null then 'ambiguous'
        else 'fail'
    end as status
from checks
cross join lateral (
    select case checks.comparison
        when '>=' then checks.left_value - checks.right_value >= -({{ tolerance }})
        else abs(checks.left_value - checks.right_value) <= {{ tolerance }}
    end as within_tolerance
) as verdict
left join acknowledged
    on acknowledged.report_id = checks.report_id
    and acknowledged.table_number = checks.table_number
    and acknowledged.rule_id = checks.identity
    and acknowledged.subject = checks.subject
left join ambiguous_tables
    on ambiguous_tables.report_id = checks.report_id
    and ambiguous_tables.table_number = checks.table_number
{%- endmacro %}


{#- An item = the sum of its parts, on items keyed by item_code (07 and 预算 B07): one check
    per report that prints the item; a part not printed counts 0. -#}
{% macro item_parts_checks(relation, table_number, identity, item, parts, amount) -%}
select
    report_id,
    '{{ table_number }}' as table_number,
    '{{ identity }}' as identity,
    '{{ item }}: {{ amount }}' as subject,
    sum({{ amount }}) filter (where item_code = '{{ item }}') as left_value,
    coalesce(sum({{ amount }}) filter (where item_code in ('{{ parts | join("', '") }}')), 0) as right_value,
    {{ parts | length }} as n_terms,
    '=' as comparison
from {{ relation }}
group by report_id
having count(*) filter (where item_code = '{{ item }}') > 0
{%- endmacro %}
