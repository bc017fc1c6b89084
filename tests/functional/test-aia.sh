#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The AIA on -M virt,aia=aplic-imsic: a bare-metal guest (aia.c) drives the hart's Smaia and
# Ssaia CSRs, its M and S IMSIC files and the root APLIC in MSI mode, and prints what it saw.
# Every line must be what the AIA specification gives; where QEMU 7.2 follows the
# specification too, its output must be the same. (It does not on: iprio bytes of interrupts
# that do not exist, which it lets software write; reserved IMSIC selects 0x71-0x7f, which it
# traps; the big-endian seteipnum door, which it ignores, as a little-endian-only system may;
# the IPRIO field of mtopi/stopi for an IMSIC interrupt, which it reports as 0 instead of the
# identity; the ratified mvien/mvip, which it lacks; and setip, where it sometimes shows an
# inactive source pending.)
. "$(dirname "$0")/tap.sh"
QS=$1
ELF=$2
REF=$(command -v qemu-system-riscv64 2>/dev/null)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit=$(scaled 20)

run() { # binary out
	timeout "$limit" "$1" -M virt,aia=aplic-imsic -bios none -display none -serial stdio \
		-kernel "$ELF" </dev/null 2>/dev/null | tr -d '\r' >"$2"
}

# name, value: what the specification gives; "q" where QEMU 7.2 agrees
cat >"$tmp/want" <<'WANT'
miselect-warl 00000000000001ff q
iprio0 ff00ff00ff00ff00
iprio2 000000000000ff00
mireg-0x31 8000000000000002 q
mireg-0x40 8000000000000002 q
mireg-0x71 0000000000000000
mireg-0x81 8000000000000002 q
mireg-0x100 8000000000000002 q
mvien 0000000000000000 q
eidelivery 0000000000000001 q
eip0 0000000000000220
mtopei-disabled 0000000000000000 q
mtopei 0000000000050005 q
meip 0000000000000001 q
mtopi-mei 00000000000b0005
claim 0000000000050005 q
after-claim 0000000000090009
thresholded 0000000000000000 q
claim2 0000000000090009
meip-after 0000000000000000 q
mtopi-none 0000000000000000 q
mtopi-default 00000000000b0005
mtopi-iprio 0000000000070001 q
mtopi-iprio9 00000000000b0005
mtopi-mti-off 0000000000000000 q
seip 0000000000000001 q
seip-after-clear 0000000000000001
stopei 0000000000070007 q
stopi 0000000000090007
mtopi-deleg 0000000000000000 q
sclaim 0000000000070007 q
seip-claimed 0000000000000000
seip-sw 0000000000000001
stopi-sw-seip 00000000000900ff
stopi-none 0000000000000000 q
siprio0 0000000000000000
siprio0-ssi 000000000000ff00
mvip-ssip 0000000000000002
trap-cause 800000000000000b q
trap-claimed 000000000000002a q
domaincfg 0000000080000004 q
aplic-msi-eip 0000000000002000 q
aplic-pending 0000000000000000
genmsi-eip 0000000000000001 q
traps 0000000000000005
done q
WANT

run "$QS" "$tmp/ours"
awk '{ if ($NF == "q") $NF = ""; sub(/ +$/, ""); print }' "$tmp/want" >"$tmp/want.lines"
while read -r name value agree; do
	got=$(grep "^$name " "$tmp/ours" || true)
	[ "$name" = done ] && got=$(grep -x done "$tmp/ours" || true) && value=""
	if [ "$got" = "$(echo "$name $value" | sed 's/ $//')" ]; then
		ok "$name as the AIA specification gives"
	else
		not_ok "$name as the AIA specification gives" "want: $name $value" "got: $got"
	fi
done <"$tmp/want"
if cmp -s "$tmp/want.lines" "$tmp/ours"; then
	ok "nothing else printed"
else
	not_ok "nothing else printed" "$(diff "$tmp/want.lines" "$tmp/ours" | head -10)"
fi

if [ -z "$REF" ]; then
	skip "the same as QEMU where it follows the specification" "no reference qemu-system-riscv64"
else
	run "$REF" "$tmp/ref"
	bad=""
	for name in $(awk '$3 == "q" || $2 == "q" { print $1 }' "$tmp/want"); do
		[ "$(grep "^$name\( \|$\)" "$tmp/ref")" = "$(grep "^$name\( \|$\)" "$tmp/ours")" ] ||
			bad="$bad $name"
	done
	if [ -z "$bad" ]; then
		ok "the same as QEMU where it follows the specification"
	else
		not_ok "the same as QEMU where it follows the specification" "differ:$bad"
	fi
fi
tap_done
