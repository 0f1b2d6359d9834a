"""JSON schemas of the law model, as emitted by `p4p-rules show --format json`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from p4p_rules.model.law import Law, LawInForce


def schema_for(which: str) -> dict[str, Any]:
    models: dict[str, type[BaseModel]] = {"law": Law, "in-force": LawInForce}
    schema = models[which].model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
