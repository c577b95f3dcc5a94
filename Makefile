# vankien — the one entry point for people. `make report` and `make test` are all a fresh
# clone needs: the first run creates .venv and installs what is needed.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed
PYTEST_ARGS   ?=

.PHONY: help report example lint test check format reference clean bench ci-local hooks

help:
	@echo "make report   - dựng báo cáo của đơn vị (build/*.docx) từ report.yaml và skeleton/"
	@echo "make lint     - kiểm tra các tệp trong skeleton/"
	@echo "make hooks    - cài pre-commit: mỗi lần commit tự kiểm tra các tệp đã sửa"
	@echo "make example  - dựng hai báo cáo mẫu trong examples/"
	@echo "make test     - chạy toàn bộ kiểm thử (ruff, mypy, pytest)"
	@echo "make bench    - đo tốc độ lint/build (vài phút), ghi bench/results.md"
	@echo "make ci-local - chạy trên máy các bước CI của pull request (kết quả trong build/ci/)"

$(RUNTIME_STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

$(DEV_STAMP): $(RUNTIME_STAMP)
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

report: $(RUNTIME_STAMP)
	$(PY) -m vankien build

example: $(RUNTIME_STAMP)
	$(PY) -m vankien build --root examples/dang-bo
	$(PY) -m vankien build --root examples/chi-bo

lint: $(RUNTIME_STAMP)
	$(PY) -m vankien lint

# The commit hook of docs/lint.md: pre-commit (dev extra) into .venv, the hook into .git/hooks.
hooks: $(DEV_STAMP)
	$(VENV)/bin/pre-commit install

reference: $(RUNTIME_STAMP)
	$(PY) -m vankien reference --output reference.docx

# The repository checks itself with its own pre-commit hooks (vankien lint on the skeletons,
# scaffold and CODEOWNERS drift, ruff, ruff format, strict mypy on src/), plus mypy on bench/.
check: $(DEV_STAMP)
	$(VENV)/bin/pre-commit run --all-files --show-diff-on-failure
	$(VENV)/bin/mypy bench

format: $(DEV_STAMP)
	$(VENV)/bin/ruff format src tests
	$(VENV)/bin/ruff check --fix src tests

test: check
	$(PY) -m pytest $(PYTEST_ARGS)

# Timings, not tests: prints a table and writes bench/results.md (machine, date, commit).
bench: $(RUNTIME_STAMP)
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf build $(VENV) .pytest_cache .mypy_cache .ruff_cache

# The pull-request pipeline of .github/workflows/review.yml and .gitlab-ci.yml, run locally:
# every step runs even when one fails; the exit code says whether any failed.
CI_OUT ?= build/ci
BASE   ?= $(shell git rev-parse --verify -q origin/main >/dev/null && echo origin/main || echo main)

ci-local: $(RUNTIME_STAMP)
	@mkdir -p $(CI_OUT); rc=0; \
	$(PY) -m vankien codeowners --check || rc=1; \
	$(PY) -m vankien lint || rc=1; \
	$(PY) -m vankien build --pdf --output $(CI_OUT)/bao-cao.docx || rc=1; \
	$(PY) -m vankien redline $(BASE) --output $(CI_OUT)/so-sanh.docx || rc=1; \
	$(PY) -m vankien status --format markdown --sections > $(CI_OUT)/tien-do.md || rc=1; \
	cat $(CI_OUT)/tien-do.md; exit $$rc

# The golden pages of tests/publish/test_golden_pages.py (page count, first and last line of
# every page, where the header, closing block and page numbers stand) after an intended layout
# change: rewrites tests/publish/golden/pages/*.json; review the diff before committing.
.PHONY: golden-pages
golden-pages: $(DEV_STAMP)
	$(PY) -m tests.publish.update_golden_pages
