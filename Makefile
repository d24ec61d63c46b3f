# `make run` and `make test` set everything up on a fresh machine (a .venv beside this file).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-broadsheet
ARGS   ?=

.PHONY: run test lint format clean package install-desktop uninstall-desktop

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Broadsheet needs Python 3.11 or newer (set PYTHON=...)")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/broadsheet $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(ARGS)

# Every check runs, and the target fails if any of them did (config: pyproject.toml).
LINTERS := "ruff check desktop tests" "ruff format --check --output-format concise desktop tests" mypy lint-imports

lint: $(STAMP)
	@failed=""; for c in $(LINTERS); do \
		echo "$$c"; $(VENV)/bin/$$c || failed="$$failed, $$c"; \
	done; \
	if [ -n "$$failed" ]; then echo "lint: failed: $${failed#, }"; exit 1; fi

format: $(STAMP)
	$(VENV)/bin/ruff format desktop tests

# The double-click bundle (dist/Broadsheet/) and the desktop entry: see packaging/README.md.
PYINSTALLER := $(VENV)/.installed-pyinstaller

$(PYINSTALLER): $(STAMP)
	$(PY) -m pip install --quiet 'pyinstaller>=6.10'
	@touch $(PYINSTALLER)

build/icons/broadsheet.ico: resources/icons/broadsheet.svg packaging/make_icons.py $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/make_icons.py build/icons

package: $(PYINSTALLER) build/icons/broadsheet.ico
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/broadsheet.spec

install-desktop: build/icons/broadsheet.ico
	$(PY) packaging/install_desktop.py

uninstall-desktop: $(STAMP)
	$(PY) packaging/install_desktop.py --uninstall

clean:
	rm -rf $(VENV) build dist *.egg-info desktop/*.egg-info .pytest_cache
