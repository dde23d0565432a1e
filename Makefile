# Cross-Entropy, Explained: the two commands a newcomer needs are `make lab` and `make test`.
# Both create .venv on first use and reinstall only when the requirements change (stamp files).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.stamp-requirements
DEV    := $(VENV)/.stamp-requirements-dev
TEACH  := $(VENV)/.stamp-requirements-teach
PORT   ?= 8888
# JupyterLab refuses to run as root (containers, CI) unless told so explicitly.
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
# On Linux, PyPI's torch is the CUDA build (several GB). `make lab TORCH=cpu` on the first run
# installs PyTorch's CPU build from PyTorch's own index first, at the version requirements.txt pins.
TORCH ?=
TORCH_CPU_INDEX := https://download.pytorch.org/whl/cpu
TORCH_PIN = $(shell grep -o '^torch==[^ ]*' requirements.txt)

.PHONY: lab lab-zh test check lint notebooks stills js bench help slides html classroom-link student deck-mode font \
        i18n-extract i18n-update i18n-build i18n-check

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): requirements.txt pyproject.toml | $(PY)
	$(if $(filter cpu,$(TORCH)),$(PY) -m pip install $(TORCH_PIN) --index-url $(TORCH_CPU_INDEX))
	$(PY) -m pip install -r requirements.txt
	touch $@

$(DEV): requirements-dev.txt requirements-teach.txt $(STAMP)
	$(PY) -m pip install -r requirements-dev.txt
	touch $@

$(TEACH): requirements-teach.txt $(STAMP)
	$(PY) -m pip install -r requirements-teach.txt
	touch $@

lab: $(STAMP)  ## open JupyterLab on notebook 00 (localhost only, with its token); first run on Linux: TORCH=cpu
	$(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) $(AS_ROOT) $(LAB_ARGS) notebooks/00_start_here.ipynb

# JupyterLab's interface in Chinese comes from its language pack and the locale in JupyterLab's user
# settings: lab-zh keeps those in a settings folder of its own, so `make lab` stays English.
LAB_ZH_SETTINGS ?= build/lab-settings-zh
LOCALE_SETTING := $(LAB_ZH_SETTINGS)/@jupyterlab/translation-extension/plugin.jupyterlab-settings

lab-zh: $(STAMP)  ## open JupyterLab in Chinese (中文) on the Chinese notebook 00 (localhost only, with its token)
	mkdir -p $(dir $(LOCALE_SETTING))
	test -f $(LOCALE_SETTING) || printf '{\n  "locale": "zh_CN"\n}\n' > $(LOCALE_SETTING)
	JUPYTERLAB_SETTINGS_DIR=$(LAB_ZH_SETTINGS) $(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 \
	  --ServerApp.port=$(PORT) $(AS_ROOT) $(LAB_ARGS) notebooks/zh_CN/00_start_here.ipynb

test: lint  ## run every test: lint, helpers' unit tests, nbval over the notebooks, browser tests
	$(PY) -m pytest

lint: $(DEV)  ## ruff, codespell, mypy over helpers/ and biome over the JavaScript
	$(VENV)/bin/ruff check helpers tests tools bench notebooks conftest.py
	$(VENV)/bin/codespell notebooks README.md
	$(VENV)/bin/mypy
	$(PY) -m tools.lint_js

check: lint  ## lint and every test that needs no server, browser or nbgrader, no notebook run (about 2 minutes)
	$(PY) -m pytest tests -m "not integration"

notebooks: $(DEV)  ## re-execute every notebook in place (after editing one), then `make test`
	for nb in notebooks/*.ipynb; do $(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.store_widget_state=False "$$nb" || exit 1; done

stills: $(STAMP)  ## draw each explorer's still picture (helpers/explorers/stills/) from its own ES module (needs Node and npm)
	$(PY) -m tools.stills

js: $(STAMP)  ## join each explorer's ES module with what it imports (helpers/explorers/web/dist/) after editing one (npm)
	$(PY) -m tools.bundle_js

bench: $(DEV)  ## run the benchmarks and print their ratios
	$(PY) bench/losses_vs_torch.py
	$(PY) bench/collection_runtime.py
	$(PY) -m bench.explorer_latency   # needs Chromium

slides: $(STAMP)  ## offline reveal.js decks of every notebook in build/slides (fetches reveal.js and MathJax with npm)
	$(PY) -m tools.build_slides

deck-mode: $(STAMP)  ## give every notebook the deck-mode style (JupyterLab's Start Deck then looks like the decks)
	$(PY) -m tools.deck_mode

html: $(STAMP)  ## a static site of the course in build/html, readable offline: open build/html/index.html
	$(PY) -m tools.build_site

font: $(STAMP)  ## rebuild the Chinese figures' font subset in helpers/fonts/ from the zh_CN catalogs (needs: apt-get install fonts-noto-cjk)
	$(PY) -m tools.font_subset

student: $(TEACH)  ## the student edition in build/student: nbgrader removes the solutions, the checks stay
	$(PY) -m tools.student

classroom-link:  ## print the nbgitpuller link of a class: make classroom-link HUB=<hub URL> REPO=<repository URL> [BRANCH=main]
	@$(PYTHON) -m tools.classroom_link "$(HUB)" "$(REPO)" --branch "$(or $(BRANCH),main)"

i18n-extract: $(STAMP)  ## after editing an English notebook or a helpers message: rewrite the templates (i18n/*.pot, helpers/locale/*.pot)
	$(PY) -m tools.i18n extract

i18n-update: i18n-extract  ## merge every Chinese catalog with its template (changed English turns fuzzy, the old English kept beside it)
	$(PY) -m tools.i18n update

i18n-build: $(DEV)  ## write the Chinese notebooks (notebooks/zh_CN) from the English ones and the catalogs, and run the ones that changed
	$(PY) -m tools.i18n build --execute

i18n-check: $(DEV)  ## every gate of the Chinese edition, each problem with its place (also part of make test)
	$(PY) -m tools.i18n check
