#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make install and make uninstall as a packager runs them (DESTDIR): the binary, its manual
# (every option -h lists), the docs and the firmware folder land under the prefix; a moved
# install still finds its firmware beside itself; uninstall leaves no file behind.
# Usage: test-install.sh SRCDIR BUILDDIR HELLO_ELF
. "$(dirname "$0")/tap.sh"
src=$1
build=$2
hello=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit=$(scaled 20)
prefix=$(meson introspect --buildoptions "$build" |
	python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
root=$tmp/dest$prefix

if make -s -C "$src" install BUILD="$build" DESTDIR="$tmp/dest" >"$tmp/log" 2>&1; then
	ok "make install DESTDIR=... exits 0"
else
	not_ok "make install DESTDIR=... exits 0" "$(tail -5 "$tmp/log")"
fi
missing=""
for f in bin/qemu-system-riscv64 share/man/man1/qemu-system-riscv64.1 share/doc/quicksilver/README.md \
	share/doc/quicksilver/COPYING share/quicksilver; do
	[ -e "$root/$f" ] || missing="$missing $f"
done
[ -z "$missing" ] && ok "binary, manual, docs and firmware folder under the prefix" ||
	not_ok "binary, manual, docs and firmware folder under the prefix" "missing:$missing"
if [ "$("$root/bin/qemu-system-riscv64" -version)" = "$("$build/qemu-system-riscv64" -version)" ]; then
	ok "the installed binary runs"
else
	not_ok "the installed binary runs"
fi

# The manual lists each option -h does.
opts=$("$build/qemu-system-riscv64" -h | sed -n 's/^\(-[^ ]*\).*/\1/p')
undocumented=""
for o in $opts; do
	grep -q "^\.B $(printf '%s' "$o" | sed 's/-/\\\\-/g')" "$root/share/man/man1/qemu-system-riscv64.1" ||
		undocumented="$undocumented $o"
done
[ -z "$undocumented" ] && ok "the manual lists every option -h lists" ||
	not_ok "the manual lists every option -h lists" "$undocumented"
if command -v man >/dev/null 2>&1; then
	# an option's synopsis wider than the page is left unbroken, as in QEMU's manual
	MANWIDTH=80 man -l "$root/share/man/man1/qemu-system-riscv64.1" 2>&1 >"$tmp/man.txt" |
		grep -v "cannot adjust line" >"$tmp/man.err"
	grep -q "^OPTIONS" "$tmp/man.txt" && ! [ -s "$tmp/man.err" ] && ok "man renders the manual" ||
		not_ok "man renders the manual" "$(cat "$tmp/man.err")"
else
	skip "man renders the manual" "no man"
fi

# Moved elsewhere, the install still finds firmware in its own share/quicksilver: a bare-metal
# program put there under OpenSBI's name runs as -bios default.
mv "$root" "$tmp/moved"
cp "$hello" "$tmp/moved/share/quicksilver/opensbi-riscv64-generic-fw_dynamic.bin"
if [ -e "$prefix/share/quicksilver/opensbi-riscv64-generic-fw_dynamic.bin" ]; then
	skip "a moved install finds its firmware" "$prefix/share/quicksilver has a firmware, searched first"
else
	out=$(timeout "$limit" "$tmp/moved/bin/qemu-system-riscv64" -M virt -nographic </dev/null 2>&1)
	rc=$?
	[ "$rc" = 0 ] && [ "$(printf '%s' "$out" | tr -d '\r')" = "Hello from riscv64" ] &&
		ok "a moved install finds its firmware" || not_ok "a moved install finds its firmware" "exit $rc: $out"
fi
mv "$tmp/moved" "$root"
rm "$root/share/quicksilver/opensbi-riscv64-generic-fw_dynamic.bin"

if make -s -C "$src" uninstall BUILD="$build" DESTDIR="$tmp/dest" >"$tmp/log" 2>&1 &&
	[ -z "$(find "$tmp/dest" -type f)" ] && ! [ -e "$root/share/quicksilver" ]; then
	ok "make uninstall removes every file"
else
	not_ok "make uninstall removes every file" "$(find "$tmp/dest" -type f)" "$(tail -5 "$tmp/log")"
fi
tap_done
