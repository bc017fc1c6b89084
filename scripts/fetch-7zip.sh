#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Fetches 7-Zip for the riscv64 guest (tests/bench/7zip.sh): Debian's `7zip-standalone` package
# (7zz, the all-in-one 7-Zip; the `7zip` package has 7z + 7z.so) and the packages it depends on
# (glibc, libstdc++, libgcc), downloaded with apt into a private apt state of its own (the host's
# apt and fetch-guest.sh's state are left alone), checked against the signed index (size + SHA256),
# unpacked with dpkg-deb into the cache, reused when valid.
# Then it works out, from the ELF dynamic sections (readelf -d), which files 7zz needs at run time:
# the program interpreter and every DT_NEEDED library, recursively.
# Prints shell assignments on stdout, for `eval "$(scripts/fetch-7zip.sh)"`:
#   QS_7ZIP_VERSION  the Debian version of 7zip-standalone
#   QS_7ZIP_ROOT     the unpacked tree (a root file system fragment: usr/lib/7zip/7zz, ...)
#   QS_7ZIP_BIN      the 7zz ELF binary, relative to QS_7ZIP_ROOT (usr/lib/7zip/7zz)
#   QS_7ZIP_FILES    the paths, relative to QS_7ZIP_ROOT, of 7zz, its loader and its libraries
#   QS_7ZIP_INTERP   the loader path 7zz names (PT_INTERP): the guest must have it there
# Usage: scripts/fetch-7zip.sh [--update]   (--update: re-read the index, fetch newer packages)
# Env: QS_CACHE_DIR (default ${XDG_CACHE_HOME:-~/.cache}/quicksilver), QS_GUEST_SUITE (forky),
#      QS_DEBIAN_MIRROR (http://deb.debian.org/debian). Needs apt-get, dpkg-deb, readelf (binutils).
set -eu

# shellcheck source=scripts/apt-riscv64.sh
. "$(dirname "$0")/apt-riscv64.sh"
fetch_start fetch-7zip 18 "$@"
base=$cache/7zip
apt_dir=$base/apt
debs_dir=$base/debs
env_file=$base/current.env

# Takes the same lock as fetch-guest.sh: one fetcher at a time in the cache.
apt_prepare "scripts/install-deps.sh installs it" apt-get apt-cache dpkg-deb sha256sum flock readelf

# A complete earlier fetch: the env file's tree is complete and holds every file it names.
cache_valid() {
	[ -r "$env_file" ] || return 1
	(
		set +u
		# shellcheck disable=SC1090 # written by this script
		. "$env_file"
		[ "${QS_SOURCE:-}" = "$mirror $suite" ] && [ -f "$QS_7ZIP_ROOT/.qs-complete" ] || exit 1
		for f in $QS_7ZIP_FILES; do
			[ -e "$QS_7ZIP_ROOT/$f" ] || exit 1
		done
	)
}

print_env() { cat "$env_file"; }

if [ "$update" = 0 ] && cache_valid; then
	print_env
	exit 0
fi

apt_update 7-Zip "$base"

record() { # record PKG: the candidate's index record
	show --no-all-versions "$1"
}
deps() { # deps PKG: package names in Pre-Depends and Depends (first alternative)
	rec=$(record "$1")
	{
		echo "$rec" | field Pre-Depends
		echo "$rec" | field Depends
	} | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//; s/ //g' | sed '/^$/d'
}

# 7zz's package and everything it depends on (glibc, libstdc++, libgcc, their base packages).
top=7zip-standalone
record $top | grep -q '^Package:' || die "no $top package in the $suite riscv64 index"
version=$(record $top | field Version)
pkgs=""
todo=$top
while [ -n "$todo" ]; do
	next=""
	for p in $todo; do
		case " $pkgs " in *" $p "*) continue ;; esac
		pkgs="$pkgs $p"
		next="$next $(deps "$p" | tr '\n' ' ')"
	done
	todo=$next
done
say "$top $version needs:$pkgs"

# --- download + verify + unpack ----------------------------------------------------------------
debs=""
for p in $pkgs; do
	debs="$debs $(fetch "$p")"
done

root=$base/root-$(echo "$version" | tr ':' '_')
# shellcheck disable=SC2086 # the .deb paths contain no spaces
unpack "$root" $debs

# --- what 7zz needs at run time ----------------------------------------------------------------
seven=""
# Debian's /usr/bin/7zz is a shell script that runs /usr/lib/7zip/7zz: take the ELF file.
for f in usr/lib/7zip/7zz usr/bin/7zz bin/7zz; do
	[ -f "$root/$f" ] && [ "$(od -An -c -N 4 "$root/$f" | tr -d ' ')" = '177ELF' ] && seven=$f && break
done
[ -n "$seven" ] || die "$top has no 7zz ELF binary (looked in usr/lib/7zip, usr/bin, bin)"
# The guest has no ld.so.cache: the loader looks in its built-in multiarch directories.
libdirs="lib/riscv64-linux-gnu usr/lib/riscv64-linux-gnu lib usr/lib"
find_lib() { # find_lib SONAME: its path relative to the root
	for d in $libdirs; do
		if [ -e "$root/$d/$1" ]; then
			echo "$d/$1"
			return
		fi
	done
	die "7zz needs $1 (readelf -d), which no downloaded package holds in $libdirs"
}
interp=$(readelf -lW "$root/$seven" | sed -n 's/.*Requesting program interpreter: \(.*\)\]/\1/p')
[ -n "$interp" ] || die "$seven names no program interpreter (not a dynamic executable?)"
interp_file=$(find_lib "$(basename "$interp")")
# Breadth first over DT_NEEDED, starting from 7zz and the loader.
files=""
todo="$seven $interp_file"
while [ -n "$todo" ]; do
	next=""
	for f in $todo; do
		case " $files " in *" $f "*) continue ;; esac
		files="$files $f"
		for n in $(readelf -dW "$root/$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			next="$next $(find_lib "$n")"
		done
	done
	todo=$next
done
# Symlinked libraries (libstdc++.so.6 -> libstdc++.so.6.0.x): the guest gets the target too.
for f in $files; do
	if [ -L "$root/$f" ]; then
		t=$(readlink "$root/$f")
		case $t in /*) t=${t#/} ;; *) t=$(dirname "$f")/$t ;; esac
		[ -e "$root/$t" ] || die "$f is a dangling symlink to $t"
		case " $files " in *" $t "*) ;; *) files="$files $t" ;; esac
	fi
done
files=${files# }
say "7zz needs: $(echo "$files" | sed "s|^$seven ||")"

cat >"$env_file.tmp" <<EOF
QS_SOURCE='$mirror $suite'
QS_7ZIP_VERSION='$version'
QS_7ZIP_ROOT='$root'
QS_7ZIP_BIN='$seven'
QS_7ZIP_FILES='$files'
QS_7ZIP_INTERP='$interp'
EOF
mv "$env_file.tmp" "$env_file"

# Drop trees and .debs of versions no longer current.
prune_trees "$base" root- "$root"
# shellcheck disable=SC2086 # the .deb paths contain no spaces
prune_debs $debs
print_env
