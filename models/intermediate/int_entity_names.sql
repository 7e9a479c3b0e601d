-- Every entity name a report prints, with the key that matches it across reports and years:
-- the name's own key (macro entity_key), or, where a person has reviewed that two names are
-- one entity (seed entity_aliases: 省委办公厅 is 中共江苏省委办公厅), the key of the name it
-- is the same as.
with names as (
    select distinct entity_name
    from {{ ref('stg_reports') }}
    where entity_name is not null
)

select
    names.entity_name,
    {{ entity_key('coalesce(aliases.same_as, names.entity_name)') }} as entity_key,
    aliases.same_as is not null as matched_by_alias
from names
left join {{ ref('entity_aliases') }} as aliases
    on {{ entity_key('aliases.printed_name') }} = {{ entity_key('names.entity_name') }}
