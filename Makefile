# Developer and CI entry points. tools/dev.py (the bootstrap, standard library
# only, run with the machine's python3) prepares .venv and runs the tooling's
# package tools/cgdev with the venv's Python.
#   make run    set up everything, create/upgrade database `community`, serve :8069
#   make test   each test once on a throwaway database: Odoo's runner runs the
#               addon's tests, then pytest the system tests in tests/
# See README.md ("Development") for the variables and the faster variants.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
DEV := $(PYTHON) tools/dev.py
DB ?= community
# DEMO=0: a database created without demo data (make run DEMO=0 DB=prod)
# WORKERS=N: serve with N prefork HTTP workers and the gevent worker
# (/websocket on CG_GEVENT_PORT, default 8072), as production does
WORKERS ?=
DEMO ?= 1
TAGS ?=
ARGS ?=
VENV_BIN := .venv/bin
WITHOUT_DEMO := $(if $(filter 0 no false False,$(DEMO)),--without-demo)

ifeq ($(strip $(PYTHON)),)
$(error python3 was not found; install Python 3.11 (apt-get install python3.11 python3.11-venv))
endif

.PHONY: help run createdb test test-quick test-update pytest lint format setup venv \
	i18n shell populate bench stop status distclean

help:
	@echo "make run          set up and serve Odoo with database '$(DB)' on http://localhost:8069 [DEMO=0] [WORKERS=N]"
	@echo "make createdb     create database DB with the addon, demo data unless DEMO=0 (no serving)"
	@echo "make test         each test once on a throwaway database: Odoo runner (addon tests), pytest (tests/)"
	@echo "make test-quick   Odoo runner only on a throwaway database  [TAGS=/community_governance:TestX]"
	@echo "make test-update  Odoo runner with -u on an existing database [DB=community] [TAGS=...]"
	@echo "make pytest       pytest: system tests, or ARGS='paths -k expr' (addon files: pytest-odoo on DB) [UPDATE=1]"
	@echo "make lint         pre-commit run --all-files (ruff, ruff-format, pylint-odoo, OCA checks, ...)"
	@echo "make format       ruff --fix + ruff format"
	@echo "make setup        only prepare .venv, Odoo, PostgreSQL, wkhtmltopdf and .local/odoo.conf"
	@echo "make i18n         export i18n/community_governance.pot and zh_CN.po from database cg_i18n"
	@echo "make shell        odoo shell on database '$(DB)'"
	@echo "make populate     benchmark database without demo  [DB=cg_bench SIZE=small|medium|large MODELS=...]"
	@echo "make bench        the benchmark table on a copy of a populated database  [DB=cg_bench ONLY=reports,coverage,portal,creates,overdue]"
	@echo "make stop         stop the embedded PostgreSQL"
	@echo "make distclean    stop PostgreSQL and delete .venv and .local (all local databases!)"

run:
	@$(DEV) run --db '$(DB)' $(WITHOUT_DEMO) $(if $(WORKERS),--workers '$(WORKERS)')

createdb:
	@$(DEV) createdb --db '$(DB)' --if-missing $(WITHOUT_DEMO)

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

venv:
	@$(DEV) venv

# the venv's tools, (re)installed when requirements-dev.txt changes
$(VENV_BIN)/pre-commit: requirements-dev.txt
	@$(DEV) venv
	@touch $@

lint: $(VENV_BIN)/pre-commit
	@$(VENV_BIN)/pre-commit run --all-files --show-diff-on-failure --color=never
	@echo "lint: all checks passed"

format: $(VENV_BIN)/pre-commit
	@$(VENV_BIN)/ruff check --fix .
	@$(VENV_BIN)/ruff format .

i18n:
	@$(DEV) i18n

shell:
	@$(DEV) shell --db '$(DB)'

populate:
	@$(DEV) populate --db '$(if $(filter command line,$(origin DB)),$(DB),cg_bench)' --size '$(or $(SIZE),small)' $(if $(MODELS),--models '$(MODELS)')

# not part of `make test`: minutes on a large database (README, "Benchmark")
bench:
	@$(DEV) bench --db '$(if $(filter command line,$(origin DB)),$(DB),cg_bench)' $(if $(ONLY),--only '$(ONLY)')

stop:
	@$(DEV) stop

status:
	@$(DEV) status

distclean:
	-@$(DEV) stop
	rm -rf .venv .local .pytest_cache .ruff_cache
