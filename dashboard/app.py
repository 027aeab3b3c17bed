"""Khareeta's dashboard: `streamlit run dashboard/app.py` in the project's folder (or `make run`);
`.streamlit/config.toml` there turns on the static serving the map needs.

The entry script only sets the page up and picks the page (`views/`); each
page is a few widgets over `dashboard.state` (cached store and gazetteer)
and pure functions over records (`dashboard.payload`, `evidence`, `palette`;
the folium map in `dashboard.layers`).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# `streamlit run dashboard/app.py` puts dashboard/ first on the path; the modules are `dashboard.*`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import signin  # noqa: E402

VIEWS = HERE / "views"  # not pages/: that name would make Streamlit run a page without this script

st.set_page_config(
    page_title="Khareeta · خريطة",
    page_icon=str(HERE / "static" / "icon.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)

page = st.navigation(
    [
        st.Page(VIEWS / "map.py", title="Map", icon=":material/map:", default=True),
        st.Page(VIEWS / "add_articles.py", title="Add articles", icon=":material/post_add:", url_path="add"),
        st.Page(VIEWS / "gazetteer.py", title="Gazetteer", icon=":material/travel_explore:", url_path="gazetteer"),
        st.Page(VIEWS / "documents.py", title="Documents", icon=":material/article:", url_path="documents"),
    ]
)
signin.sidebar()  # once per run, on every page: the cookie component is drawn once
page.run()
