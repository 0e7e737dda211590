"""What routes receive: the app's `AsyncAnswers` (its graphs, settings and search index).

The dependencies are `async def` on purpose: FastAPI runs a plain `def` dependency in the
thread pool, which would put back the per-request thread handoff the async reads remove.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.answers import AsyncAnswers
from graph.settings import Settings


async def get_answers(request: Request) -> AsyncAnswers:
    answers: AsyncAnswers = request.app.state.service
    return answers


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


AnswersDep = Annotated[AsyncAnswers, Depends(get_answers)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
