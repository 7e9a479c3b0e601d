select
    report_id,
    source_file,
    sha256,
    nullif(trim(entity_name), '') as entity_name,
    try_cast(fiscal_year as integer) as fiscal_year,
    report_kind,
    try_cast(page_count as integer) as page_count,
    tables_found,
    nullif(tables_listed, '') as tables_listed,
    tables_titled,
    try_cast(evaluations_found as integer) as evaluations_found,
    try_cast(rows_extracted as integer) as rows_extracted,
    length(tables_found) - length(replace(tables_found, ' ', '')) + (tables_found <> '')::integer as table_count,
    nullif(warnings, '') as extraction_warnings,
    try_cast(source_modified as timestamptz) as source_modified,
    try_cast(source_modified_ns as hugeint) as source_modified_ns,
    extractor_version
from {{ raw_family('reports') }}
