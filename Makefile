# The two commands of the README:
#   make run    set up everything, start Neo4j, load the bundled data (curated facts and the
#               snapshot of real list entries in data/snapshots/; offline-safe), serve the API
#   make test   set up everything, start Neo4j, run lint, types and the whole test suite
# Everything else here is what those two need. Python comes from python3 (>= 3.11);
# Neo4j is assembled from Maven Central by db/pom.xml (no Docker).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup db-start db-stop lint bench clean

run: setup db-start
	$(BIN)/survgraph load curated
	$(BIN)/survgraph load snapshot
	$(BIN)/survgraph serve

test: setup db-start lint
	$(BIN)/python -m pytest

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

db-start: setup
	$(BIN)/survgraph db start

db-stop:
	$(BIN)/survgraph db stop

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) db/lib db/target out
