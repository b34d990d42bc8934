"""The domain's errors: refusals a user can understand, raised by the pure core."""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """Base of every error the domain raises."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a case: which field, and why, in plain words."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class ValidationError(DomainError):
    """A case, a field or a value that breaks the catalogue's rules."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class TransitionError(DomainError):
    """The state machine refuses an action."""

    def __init__(self, message: str, *, action: str, state: str | None, role: str) -> None:
        super().__init__(message)
        self.action = action
        self.state = state
        self.role = role


class RoleRefusedError(TransitionError):
    """The role may never take this action (HTTP 403)."""


class StateRefusedError(TransitionError):
    """The role may take this action, but not from the case's present state (HTTP 409)."""
