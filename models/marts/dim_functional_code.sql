-- 支出功能分类: the official list plus every code printed in 02, 03, 05, 08, 09 or a 预算 B05.
{% set printed = [] %}
{% for source_model in ['fct_income_by_function', 'fct_expenditure_by_function', 'fct_general_budget_expenditure',
                        'fct_government_fund', 'fct_state_capital_expenditure', 'fct_budget_expenditure_by_function'] %}
    {% do printed.append('select functional_code, item_name from ' ~ ref(source_model)) %}
{% endfor %}
{{ code_dimension('functional_code', 'functional_codes', printed | join('\nunion all\n')) }}
