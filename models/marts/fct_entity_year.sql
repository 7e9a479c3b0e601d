-- The panel: one row per entity (dim_entity) × year × report kind × scope (a 部门 report,
-- or the 单位 report of its own office), with the headline figures of the current report
-- and each one's change on the same entity's report of the same kind and scope a year
-- before. The figures are the printed ones (万元), taken from the marts they are typed in:
-- 收支总表 (fct_summary_lines 公开01表 / fct_budget_summary_lines), 一般公共预算支出 合计
-- (fct_general_budget_expenditure / fct_budget_expenditure_by_function), 基本支出 by
-- economic class (人员经费 and 公用经费 groups of the 类 lines) and 三公 合计.
{%- set figures = ['grand_total', 'income_total', 'expenditure_total', 'general_budget_appropriation',
                   'general_budget_expenditure', 'basic_expenditure', 'project_expenditure',
                   'personnel_expenditure', 'public_expenditure', 'three_public_total'] %}
with reports as (
    {{ panel_reports() }}
),

-- 收支总表: 公开01表 of a 决算, the 收支预算总表 of a 预算 (whose 收入总计 is keyed income_grand_total)
{%- set summaries = [
    ('fct_summary_lines', 'grand_total', "table_number = '01' and "),
    ('fct_budget_summary_lines', 'income_grand_total', ''),
] %}
summary as (
    {%- for model, grand_total, table_filter in summaries %}
        select
            report_id,
            case
                when side = 'income' and line_key = '{{ grand_total }}' then 'grand_total'
                when side = 'income' and line_key = 'year_total' then 'income_total'
                when side = 'expenditure' and line_key = 'year_total' then 'expenditure_total'
                when side = 'income' and line_key = 'general_budget_appropriation' then 'general_budget_appropriation'
            end as figure,
            amount
        from {{ ref(model) }}
        where {{ table_filter }}amount_column = 'total'
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

general_budget as (
    {%- for model in ['fct_general_budget_expenditure', 'fct_budget_expenditure_by_function'] %}
        select report_id, 'general_budget_expenditure' as figure, total as amount
        from {{ ref(model) }} where functional_code is null
        union all
        select report_id, 'basic_expenditure', basic from {{ ref(model) }} where functional_code is null
        union all
        select report_id, 'project_expenditure', project from {{ ref(model) }} where functional_code is null
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

basic_by_group as (
    {%- for model in ['fct_basic_expenditure_by_economic', 'fct_budget_basic_by_economic'] %}
        select report_id, expense_group || '_expenditure' as figure, amount
        from {{ ref(model) }}
        where code_level = 1 and expense_group in ('personnel', 'public')
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

three_public as (
    select report_id, 'three_public_total' as figure, actual_amount as amount
    from {{ ref('fct_three_public_costs') }}
    where item_code = 'total'
    union all
    select report_id, 'three_public_total', amount
    from {{ ref('fct_budget_three_public_costs') }}
    where item_code = 'total'
),

figures as (
    -- a figure printed twice in one report (a table read from two pages) counts once: the
    -- largest, as a 合计 is never below its parts
    select report_id, figure, max(amount) as amount
    from (
        select * from summary
        union all
        select * from general_budget
        union all
        select report_id, figure, sum(amount) from basic_by_group group by all
        union all
        select * from three_public
    ) as printed
    where figure is not null
    group by all
),

panel as (
    select
        reports.*,
        {%- for figure in figures %}
            max(figures.amount) filter (where figures.figure = '{{ figure }}') as {{ figure }}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from reports
    left join figures using (report_id)
    group by all
)

select
    panel.entity_key,
    panel.entity_name,
    panel.fiscal_year,
    panel.report_kind,
    panel.report_kind_label,
    panel.report_scope,
    {{ chinese_label('report_scope', 'panel.report_scope') }} as report_scope_label,
    panel.report_id,
    previous.report_id as previous_report_id,
    {%- for figure in figures %}
        panel.{{ figure }}::decimal(18, 6) as {{ figure }},
        (panel.{{ figure }} - previous.{{ figure }})::decimal(18, 6) as {{ figure }}_change,
        case
            when previous.{{ figure }} <> 0
                then round((panel.{{ figure }} - previous.{{ figure }}) / previous.{{ figure }}, 4)::decimal(12, 4)
        end as {{ figure }}_change_rate
        {%- if not loop.last %},{% endif %}
    {%- endfor %}
from panel
left join panel as previous
    on previous.entity_key = panel.entity_key
        and previous.report_kind = panel.report_kind
        and previous.report_scope is not distinct from panel.report_scope
        and previous.fiscal_year = panel.fiscal_year - 1
