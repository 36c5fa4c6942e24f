import os

# No test may reach a model hub: the packaged model is local, everything else is a fake.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
