"""The command line's conventions, applied to every command in one place:

- every option can come from `PASSBACK_<COMMAND>_<OPTION>`, named after the option as
  typed (`passback sync --json` reads `PASSBACK_SYNC_JSON`, `passback district show
  --json` reads `PASSBACK_DISTRICT_SHOW_JSON`); options that name their own variable
  (`PASSBACK_DATABASE_URL`) keep it;
- help shows what a value is (`DATE`, `N`, `TEXT`…) and nothing after a flag.

Set on the command tree the first time it runs (`PassbackGroup.main`), so `passback …`
and Typer's test runner behave the same.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperGroup, TyperOption

PREFIX = "PASSBACK"
_DATES = frozenset({"as_of", "since", "until", "day"})


def envvar_name(path: list[str], option: str) -> str:
    """`PASSBACK_<COMMAND>_<OPTION>` for an option (`--as-of`) of a command path."""
    words = [PREFIX, *path, option.lstrip("-")]
    return "_".join(w.upper().replace("-", "_") for w in words)


def _long_name(param: TyperOption) -> str | None:
    names = [o for o in param.opts if o.startswith("--")]
    return max(names, key=len) if names else None


def _value_label(param: TyperOption) -> str | None:
    """What help shows after an option: None for a flag."""
    if param.is_flag or param.count:
        return None
    if param.metavar is not None:
        return param.metavar
    desc = param.type_descriptor
    if desc.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    if desc.is_ranged or desc.annotation in (int, float):
        return "N"
    if desc.is_path:
        return "PATH"
    name = (param.name or "").lower()
    if name in _DATES or name.endswith("_date"):
        return "DATE"
    return "TEXT"


def _show_type(param: Any, label: str | None) -> None:
    def display(ctx: Any) -> str | None:
        return label

    # Typer's help asks each parameter for its type label (`<bool>`, `<str>`): ours instead
    param.display_type_rich = display


def _quiet_help_option(command: Any) -> None:
    made = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = made(ctx)
        if option is not None:
            _show_type(option, None)
        return option

    command.get_help_option = get_help_option


def apply(command: Any, path: list[str] | None = None) -> None:
    """Set the conventions on `command` and everything under it."""
    path = path or []
    for param in command.params:
        if isinstance(param, TyperOption):
            option = _long_name(param)
            if param.envvar is None and option is not None and option != "--help":
                param.envvar = envvar_name(path, option)
            _show_type(param, _value_label(param))
        elif isinstance(param, TyperArgument):
            if param.metavar is None:
                param.metavar = (param.name or "value").upper()
            _show_type(param, None)  # its name says it
    _quiet_help_option(command)
    for name, sub in (getattr(command, "commands", None) or {}).items():
        apply(sub, [*path, name])


class PassbackGroup(TyperGroup):
    """The root `passback` group: applies the conventions before its first run."""

    _applied = False

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if not self._applied:
            apply(self)
            self._applied = True
        return super().main(*args, **kwargs)
