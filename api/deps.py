"""What routes receive: the app's one `Service` (its Graph and settings), via Annotated Depends."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.service import Service
from graph.settings import Settings


def get_service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


ServiceDep = Annotated[Service, Depends(get_service)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
