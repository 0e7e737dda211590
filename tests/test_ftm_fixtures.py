"""Small FtM files built with the followthemoney package itself (shared by the FtM tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from followthemoney import model


def entity(schema: str, entity_id: str, **props: Any) -> dict[str, Any]:
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for name, values in props.items():
        for value in values if isinstance(values, list) else [values]:
            proxy.add(name, value)
    data = proxy.to_dict()
    data["datasets"] = ["test_dataset"]
    return data


def small_file(tmp: Path) -> Path:
    rows = [
        entity("Company", "os-hik", name="HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.",
               alias=["Hikvision Digital"], country="cn"),
        entity("Company", "os-new", name="Acme Surveillance Widgets Ltd", country="gb"),
        entity("Company", "os-pishan", name="Pishan Haishi Electronic Technology Co., Ltd."),
        entity("Person", "os-p1", name="Hu Yangzhong"),
        entity("Ownership", "os-own1", owner="os-hik", asset="os-new", percentage="51",
               startDate="2020-03"),
        entity("Ownership", "os-own2", owner="os-hik", asset="os-pishan", percentage="100"),
        entity("Sanction", "os-s1", entity="os-new", authority="Bureau of Industry and Security",
               program="Entity List", listingDate="2023-03-30", reason="Xinjiang"),
        entity("Sanction", "os-s2", entity="os-new", authority="Some Ministry",
               program="Special Programme"),
    ]  # fmt: skip
    path = tmp / "small.ftm.json"
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
        fh.write("{bad json\n")  # line 9
        fh.write(json.dumps({"id": "x1", "schema": "Spaceship", "properties": {}}) + "\n")
        fh.write(json.dumps({"id": "x2", "schema": "Company", "properties": {"country": ["cn"]}}))
        fh.write("\n")
    return path
