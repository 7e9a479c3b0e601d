-- Budget against final accounts, for each entity (dim_entity), year and compared figure:
--   functional    — 一般公共预算支出 by functional code: 预算 一般公共预算支出预算表 against 决算 公开05表;
--   economic      — 一般公共预算基本支出 by economic code: 预算 基本支出预算表 against 决算 公开06表;
--   three_public  — each 三公 item: 预算 “三公”经费预算表 against 决算 公开07表 决算数, with the
--                   预算数 the 决算 report itself prints beside it.
-- A report is paired with the other kind of report of the same entity, year and scope (a
-- 单位预算 with the 单位决算, a 部门预算 with the 部门决算); a figure printed in one only has
-- NULL on the other side.
with reports as (
    {{ panel_reports() }}
),

budget_figures as (
    select report_id, 'functional' as comparison, functional_code as code, code_level, item_name, total as amount
    from {{ ref('fct_budget_expenditure_by_function') }}
    union all
    select report_id, 'economic', economic_code, code_level, item_name, amount
    from {{ ref('fct_budget_basic_by_economic') }}
    where economic_code is not null
    union all
    select report_id, 'three_public', item_code, null, item_label, amount
    from {{ ref('fct_budget_three_public_costs') }}
    where
        item_code in (
            select items.item_code from {{ ref('three_public_items') }} as items
            where items.item_code = 'total' or items.parent_item_code in ('total', 'vehicle_total')
        )
),

final_figures as (
    select
        report_id,
        'functional' as comparison,
        functional_code as code,
        code_level,
        item_name,
        total as amount,
        null::decimal(18, 6) as budget_in_final
    from {{ ref('fct_general_budget_expenditure') }}
    union all
    select report_id, 'economic', economic_code, code_level, any_value(item_name), sum(amount), null
    from {{ ref('fct_basic_expenditure_by_economic') }}
    where economic_code is not null
    group by report_id, economic_code, code_level
    union all
    select report_id, 'three_public', item_code, null, any_value(item_name), sum(actual_amount), sum(budget_amount)
    from {{ ref('fct_three_public_costs') }}
    group by report_id, item_code
),

{% for kind in ['budget', 'final'] %}
    {{ kind }} as (
        select reports.entity_key, reports.entity_name, reports.fiscal_year, reports.report_scope, figures.*
        from {{ kind }}_figures as figures
        join reports using (report_id)
        where reports.report_kind = '{{ kind }}'
    ),
{% endfor %}

both_kinds as (
    -- entities and years with both a budget and a final report
    select entity_key, fiscal_year, report_scope from budget
    intersect
    select entity_key, fiscal_year, report_scope from final
),

paired as (
    select
        coalesce(budget.entity_key, final.entity_key) as entity_key,
        coalesce(final.entity_name, budget.entity_name) as entity_name,
        coalesce(budget.fiscal_year, final.fiscal_year) as fiscal_year,
        coalesce(budget.report_scope, final.report_scope) as report_scope,
        coalesce(budget.comparison, final.comparison) as comparison,
        coalesce(budget.code, final.code) as code,
        coalesce(budget.code_level, final.code_level) as code_level,
        coalesce(final.item_name, budget.item_name) as item_name,
        budget.report_id as budget_report_id,
        final.report_id as final_report_id,
        budget.amount as budget_amount,
        final.amount as final_amount,
        final.budget_in_final
    from budget
    full outer join final
        on budget.entity_key = final.entity_key
            and budget.fiscal_year = final.fiscal_year
            and budget.report_scope is not distinct from final.report_scope
            and budget.comparison = final.comparison
            and budget.code is not distinct from final.code
)

select
    paired.entity_key,
    paired.entity_name,
    paired.fiscal_year,
    paired.report_scope,
    paired.comparison,
    {{ chinese_label('budget_comparison', 'paired.comparison') }} as comparison_label,
    case when paired.comparison = 'functional' then paired.code end as functional_code,
    case when paired.comparison = 'economic' then paired.code end as economic_code,
    case when paired.comparison = 'three_public' then paired.code end as item_code,
    paired.code_level,
    paired.item_name,
    paired.budget_report_id,
    paired.final_report_id,
    paired.budget_amount,
    paired.final_amount,
    paired.final_amount - paired.budget_amount as difference,
    case when paired.budget_amount <> 0 then round(paired.final_amount / paired.budget_amount, 4)::decimal(12, 4) end
        as execution_rate,
    paired.budget_in_final as final_report_budget_amount,
    abs(paired.budget_in_final - paired.budget_amount) <= 2 * {{ var('rounding_half_unit') }}
        as budget_figures_agree,
    case
        when paired.budget_amount is null then 'budget'
        when paired.final_amount is null then 'final'
    end as missing_side,
    {{ chinese_label('report_kind', "case when paired.budget_amount is null then 'budget' "
                                    ~ "when paired.final_amount is null then 'final' end") }} as missing_side_label
from paired
join both_kinds
    on both_kinds.entity_key = paired.entity_key and both_kinds.fiscal_year = paired.fiscal_year
        and both_kinds.report_scope is not distinct from paired.report_scope
