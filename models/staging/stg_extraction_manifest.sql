{{ config(materialized="table") }}
select
    source_path,
    nullif(sha256, '') as sha256,
    status,
    nullif(reason, '') as reason,
    nullif(report_id, '') as report_id,
    nullif(file_format, '') as file_format
from {{ source('raw', 'manifest') }}
