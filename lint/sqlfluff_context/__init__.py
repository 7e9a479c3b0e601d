"""Context for sqlfluff's jinja templater: dbt's var() answered from dbt_project.yml, so the
models are linted with the values dbt renders them with."""

from pathlib import Path

import yaml

_PROJECT = Path(__file__).resolve().parents[2] / "dbt_project.yml"
_VARS = yaml.safe_load(_PROJECT.read_text(encoding="utf-8"))["vars"]


def var(name: str, default=None):
    return _VARS.get(name, default)


class _Adapter:
    """dbt's adapter, as far as the models use it: no relation exists yet."""

    @staticmethod
    def get_relation(*_args, **_kwargs):
        return None


adapter = _Adapter()
