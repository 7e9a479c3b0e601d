{{ config(materialized='ephemeral') }}

-- Every accounting identity of every report's tables as one row (macros/identities.sql for
-- the columns and the tolerance), one model per family: within a table, 01 and 04's lines,
-- across tables, and a 预算's tables.
select * from {{ ref('audit_identities_within_tables') }}
union all
select * from {{ ref('audit_identities_summary') }}
union all
select * from {{ ref('audit_identities_across_tables') }}
union all
select * from {{ ref('audit_identities_budget') }}
