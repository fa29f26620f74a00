# Entry points for building and testing renewals.hosting. Each target runs the
# scripts in scripts/; see TESTING.md. `make test` is what CI (.ci/run) runs.
SHELL := /bin/bash
SCRIPTS := scripts

.PHONY: test bootstrap build units sanity docs lint demo sandbox bench reliability clean cores certify docs-site extensions

test:
	bash $(SCRIPTS)/test.sh

bootstrap:
	bash $(SCRIPTS)/bootstrap.sh

# Stage, build the tarball into build/dist and install it into build/installed.
build: bootstrap
	bash $(SCRIPTS)/stage.sh

units: build
	bash $(SCRIPTS)/units.sh

sanity: build
	bash $(SCRIPTS)/sanity.sh

docs: build
	bash $(SCRIPTS)/docs_check.sh

lint: build
	bash $(SCRIPTS)/lint.sh

# Venvs for the other ansible-core lines (2.16, 2.17, 2.18, 2.20), then sanity and the fleet smoke run on each.
cores: build
	bash $(SCRIPTS)/cores.sh --check

# galaxy-importer and antsibull-docs lint on the release artifact.
certify: build
	bash $(SCRIPTS)/certify.sh

# The documentation site: build/docsite/build/html/index.html.
docs-site: build
	bash $(SCRIPTS)/docs_site.sh

# ansible-builder create on extensions/ee, the AWX loader in check mode.
extensions: build
	bash $(SCRIPTS)/extensions.sh

# The full fault matrix, crash trials and the rest of tests/reliability (docs/reliability.md); `make test` runs a subset.
reliability: build
	bash $(SCRIPTS)/reliability.sh

# scripts/demo.sh belongs to the code team; it runs with a fresh build in place.
demo:
	@if [ -f $(SCRIPTS)/demo.sh ]; then \
		bash $(SCRIPTS)/bootstrap.sh && bash $(SCRIPTS)/stage.sh && bash $(SCRIPTS)/demo.sh; \
	else \
		echo "make demo: $(SCRIPTS)/demo.sh does not exist yet"; \
	fi

# The bundled sandbox in the foreground, with the export lines to use the built collection against it by hand.
sandbox: build
	bash $(SCRIPTS)/sandbox.sh

# Fleet benchmark (docs/performance.md): `make bench BENCH_ARGS="--orders 10000 --modes noop raw fleet batch"`.
bench: build
	RENEWALS_INSTALLED_COLLECTIONS=$(CURDIR)/build/installed .venv/bin/python tests/bench/fleet_bench.py $(BENCH_ARGS)

# Generated trees only; .venv is kept (delete it by hand to force a full reinstall).
clean:
	rm -rf build tests/output
