"""What `streamlit run` starts: the dashboard (dashboard.py) and, beside it on the same server, the calendar feed
(ui/feed.py). Streamlit finds `app` and serves it with its own server, settings and websocket as before."""

import streamlit as st

from ui import feed

app = st.App("dashboard.py", routes=feed.routes())
