# govreports: the targets people look for. Everything runs in .venv (created on demand).
# The interpreter .venv is made from: Debian's python3.11 where the machine has it, else python3.
# Debian builds it with profile-guided optimisation and link-time optimisation, libpython
# linked into the binary; pyenv's default build (python3 here) has neither and calls
# libpython through a shared library. Alternated processes at 100,000 articles spent
# about 12% less time outside SQL on Debian's (the pages' mean ratio on each database;
# 0.62-1.13 page by page, three pairs; issue 9). PYTHON=... overrides.
DEBIAN_PY := /usr/bin/python3.11
PYTHON ?= $(shell $(DEBIAN_PY) -c 'import ensurepip, venv' >/dev/null 2>&1 && echo $(DEBIAN_PY) || echo python3)
VENV   := .venv
PY     := $(VENV)/bin/python
SEED   := fixtures/pages/000_ddfab8472888ccbf.txt
PORT   ?= 8000
export DJANGO_DEBUG ?= 1

.PHONY: install install-dev run test lint bench messages clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## run: install, migrate (loads regions, topics, indicators), ingest the seed page, serve
## http://127.0.0.1:$(PORT) (8000 unless `make run PORT=8765`)
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py ingest $(SEED) --publication "样例报" --page "示例版" --date 2024-01-16
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## test: the whole suite (SQLite unless DATABASE_URL is set), browser tests included
test: install-dev
	DJANGO_DEBUG=0 $(PY) -m pytest -q

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: install
	$(PY) benchmarks/bench_ingest.py
	$(PY) manage.py bench

## messages: refresh locale/en from the code and compile it (needs GNU gettext)
messages: install
	$(PY) manage.py makemessages -l en --no-obsolete -i "tests/*" -i "benchmarks/*" -i "staticfiles/*" -i ".venv/*"
	$(PY) manage.py compilemessages -l en -l zh_Hans -i .venv  # zh_Hans: kept by hand, gaps in Django's admin catalogue

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
