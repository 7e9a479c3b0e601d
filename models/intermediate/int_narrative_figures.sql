-- Each figure the narrative states, with what the checks need of its report: the kind (a 预算
-- states budgets as its own figures), the entity and the year (to find last year's report).
select figures.*, reports.report_kind, reports.entity_key, reports.fiscal_year
from {{ ref('fct_narrative_figures') }} as figures
join {{ ref('dim_report') }} as reports using (report_id)
