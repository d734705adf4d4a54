"""Calendars' rules for a person's data (collected by mentora.accounts.gdpr; docs/gdpr.md).

A connection is the person's own (the address is in their export; the password never is, it
is one of the redacted fields); erasing a person deletes their connections with the busy
times read from them, and their meeting room address.
"""

from __future__ import annotations

from mentora.lib.data_rules import DataRules, data_rules_register

RULES = data_rules_register(
    DataRules(
        app="calendars",
        erase_delete=["calendars.CalendarConnection.user", "calendars.MeetingRoom.user"],
    )
)
