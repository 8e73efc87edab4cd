"""The web console and the HTTP API (`passback serve`): one FastAPI app, server-rendered
pages with no front-end build step, thin routes over the service layer in `services`."""

from passback.web.app import create_app
from passback.web.config import WebSettings

__all__ = ["WebSettings", "create_app"]
