-- Budget against final accounts: for each entity, year and functional code printed in either,
-- the budget (预算 report: 一般公共预算支出预算表) and the final (决算 report: 公开05表
-- 一般公共预算财政拨款支出决算表), their difference and the execution rate. A report is paired
-- with the other kind of report of the same entity and year; a code printed in one only has
-- NULL on the other side.
with reports as (
    select report_id, entity_name, fiscal_year, report_kind
    from {{ ref('dim_report') }}
    where is_current and entity_name is not null
),

{%- set sides = {'budget': 'fct_budget_expenditure_by_function', 'final': 'fct_general_budget_expenditure'} %}
{% for kind, facts in sides.items() %}
    {{ kind }} as (
        select
            reports.entity_name, reports.fiscal_year, facts.functional_code, facts.code_level, facts.item_name,
            facts.total, reports.report_id
        from {{ ref(facts) }} as facts
        join reports using (report_id)
        where reports.report_kind = '{{ kind }}'
    ),
{% endfor %}

both_kinds as (
    -- entities and years with both a budget and a final report
    select entity_name, fiscal_year from budget
    intersect
    select entity_name, fiscal_year from final
),

paired as (
    select
        coalesce(budget.entity_name, final.entity_name) as entity_name,
        coalesce(budget.fiscal_year, final.fiscal_year) as fiscal_year,
        coalesce(budget.functional_code, final.functional_code) as functional_code,
        coalesce(budget.code_level, final.code_level) as code_level,
        coalesce(final.item_name, budget.item_name) as item_name,
        budget.report_id as budget_report_id,
        final.report_id as final_report_id,
        budget.total as budget_amount,
        final.total as final_amount
    from budget
    full outer join final
        on budget.entity_name = final.entity_name
            and budget.fiscal_year = final.fiscal_year
            and budget.functional_code is not distinct from final.functional_code
)

select
    paired.entity_name,
    paired.fiscal_year,
    paired.functional_code,
    paired.code_level,
    paired.item_name,
    paired.budget_report_id,
    paired.final_report_id,
    paired.budget_amount,
    paired.final_amount,
    paired.final_amount - paired.budget_amount as difference,
    case when paired.budget_amount <> 0 then round(paired.final_amount / paired.budget_amount, 4) end
        as execution_rate,
    case
        when paired.budget_amount is null then 'budget'
        when paired.final_amount is null then 'final'
    end as missing_side,
    {{ chinese_label('report_kind', "case when paired.budget_amount is null then 'budget' "
                                    ~ "when paired.final_amount is null then 'final' end") }} as missing_side_label
from paired
join both_kinds using (entity_name, fiscal_year)
