-- The page each table (and each kind of evaluation form) of a report starts on, so that a
-- failing check can send the reader to the page (NULL for a text dump, which has none).
{%- set tables = {
    '01': 'stg_income_expenditure_summary', '02': 'stg_income_by_function',
    '03': 'stg_expenditure_by_function', '04': 'stg_fiscal_appropriation_summary',
    '05': 'stg_general_budget_expenditure', '06': 'stg_basic_expenditure_by_economic',
    '07': 'stg_three_public_costs', '08': 'stg_government_fund', '09': 'stg_state_capital_expenditure',
    'project_evaluation': 'stg_project_evaluations', 'unit_evaluation': 'stg_unit_evaluations',
    'B01': 'stg_budget_summary', 'B05': 'stg_budget_general_expenditure', 'B06': 'stg_budget_basic_by_economic',
} %}
{% for table_number, model in tables.items() %}
    select
        report_id,
        '{{ table_number }}' as table_number,
        min(page) as first_page
    from {{ ref(model) }}
    group by report_id
    {% if not loop.last %}union all{% endif %}
{% endfor %}
