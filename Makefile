# Developer and CI entry points; the work is done by tools/dev.py (stdlib only).
#   make run    set up everything, create/upgrade database `community`, serve :8069
#   make test   full suite on a throwaway database (Odoo runner + pytest)
# See README.md ("Development") for the variables and the faster variants.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
DEV := $(PYTHON) tools/dev.py
DB ?= community
TAGS ?=
ARGS ?=
LINT_PATHS := community_governance tools tests
VENV_BIN := .venv/bin

ifeq ($(strip $(PYTHON)),)
$(error python3 was not found; install Python 3.11 (apt-get install python3.11 python3.11-venv))
endif

.PHONY: help run test test-quick test-update pytest lint format setup shell populate stop status distclean

help:
	@echo "make run          set up and serve Odoo with database '$(DB)' on http://localhost:8069"
	@echo "make test         full test suite (Odoo runner + pytest) on a throwaway database"
	@echo "make test-quick   Odoo runner only on a throwaway database  [TAGS=/community_governance:TestX]"
	@echo "make test-update  Odoo runner with -u on an existing database [DB=community] [TAGS=...]"
	@echo "make pytest       pytest-odoo on an existing database [DB=community] [ARGS='path -k expr'] [UPDATE=1]"
	@echo "make lint         ruff check + ruff format --check + pylint-odoo"
	@echo "make format       ruff --fix + ruff format"
	@echo "make setup        only prepare .venv, Odoo, PostgreSQL and .local/odoo.conf"
	@echo "make shell        odoo shell on database '$(DB)'"
	@echo "make populate     benchmark database without demo  [DB=cg_bench SIZE=small|medium|large MODELS=...]"
	@echo "make stop         stop the embedded PostgreSQL"
	@echo "make distclean    stop PostgreSQL and delete .venv and .local (all local databases!)"

run:
	@$(DEV) run

test:
	@$(DEV) test

test-quick:
	@$(DEV) test --only-odoo $(if $(TAGS),--tags '$(TAGS)')

test-update:
	@$(DEV) test-update --db '$(DB)' $(if $(TAGS),--tags '$(TAGS)')

pytest:
	@$(DEV) pytest --db '$(DB)' $(if $(UPDATE),-u) -- $(ARGS)

setup:
	@$(DEV) setup

$(VENV_BIN)/ruff $(VENV_BIN)/pylint:
	@$(DEV) venv

lint: $(VENV_BIN)/ruff $(VENV_BIN)/pylint
	@echo "[lint 1/3] ruff check"
	@$(VENV_BIN)/ruff check $(LINT_PATHS)
	@echo "[lint 2/3] ruff format --check"
	@$(VENV_BIN)/ruff format --check $(LINT_PATHS)
	@echo "[lint 3/3] pylint-odoo (OCA mandatory checks)"
	@$(VENV_BIN)/pylint --rcfile=.pylintrc community_governance
	@echo "lint: all checks passed"

format: $(VENV_BIN)/ruff
	@$(VENV_BIN)/ruff check --fix $(LINT_PATHS)
	@$(VENV_BIN)/ruff format $(LINT_PATHS)

shell:
	@$(DEV) shell --db '$(DB)'

populate:
	@$(DEV) populate --db '$(if $(filter command line,$(origin DB)),$(DB),cg_bench)' --size '$(or $(SIZE),small)' $(if $(MODELS),--models '$(MODELS)')

stop:
	@$(DEV) stop

status:
	@$(DEV) status

distclean:
	-@$(DEV) stop
	rm -rf .venv .local .pytest_cache .ruff_cache
