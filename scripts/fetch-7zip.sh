#!/bin/sh
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

update=0
for a in "$@"; do
	case $a in
	--update) update=1 ;;
	-h | --help)
		sed -n '2,16s/^# \{0,1\}//p' "$0"
		exit 0
		;;
	*)
		echo "fetch-7zip: unknown argument '$a' (try --help)" >&2
		exit 2
		;;
	esac
done

cache=${QS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quicksilver}
suite=${QS_GUEST_SUITE:-forky}
mirror=${QS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
base=$cache/7zip
apt_dir=$base/apt
env_file=$base/current.env

say() { echo "fetch-7zip: $*" >&2; }
die() {
	echo "fetch-7zip: error: $*" >&2
	exit 1
}

for tool in apt-get apt-cache dpkg-deb sha256sum flock readelf; do
	command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found (scripts/install-deps.sh installs it)"
done
[ -r "$keyring" ] || die "$keyring missing: install the debian-archive-keyring package"

mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$base/debs"
# The same lock as fetch-guest.sh: one fetcher at a time in the cache.
exec 9>"$cache/.lock"
flock -w 1800 9 || die "timed out waiting for the lock on $cache/.lock"

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

if [ "$update" = 0 ] && cache_valid; then
	cat "$env_file"
	exit 0
fi

# --- private apt state -------------------------------------------------------------------------
echo "deb [arch=riscv64 signed-by=$keyring] $mirror $suite main" >"$apt_dir/sources.list"
: >"$apt_dir/status"
set -- -q -oAPT::Architecture=riscv64 -oAPT::Architectures=riscv64 \
	-oDir::State::Lists="$apt_dir/lists" -oDir::State::status="$apt_dir/status" \
	-oDir::Cache="$apt_dir/cache" -oDir::Etc::SourceList="$apt_dir/sources.list" \
	-oDir::Etc::SourceParts=/nonexistent -oDir::Etc::Preferences=/nonexistent \
	-oDir::Etc::PreferencesParts=/nonexistent -oAcquire::Retries=1 -oAcquire::http::Timeout=30 \
	-oAcquire::Languages=none
# As root apt hands downloads to the _apt user, which cannot write into a home directory.
[ "$(id -u)" = 0 ] && set -- "$@" -oAPT::Sandbox::User=root

log=$apt_dir/last.log
net_trouble() { grep -qi 'resolv\|connect\|unreachable\|timed out\|No route' "$log"; }
say "reading the $suite riscv64 package index from $mirror"
if ! apt-get "$@" update >"$log" 2>&1 || grep -q '^\(E\|W\): Failed to fetch\|^E:' "$log"; then
	reason="apt-get update failed"
	net_trouble && reason="no network: cannot reach $mirror"
	sed 's/^/  apt: /' "$log" | tail -n 5 >&2
	if cache_valid; then
		say "warning: $reason; using the cached 7-Zip"
		cat "$env_file"
		exit 0
	fi
	die "$reason, and no cached 7-Zip in $base"
fi

record() { # record PKG APT-OPTIONS...: the candidate's index record
	pkg=$1
	shift
	apt-cache "$@" show --no-all-versions "$pkg" 2>/dev/null
}
field() { # field NAME: one field of a record, from stdin
	awk -v f="$1:" '$1 == f { sub(/^[^:]*: */, ""); print; exit }'
}
deps() { # deps PKG APT-OPTIONS...: package names in Pre-Depends and Depends (first alternative)
	rec=$(record "$@")
	{
		echo "$rec" | field Pre-Depends
		echo "$rec" | field Depends
	} | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//; s/ //g' | sed '/^$/d'
}

# 7zz's package and everything it depends on (glibc, libstdc++, libgcc, their base packages).
top=7zip-standalone
record $top "$@" | grep -q '^Package:' || die "no $top package in the $suite riscv64 index"
version=$(record $top "$@" | field Version)
pkgs=""
todo=$top
while [ -n "$todo" ]; do
	next=""
	for p in $todo; do
		case " $pkgs " in *" $p "*) continue ;; esac
		pkgs="$pkgs $p"
		next="$next $(deps "$p" "$@" | tr '\n' ' ')"
	done
	todo=$next
done
say "$top $version needs:$pkgs"

# --- download + verify -------------------------------------------------------------------------
fetch() { # fetch PKG APT-OPTIONS...: prints the path of its verified .deb in the cache
	pkg=$1
	shift
	uri=$(apt-get "$@" --print-uris download "$pkg" 2>/dev/null | tail -n 1)
	[ -n "$uri" ] || die "no download candidate for $pkg"
	# 'URL' FILENAME SIZE SHA256:HEX
	file=$(echo "$uri" | awk '{print $2}')
	size=$(echo "$uri" | awk '{print $3}')
	sum=$(echo "$uri" | awk '{print $4}')
	case $sum in SHA256:*) sum=${sum#SHA256:} ;; *) die "index gives no SHA256 for $pkg ($sum)" ;; esac
	deb=$base/debs/$file
	if [ -f "$deb" ] && [ "$(wc -c <"$deb")" = "$size" ] &&
		[ "$(sha256sum "$deb" | cut -d' ' -f1)" = "$sum" ]; then
		echo "$deb"
		return
	fi
	say "downloading $pkg ($((size / 1024)) KiB)"
	part=$base/debs/partial
	rm -rf "$part"
	mkdir -p "$part"
	if ! (cd "$part" && apt-get "$@" download "$pkg") >"$log" 2>&1; then
		sed 's/^/  apt: /' "$log" | tail -n 5 >&2
		net_trouble && die "no network: cannot download $pkg from $mirror"
		die "downloading $pkg failed"
	fi
	[ -f "$part/$file" ] || die "apt-get download did not produce $file"
	got_size=$(wc -c <"$part/$file")
	[ "$got_size" = "$size" ] || die "$file: size $got_size, the index says $size"
	got_sum=$(sha256sum "$part/$file" | cut -d' ' -f1)
	[ "$got_sum" = "$sum" ] || die "$file: SHA256 $got_sum, the index says $sum"
	mv "$part/$file" "$deb"
	rmdir "$part"
	echo "$deb"
}

debs=""
for p in $pkgs; do
	debs="$debs $(fetch "$p" "$@")"
done

# --- unpack ------------------------------------------------------------------------------------
root=$base/root-$(echo "$version" | tr ':' '_')
# shellcheck disable=SC2086 # the .deb paths contain no spaces
stamp=$(for d in $debs; do sha256sum "$d"; done | sed 's|  .*/|  |')
if ! [ -f "$root/.qs-complete" ] || [ "$(cat "$root/.qs-complete")" != "$stamp" ]; then
	say "unpacking into $root"
	rm -rf "$root.tmp" "$root"
	mkdir -p "$root.tmp"
	for d in $debs; do dpkg-deb -x "$d" "$root.tmp" || die "dpkg-deb -x $d failed"; done
	echo "$stamp" >"$root.tmp/.qs-complete"
	mv "$root.tmp" "$root"
fi

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
for d in "$base"/root-*/; do
	d=${d%/}
	[ -d "$d" ] || continue
	[ "$d" = "$root" ] || { say "removing old $d" && rm -rf "$d"; }
done
for d in "$base"/debs/*.deb; do
	[ -e "$d" ] || continue
	case " $debs " in *" $d "*) ;; *) say "removing old $d" && rm -f "$d" ;; esac
done
cat "$env_file"
