# Two commands take a fresh clone to green: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean

install: $(STAMP)

# Reinstall when the dependencies change; torch is installed first, pinned, so nothing resolves a CUDA build.
$(STAMP): setup.cfg pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt torch==2.13.0
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/claimdiff compare examples/wire.txt examples/regional.md examples/local.html

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/eval_realnews.py --slots
	$(BIN)/python benchmarks/eval_attribution.py
	$(BIN)/python benchmarks/eval_alignment.py
	$(BIN)/python benchmarks/eval_verdicts.py
	$(BIN)/python benchmarks/eval_stories.py
	$(BIN)/python benchmarks/bench_speed.py
	$(BIN)/python benchmarks/bench_search.py
	$(BIN)/python benchmarks/bench_scale.py

clean:
	rm -rf $(VENV) build *.egg-info
