select
    md5(coalesce(entity_name, report_id)) as unit_key,
    coalesce(entity_name, '(unnamed report ' || report_id || ')') as unit_name,
    min(fiscal_year) as first_fiscal_year,
    max(fiscal_year) as last_fiscal_year,
    count(*) as report_count
from {{ ref('stg_reports') }}
where {{ is_current_report() }}
group by all
