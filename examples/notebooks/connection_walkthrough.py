# %% [markdown]
# # Connection walkthrough

# %%
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True)

# %% tags=["raises-exception"]
with engine.connect() as conn:
    conn.fetchall()
