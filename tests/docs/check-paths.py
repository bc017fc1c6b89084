#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every source path a doc or a source comment names exists: README.md, docs/, the tests'
READMEs and the comments of every C, shell and Python file are searched for paths under the
tree's top-level folders (`hw/riscv/virt.c`, `scripts/fetch-guest.sh`, `docs/ir.md`...), and
each must be a file or folder of the tree. A path named in the build folder or a temporary one
is not ours and is skipped. TAP output. Usage: check-paths.py SRCDIR"""
import os, re, subprocess, sys

src = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '.')
tops = sorted(d for d in os.listdir(src)
              if os.path.isdir(os.path.join(src, d)) and not d.startswith('.') and not d.startswith('build'))
path_re = re.compile(r'(?<![\w./~$-])((?:%s)/[\w.+/-]*[\w/])' % '|'.join(map(re.escape, tops)))
# a glob or a placeholder names no single file
placeholder = re.compile(r'[<>*{}]|(^|/)[A-Z_]+(/|$)|\b(arch|dev|class)\b')


def tracked():
    out = subprocess.run(['git', '-C', src, 'ls-files'], capture_output=True, text=True)
    if out.returncode == 0 and out.stdout:
        return out.stdout.split('\n')
    return [os.path.relpath(os.path.join(d, f), src) for d, _, fs in os.walk(src) for f in fs]


def documents():
    for f in tracked():
        if f.endswith('.md'):
            yield f, open(os.path.join(src, f), encoding='utf-8', errors='replace').read()
        elif f.endswith(('.c', '.h', '.S')):
            text = open(os.path.join(src, f), encoding='utf-8', errors='replace').read()
            # comments only: what code includes or opens the build checks already
            yield f, '\n'.join(re.findall(r'/\*.*?\*/|//[^\n]*', text, re.S))
        elif f.endswith(('.sh', '.py', 'meson.build', 'Makefile', '.ci/run')):
            text = open(os.path.join(src, f), encoding='utf-8', errors='replace').read()
            yield f, '\n'.join(re.findall(r'#[^\n]*|"""(?:.|\n)*?"""', text))


def exists(path, doc):
    path = path.rstrip('/.')
    # relative to the tree, to the document, or a header as C includes it
    return any(os.path.exists(os.path.join(base, path))
               for base in (src, os.path.join(src, os.path.dirname(doc)), os.path.join(src, 'include')))


def named(text):
    """The paths text names as ours: "QEMU's scripts/x" names one of QEMU's."""
    for m in path_re.finditer(text):
        if not placeholder.search(m.group(1)) and not text[:m.start()].endswith("QEMU's "):
            yield m.group(1)


n = bad = 0
for doc, text in documents():
    missing = sorted({p for p in named(text) if not exists(p, doc)})
    n += 1
    if missing:
        bad += 1
        print(f'not ok {n} - {doc}: names paths that do not exist')
        for p in missing:
            print(f'#   {p}')
    else:
        print(f'ok {n} - {doc}')
print(f'1..{n}')
sys.exit(1 if bad else 0)
