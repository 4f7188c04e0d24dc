"""An invoice's life as a pure state machine, driven by the user and the SdI's notifications.

draft → issued → sent → delivered (RC) or not delivered (MC) → accepted (NE EC01), refused
(NE EC02) or deadline passed (DT, 15 days without an outcome). A file the SdI discards (NS) is
not issued for tax purposes: the invoice is *rejected* and is sent again, fixed, within 5 days
with the same number and date (AdE circ. 13/E/2018). An AT (attestation after MC to a public
body) changes nothing but is kept.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

RESEND_DAYS = 5  # AdE circ. 13/E/2018: resend a discarded invoice within 5 days
OUTCOME_DAYS = 15  # DT: a public body has 15 days from delivery to accept or refuse


class State(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    SENT = "sent"
    REJECTED = "rejected"  # NS
    DELIVERED = "delivered"  # RC
    NOT_DELIVERED = "not_delivered"  # MC
    ACCEPTED = "accepted"  # NE EC01
    REFUSED = "refused"  # NE EC02
    DEADLINE_PASSED = "deadline_passed"  # DT


class Event(StrEnum):
    ISSUE = "issue"
    SEND = "send"  # also a resend after NS
    NS = "NS"
    RC = "RC"
    MC = "MC"
    AT = "AT"
    EC01 = "EC01"
    EC02 = "EC02"
    DT = "DT"


TRANSITIONS: dict[tuple[State, Event], State] = {
    (State.DRAFT, Event.ISSUE): State.ISSUED,
    (State.ISSUED, Event.SEND): State.SENT,
    (State.SENT, Event.NS): State.REJECTED,
    (State.REJECTED, Event.SEND): State.SENT,
    (State.SENT, Event.RC): State.DELIVERED,
    (State.SENT, Event.MC): State.NOT_DELIVERED,
    (State.NOT_DELIVERED, Event.AT): State.NOT_DELIVERED,
    (State.NOT_DELIVERED, Event.RC): State.DELIVERED,
    (State.DELIVERED, Event.EC01): State.ACCEPTED,
    (State.DELIVERED, Event.EC02): State.REFUSED,
    (State.DELIVERED, Event.DT): State.DEADLINE_PASSED,
    (State.NOT_DELIVERED, Event.EC01): State.ACCEPTED,
    (State.NOT_DELIVERED, Event.EC02): State.REFUSED,
    (State.NOT_DELIVERED, Event.DT): State.DEADLINE_PASSED,
}

ERR_TRANSITION = "An invoice that is {state} cannot take {event}."


class InvalidTransition(ValueError):
    def __init__(self, state: State, event: Event) -> None:
        super().__init__(ERR_TRANSITION.format(state=state.value, event=event.value))
        self.state = state
        self.event = event


def next_state(state: State, event: Event) -> State:
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise InvalidTransition(state, event) from None


def allowed_events(state: State) -> frozenset[Event]:
    return frozenset(event for (origin, event) in TRANSITIONS if origin is state)


def resend_deadline(rejected_on: date) -> date:
    """The last day to resend a discarded invoice with its number and date."""
    return rejected_on + timedelta(days=RESEND_DAYS)


def can_resend(rejected_on: date, day: date) -> bool:
    return day <= resend_deadline(rejected_on)


def counts_for_tax(state: State) -> bool:
    """Whether the SdI has issued the invoice for tax purposes (RC or MC received)."""
    return state not in {State.DRAFT, State.ISSUED, State.SENT, State.REJECTED}
