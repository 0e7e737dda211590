"""Every answer model carries an OpenAPI example, and each example is a valid answer: a reader
of /docs sees a shape the API can really return (no database needed)."""

from __future__ import annotations

import pytest

from api import models as m
from api.app import create_app
from graph.settings import get_settings


@pytest.mark.parametrize("model", m.ANSWERS, ids=lambda x: x.__name__)
def test_each_answer_has_a_valid_example(model: type[m.Model]) -> None:
    examples = model.model_json_schema(by_alias=True).get("examples")
    assert examples, f"{model.__name__} has no OpenAPI example"
    for example in examples:
        model.model_validate(example)


def test_every_route_answers_with_a_listed_model() -> None:
    """ANSWERS is the set the example test walks: it must name every route's answer."""
    document = create_app(get_settings()).openapi()
    named = {
        answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        for operations in document["paths"].values()
        for operation in operations.values()
        for status, answer in operation["responses"].items()
        # a screening job's results are streamed as JSON lines or CSV (no JSON answer)
        if status in ("200", "202") and "application/json" in answer.get("content", {})
    }
    assert named == {model.__name__ for model in m.ANSWERS}
