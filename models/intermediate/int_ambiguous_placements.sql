-- Rows whose amounts a text dump left with several possible placements (see extract/placement.py).
{% set summary_item = "coalesce(income_item, '') || ' / ' || coalesce(expenditure_item, '')" %}
{% set staged = [
    ('stg_income_expenditure_summary', '01', summary_item),
    ('stg_income_by_function', '02', "coalesce(functional_code, item_name)"),
    ('stg_expenditure_by_function', '03', "coalesce(functional_code, item_name)"),
    ('stg_fiscal_appropriation_summary', '04', summary_item),
    ('stg_general_budget_expenditure', '05', "coalesce(functional_code, item_name)"),
    ('stg_basic_expenditure_by_economic', '06', "coalesce(economic_code, item_name)"),
    ('stg_three_public_costs', '07', "coalesce(item_code, item_name)"),
    ('stg_government_fund', '08', "coalesce(functional_code, item_name)"),
    ('stg_state_capital_expenditure', '09', "coalesce(functional_code, item_name)"),
] %}
{% for model, table_number, item in staged %}
    select
        report_id,
        '{{ table_number }}' as table_number,
        row_no,
        {{ item }} as item,
        placement_candidates
    from {{ ref(model) }}
    where placement = 'ambiguous' and {{ is_current_report() }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
