"""Signed, expiring one-click links (django.core.signing) for actions taken from an email."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

SALT = "mentora.one-click"
MAX_AGE_SECONDS = 7 * 24 * 3600


class BadLink(Exception):
    """The link was altered, is for something else, or has expired; `reason` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LinkClaim:
    """What a one-click link allows: one action on one object, for one person."""

    action: str
    object_id: int
    user_id: int


def link_token(*, action: str, object_id: int, user_id: int) -> str:
    """A URL-safe token that lets `user_id` do `action` on `object_id` until it expires."""
    return signing.dumps({"a": action, "o": object_id, "u": user_id}, salt=SALT, compress=True)


def read_link_token(token: str, *, max_age: int = MAX_AGE_SECONDS) -> LinkClaim:
    """The claim in a token, or BadLink with a reason a person can understand."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise BadLink("This link has expired.") from exc
    except signing.BadSignature as exc:
        raise BadLink("This link is not valid; it may have been cut short or changed.") from exc
    try:
        return LinkClaim(action=str(data["a"]), object_id=int(data["o"]), user_id=int(data["u"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise BadLink("This link is not valid.") from exc
