#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Our qemu-img beside Debian's (QEMU 7.2), run the same way in twin directories: create makes
byte-identical images with identical output; info and check print the same (human and JSON,
exit status included) on the same images, clean, leaking and corrupt; convert goes both ways
(plain, compressed with zlib and zstd, to a new backing file, concatenated) and QEMU's tool
finds every image ours writes clean and equal to its source; bad arguments get QEMU's words.
Usage: test-qemu-img.py OUR_QEMU_IMG."""
import os, shutil, subprocess, sys, tempfile
from qstest import Tap

OURS = os.path.abspath(sys.argv[1])
THEIRS = shutil.which('qemu-img')
tap = Tap()
if not THEIRS:
    tap.skip('qemu-img against QEMU', "Debian's qemu-img is not installed (qemu-utils)")
    tap.finish()
tmp = tempfile.mkdtemp()
D = {'ours': tmp + '/ours', 'theirs': tmp + '/theirs'}
for d in D.values():
    os.makedirs(d)


def run(tool, args, cwd=tmp):
    r = subprocess.run([tool] + args, cwd=cwd, capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout, r.stderr


def both(args):
    """The same command with each tool in its own directory."""
    return run(OURS, args, D['ours']), run(THEIRS, args, D['theirs'])


def same_run(name, args, files=()):
    o, t = both(args)
    ok = o == t
    for f in files:
        with open(os.path.join(D['ours'], f), 'rb') as a, open(os.path.join(D['theirs'], f), 'rb') as b:
            ok = ok and a.read() == b.read()
    tap.report(ok, name, f'ours {o}\ntheirs {t}')


# create: the bytes of the image and what is printed
for opts, size in [('', '1G'), ('compat=0.10', '100M'), ('cluster_size=4k,refcount_bits=8', '1G'),
                   ('extended_l2=on,compression_type=zstd,cluster_size=1M', '10G'),
                   ('lazy_refcounts=on', '20G'), ('cluster_size=2M,refcount_bits=2', '1G'),
                   ('cluster_size=512,refcount_bits=1', '64M'), ('cluster_size=64k', '1000')]:
    args = ['create', '-f', 'qcow2'] + (['-o', opts] if opts else []) + ['img.qcow2', size]
    same_run(f'create -o {opts} {size}: same bytes and output as QEMU', args, ['img.qcow2'])
same_run('create raw', ['create', '-f', 'raw', 'r.img', '1000'], ['r.img'])
same_run('create -b -F: backing file header', ['create', '-f', 'qcow2', '-b', 'img.qcow2', '-F', 'qcow2', 'top.qcow2'],
         ['top.qcow2'])
for bad in [[], ['foo'], ['info'], ['info', 'nonexist'], ['create'], ['create', 'x'], ['create', 'x', '1Q'],
            ['create', '-f', 'foo', 'x', '1M'], ['create', '-f', 'qcow2', '-o', 'foo=1', 'x', '1M'],
            ['create', '-f', 'qcow2', '-o', 'cluster_size=1000', 'x', '1M'],
            ['create', '-f', 'qcow2', '-o', 'compat=0.10,compression_type=zstd', 'x', '1M'],
            ['create', '-f', 'qcow2', '-o', 'compat=0.10,refcount_bits=8', 'x', '1M'],
            ['create', '-f', 'qcow2', '-o', 'refcount_bits=3', 'x', '1M'],
            ['create', '-f', 'qcow2', '-o', 'compat=2', 'x', '1M'],
            ['create', '-f', 'qcow2', '-o', 'compression_type=lz', 'x', '1M'],
            ['create', '-f', 'qcow2', '-o', 'extended_l2=on,cluster_size=4k', 'x', '1M'],
            ['create', '-f', 'qcow2', '-F', 'raw', 'x', '1M'], ['create', '-f', 'qcow2', '-b', 'nonexist', 'x'],
            ['create', '-f', 'qcow2', '-b', 'img.qcow2', 'x'], ['create', '-f', 'qcow2', 'x', '1M', '-o', 'size=3M'],
            ['convert'], ['convert', 'img.qcow2'], ['info', '--output=xml', 'img.qcow2'],
            ['check', 'r.img'], ['check', '-r', 'some', 'img.qcow2'], ['info', '-f'], ['create', '-Q']]:
    same_run('qemu-img ' + ' '.join(bad) + ': QEMU\'s message and status', bad)

# images with data, made by QEMU: info and check on the very same files
W = tmp + '/shared'
os.makedirs(W + '/sub')


def qemu(*args):
    subprocess.run([THEIRS] + list(args), cwd=W, check=True, capture_output=True)


def qemu_io(img, *cmds):
    subprocess.run(['qemu-io', '-f', 'qcow2'] + [a for c in cmds for a in ('-c', c)] + [img], cwd=W, check=True,
                   capture_output=True)


with open(W + '/data.raw', 'wb') as f:
    f.write(os.urandom(3 << 20) + bytes(1 << 20) + b'compressible text\n' * 200000)
qemu('convert', '-c', '-O', 'qcow2', 'data.raw', 'comp.qcow2')
qemu('convert', '-O', 'qcow2', '-o', 'compression_type=zstd,extended_l2=on', 'data.raw', 'zstd.qcow2')
qemu('create', '-f', 'qcow2', '-b', 'comp.qcow2', '-F', 'qcow2', 'top.qcow2')
qemu_io('top.qcow2', 'write -P 5 100k 300k', 'write -z 1M 1M', 'discard 2M 64k')
qemu('create', '-f', 'qcow2', '-b', '../top.qcow2', '-F', 'qcow2', 'sub/rel.qcow2')
qemu('create', '-f', 'qcow2', '-o', 'compat=0.10', 'v2.qcow2', '1G')
qemu('snapshot', '-c', 'one', 'top.qcow2')
for img in ['comp.qcow2', 'zstd.qcow2', 'top.qcow2', 'sub/rel.qcow2', W + '/sub/rel.qcow2', 'v2.qcow2', 'data.raw']:
    for opts in [[], ['--output=json'], ['--backing-chain'], ['--output=json', '--backing-chain']]:
        o, t = run(OURS, ['info'] + opts + [img], W), run(THEIRS, ['info'] + opts + [img], W)
        tap.report(o == t, f'info {" ".join(opts)} {img}: as QEMU', f'ours {o}\ntheirs {t}')
for img in ['comp.qcow2', 'zstd.qcow2', 'top.qcow2', 'v2.qcow2']:
    for opts in [[], ['--output=json']]:
        o, t = run(OURS, ['check'] + opts + [img], W), run(THEIRS, ['check'] + opts + [img], W)
        tap.report(o == t, f'check {" ".join(opts)} {img} (clean): as QEMU', f'ours {o}\ntheirs {t}')


def poke(img, at, data):
    with open(img, 'r+b') as f:
        f.seek(at)
        f.write(data)


# a leak and a lost reference, each checked (and the leak repaired) by both tools on copies
qemu('create', '-f', 'qcow2', 'leak.qcow2', '1M')
qemu_io('leak.qcow2', 'write -P 1 0 64k', 'write -P 2 128k 64k')
shutil.copy(W + '/leak.qcow2', W + '/lost.qcow2')
os.truncate(W + '/leak.qcow2', 8 << 16)
poke(W + '/leak.qcow2', 0x20000 + 2 * 7, b'\0\1')  # cluster 7: counted, unused
poke(W + '/lost.qcow2', 0x20000 + 2 * 5, b'\0\0')  # cluster 5: used, counted free
for img, status in [('leak.qcow2', 3), ('lost.qcow2', 2)]:
    for opts in [[], ['--output=json']]:
        o, t = run(OURS, ['check'] + opts + [img], W), run(THEIRS, ['check'] + opts + [img], W)
        tap.report(o == t and o[0] == status, f'check {" ".join(opts)} {img}: exit {status} and report as QEMU',
                   f'ours {o}\ntheirs {t}')
for tool, name in [(OURS, 'ours'), (THEIRS, 'theirs')]:
    shutil.copy(W + '/leak.qcow2', W + f'/leak-{name}.qcow2')
o = run(OURS, ['check', '-r', 'leaks', 'leak-ours.qcow2'], W)
t = run(THEIRS, ['check', '-r', 'leaks', 'leak-theirs.qcow2'], W)
tap.report(o == t and o[0] == 0, 'check -r leaks repairs as QEMU', f'ours {o}\ntheirs {t}')
tap.report(run(THEIRS, ['check', 'leak-ours.qcow2'], W)[0] == 0, 'QEMU finds the image we repaired clean')
shutil.copy(W + '/lost.qcow2', W + '/lost-ours.qcow2')
o = run(OURS, ['check', '-r', 'all', 'lost-ours.qcow2'], W)
t = run(THEIRS, ['check', 'lost-ours.qcow2'], W)
tap.report(o[0] == 0 and t[0] == 0, 'check -r all repairs a lost reference; QEMU agrees', f'ours {o}\ntheirs {t}')

# convert, both ways
cases = [('raw to qcow2', ['-O', 'qcow2']), ('compressed zlib', ['-c', '-O', 'qcow2']),
         ('compressed zstd, 4k clusters', ['-c', '-O', 'qcow2', '-o', 'compression_type=zstd,cluster_size=4k']),
         ('v2', ['-O', 'qcow2', '-o', 'compat=0.10']), ('extended L2', ['-O', 'qcow2', '-o', 'extended_l2=on'])]
for name, opts in cases:
    rc, out, err = run(OURS, ['convert'] + opts + ['data.raw', 'out.qcow2'], W)
    chk = run(THEIRS, ['check', 'out.qcow2'], W)
    cmp = run(THEIRS, ['compare', 'data.raw', 'out.qcow2'], W)
    tap.report(rc == 0 and chk[0] == 0 and cmp[0] == 0, f'convert {name}: QEMU finds it clean and equal',
               f'{rc} {err}\n{chk}\n{cmp}')
    if '-c' not in opts:
        qemu('convert', *opts, 'data.raw', 'ref.qcow2')
        tap.report(os.path.getsize(W + '/out.qcow2') == os.path.getsize(W + '/ref.qcow2'),
                   f'convert {name}: the same file size as QEMU\'s')
for img in ['comp.qcow2', 'zstd.qcow2', 'top.qcow2', 'sub/rel.qcow2']:
    rc, out, err = run(OURS, ['convert', '-O', 'raw', img, 'ours.raw'], W)
    qemu('convert', '-O', 'raw', img, 'theirs.raw')
    with open(W + '/ours.raw', 'rb') as a, open(W + '/theirs.raw', 'rb') as b:
        tap.report(rc == 0 and a.read() == b.read(), f'convert {img} to raw: the bytes QEMU reads', err)
rc, out, err = run(OURS, ['convert', '-O', 'qcow2', '-B', 'comp.qcow2', '-F', 'qcow2', 'top.qcow2', 'new.qcow2'], W)
cmp = run(THEIRS, ['compare', 'top.qcow2', 'new.qcow2'], W)
info = run(THEIRS, ['info', '--output=json', 'new.qcow2'], W)
tap.report(rc == 0 and cmp[0] == 0 and '"backing-filename": "comp.qcow2"' in info[1],
           'convert -B: on a new backing file, equal to the source', f'{err}\n{cmp}\n{info}')
small = os.path.getsize(W + '/new.qcow2') < os.path.getsize(W + '/data.raw') // 2
tap.report(small, 'convert -B writes only what differs from the backing file')
rc, out, err = run(OURS, ['convert', '-O', 'raw', 'data.raw', 'comp.qcow2', 'cat.raw'], W)
qemu('convert', '-O', 'raw', 'data.raw', 'comp.qcow2', 'cat-qemu.raw')
with open(W + '/cat-qemu.raw', 'rb') as a, open(W + '/cat.raw', 'rb') as b:
    tap.report(rc == 0 and a.read() == b.read(), 'convert of two sources concatenates them as QEMU', err)
print("# kept", tmp) if not all(tap.results) else shutil.rmtree(tmp)
tap.finish()
