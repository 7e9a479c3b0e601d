select
    report_id,
    fiscal_year,
    entity_name,
    md5(coalesce(entity_name, report_id)) as unit_key,
    report_kind,
    source_file,
    sha256,
    page_count,
    tables_found,
    extraction_warnings
from {{ ref('stg_reports') }}
