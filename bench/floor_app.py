"""The floor of the phone benchmark: a bare Streamlit app with one plotly chart (bench/bench_phone.py)."""

import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=["Ingresos", "Egresos"], y=[7_868_489.38, 7_868_489.37])))
