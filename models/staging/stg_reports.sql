select
    report_id,
    source_file,
    sha256,
    nullif(trim(entity_name), '') as entity_name,
    try_cast(fiscal_year as integer) as fiscal_year,
    report_kind,
    try_cast(page_count as integer) as page_count,
    tables_found,
    try_cast(evaluations_found as integer) as evaluations_found,
    nullif(warnings, '') as extraction_warnings,
    try_cast(source_modified as timestamptz) as source_modified,
    extractor_version
from {{ source('raw', 'reports') }}
