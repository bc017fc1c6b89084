# SPDX-License-Identifier: GPL-2.0-or-later
# Thin wrapper: meson does the building; these targets are the README's entry points.
BUILD ?= build
MESON_SETUP = $(BUILD)/build.ninja

.PHONY: all deps check check-asan demo clean format

all: $(MESON_SETUP)
	ninja -C $(BUILD)

$(MESON_SETUP):
	./configure --builddir=$(BUILD)

deps:
	scripts/install-deps.sh

check: deps
	$(MAKE) all
	scripts/run-tests.sh $(BUILD)

# Unit tests again under ASan+UBSan, in a build directory of their own.
check-asan: deps
	BUILDDIR=build-asan ./configure --enable-sanitizers --enable-debug --builddir=build-asan
	ninja -C build-asan
	scripts/run-tests.sh build-asan --suite unit

demo: deps
	$(MAKE) all
	scripts/demo.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) build-asan
