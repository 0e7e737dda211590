"""GET /contracts: government contracts by company, region (with sub-places) and status."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.csv import CSV_RESPONSES, respond
from api.deps import AnswersDep
from api.models import ContractsAnswer
from api.params import ContractStatus, Format, Limit, Offset
from api.queries.contracts import contracts as question

router = APIRouter(tags=["contracts"])


@router.get(
    "/contracts",
    response_model=ContractsAnswer,
    responses=CSV_RESPONSES,
    summary="Contracts, filtered",
)
async def contracts(
    request: Request,
    answers: AnswersDep,
    company: Annotated[str | None, Query(description="a party's entity id")] = None,
    subsidiaries: Annotated[
        bool, Query(description="also contracts of the company's subsidiaries and branches")
    ] = False,
    region: Annotated[
        str | None, Query(description="a Place id; its sub-places (PART_OF) are included")
    ] = None,
    status: Annotated[ContractStatus | None, Query(description="the contract's status")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
    fmt: Format = None,
) -> Any:
    ask = question(answers.settings, company, region, status, subsidiaries, limit, offset)
    return respond(request, await answers(ask))
