-- depends_on: {{ ref("int_changed_reports") }}
select
    reports.report_id,
    reports.fiscal_year,
    reports.entity_name,
    entities.entity_key,
    coalesce(names.unit_key, md5('name:' || reports.report_id)) as unit_key,
    {{ report_kind('reports.report_kind') }} as report_kind,
    {{ chinese_label('report_kind', report_kind('reports.report_kind')) }} as report_kind_label,
    case when starts_with(reports.report_kind, '单位') then 'unit' else 'department' end as report_scope,
    reports.report_kind as report_kind_printed,
    versions.is_current,
    versions.superseded_by,
    versions.is_quarantined,
    reports.source_file,
    reports.sha256,
    reports.source_modified,
    reports.page_count,
    reports.tables_found,
    reports.tables_listed,
    reports.extraction_warnings,
    reports.extractor_version
from {{ ref('stg_reports') }} as reports
join {{ ref('int_report_versions') }} as versions using (report_id)
left join {{ ref('int_entity_names') }} as entities using (entity_name)
left join {{ ref('int_unit_names') }} as names
    on names.name = reports.entity_name and names.name_source = 'report'
where reports.entity_name is not null and reports.fiscal_year is not null  -- else audit_quarantined_reports
