"""Signing in to review, in the sidebar of every page (`app.py` calls `sidebar` once per run, as
streamlit-authenticator asks: its cookie component may be drawn once). `user()` is who is signed in
(None for a viewer, who may filter, read and export but not edit). See `dashboard.users` for the accounts.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.users import read_config, users_path
from geodata.errors import InputError

STATUS, USERNAME, NAME = "authentication_status", "username", "name"


def user() -> str | None:
    """The signed-in analyst's user name; None for a viewer."""
    if st.session_state.get(STATUS) is True and st.session_state.get(USERNAME):
        return str(st.session_state[USERNAME])
    return None


def shown_name() -> str:
    return str(st.session_state.get(NAME) or user() or "")


def _authenticator(config: dict[str, Any]) -> Any:
    import streamlit_authenticator as stauth

    cookie = config["cookie"]
    return stauth.Authenticate(
        config["credentials"],
        cookie["name"],
        cookie["key"],
        float(cookie.get("expiry_days", 7)),
        auto_hash=False,  # the file holds hashes only (`dashboard.users`)
        login_sleep_time=0,  # bcrypt's cost already slows guessing; viewers' pages are not held up
    )


def sidebar() -> None:
    """'Signed in as ... · Sign out', or the sign-in form in a closed expander; a line when no account exists."""
    try:
        config = read_config()
    except InputError as exc:
        st.sidebar.caption(f"Reviewing is off: {exc}")
        return
    if not config["credentials"]["usernames"] or not config["cookie"].get("key"):
        st.sidebar.caption(
            f"Reviewing needs an analyst account: `python -m dashboard.users add NAME` (saved in {users_path()})."
        )
        return
    auth = _authenticator(config)
    if user() is None:
        with st.sidebar.expander("Sign in to review", expanded=st.session_state.get(STATUS) is False):
            auth.login(location="main", key="khareeta_login", fields={"Form name": "Sign in", "Login": "Sign in"})
            if st.session_state.get(STATUS) is False:
                st.error("The user name or the password is wrong.")
        if user() is None:
            return
    st.sidebar.caption(f"Signed in as **{shown_name()}** ({user()}): you can review the features.")
    auth.logout("Sign out", location="sidebar", key="khareeta_logout")
    if user() is None:
        st.rerun()
