"""Log settings (BAML_LOG). tsbaml's engine reads BAML_LOG from the environment of each call."""

from __future__ import annotations

import os


def get_log_level() -> str:
    return os.environ.get("BAML_LOG", "INFO").upper()


def set_log_level(level: str) -> None:
    os.environ["BAML_LOG"] = level


def set_log_json_mode(use_json: bool) -> None:
    os.environ["BAML_LOG_JSON"] = "true" if use_json else "false"


def set_log_max_chunk_length(length: int) -> None:
    os.environ["BAML_LOG_MAX_CHUNK_LENGTH"] = str(length)
