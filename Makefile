# SPDX-License-Identifier: GPL-2.0-or-later
# Thin wrapper: meson does the building; these targets are the README's entry points.
BUILD ?= build
MESON_SETUP = $(BUILD)/build.ninja

.PHONY: all deps check check-asan demo install uninstall clean format

all: $(MESON_SETUP)
	ninja -C $(BUILD)

$(MESON_SETUP):
	./configure --builddir=$(BUILD)

deps:
	scripts/install-deps.sh

check: deps
	$(MAKE) all
	scripts/run-tests.sh $(BUILD)

# Unit tests, guest CPU tests and the fuzz tests again under ASan+UBSan (UBSan stops at its
# first report), in a build directory of their own.
check-asan: deps
	BUILDDIR=build-asan ./configure --enable-sanitizers --enable-debug --builddir=build-asan
	ninja -C build-asan
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		scripts/run-tests.sh build-asan --suite unit --suite tcg --suite fuzz

# Into the --prefix ./configure was given (default /usr/local), under DESTDIR when set.
install: all
	meson install -C $(BUILD) --no-rebuild $(if $(DESTDIR),--destdir "$(DESTDIR)")

uninstall:
	scripts/uninstall.py $(BUILD) "$(DESTDIR)"

demo: deps
	$(MAKE) all
	scripts/demo.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) build-asan
