#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Our qemu-img beside Debian's (QEMU 7.2), run the same way in twin directories: create makes
byte-identical images with identical output; info and check print the same (human and JSON,
exit status included) on the same images, clean, leaking and corrupt; convert goes both ways
(plain, compressed with zlib and zstd, to a new backing file, concatenated) and QEMU's tool
finds every image ours writes clean and equal to its source; bad arguments get QEMU's words.
Usage: test-qemu-img.py OUR_QEMU_IMG."""
import os, shutil, subprocess, sys, tempfile, time
from qstest import Tap, scaled

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
# preallocation: the same layout (QEMU's map of both), file size and clean check; with metadata
# alone the same metadata bytes too (for falloc and full QEMU also moves the refcount table, we
# do not: the guest sees the same clusters)
for opts, size in [('preallocation=metadata', '1100M'), ('preallocation=metadata,compat=0.10', '200M'),
                   ('preallocation=metadata,cluster_size=2M', '5G'), ('preallocation=falloc', '300M'),
                   ('preallocation=full', '20M'), ('preallocation=metadata,extended_l2=on', '3M'),
                   ('preallocation=falloc,extended_l2=on', '5M'), ('preallocation=off', '1M')]:
    args = ['create', '-f', 'qcow2', '-o', opts, 'pre.qcow2', size]
    o, t = both(args)
    maps = [run(THEIRS, ['map', '--output=json', 'pre.qcow2'], D[k]) for k in ('ours', 'theirs')]
    heads = [open(D[k] + '/pre.qcow2', 'rb').read(1 << 20) for k in ('ours', 'theirs')]
    sizes = [os.path.getsize(D[k] + '/pre.qcow2') for k in ('ours', 'theirs')]
    chk = run(THEIRS, ['check', 'pre.qcow2'], D['ours'])
    same_head = heads[0] == heads[1] or 'falloc' in opts or 'full' in opts
    tap.report(o == t and maps[0] == maps[1] and same_head and sizes[0] == sizes[1] and chk[0] == 0,
               f'create -o {opts} {size}: the layout and file size of QEMU\'s',
               f'ours {o} {maps[0]} {sizes[0]}\ntheirs {t} {maps[1]} {sizes[1]}\n{chk}')
    for k in ('ours', 'theirs'):
        os.unlink(D[k] + '/pre.qcow2')
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
            ['create', '-f', 'qcow2', '-o', 'preallocation=bad', 'x', '1M'],
            ['create', '-f', 'qcow2', '-o', 'preallocation=metadata', '-b', 'img.qcow2', '-F', 'qcow2', 'x'],
            ['create', '-f', 'qcow2', '-o', 'extended_l2=on,cluster_size=4k', 'x', '1M'],
            ['create', '-f', 'qcow2', '-F', 'raw', 'x', '1M'], ['create', '-f', 'qcow2', '-b', 'nonexist', 'x'],
            ['create', '-f', 'qcow2', '-b', 'img.qcow2', 'x'], ['create', '-f', 'qcow2', 'x', '1M', '-o', 'size=3M'],
            ['convert'], ['convert', 'img.qcow2'], ['info', '--output=xml', 'img.qcow2'],
            ['check', 'r.img'], ['check', '-r', 'some', 'img.qcow2'], ['info', '-f'], ['create', '-Q']]:
    same_run('qemu-img ' + ' '.join(bad) + ': QEMU\'s message and status', bad)

# resize: the same answers, and the same image after shrinking data away and growing again
for d in D.values():
    subprocess.run([THEIRS, 'create', '-q', '-f', 'qcow2', 'rs.qcow2', '1M'], cwd=d, check=True)
    with open(d + '/rs.raw', 'wb') as f:
        f.truncate(1 << 20)
for args in [['resize', 'rs.qcow2', '+1M'], ['resize', 'rs.qcow2', '1M'], ['resize', '--shrink', 'rs.qcow2', '1M'],
             ['resize', 'rs.qcow2', '--', '-512'], ['resize', 'rs.qcow2', '1Q'], ['resize', 'rs.qcow2'],
             ['resize', '-q', 'rs.qcow2', '3M'], ['resize', 'rs.qcow2', '+1000'], ['resize', 'rs.raw', '1500'],
             ['resize', '-f', 'raw', 'rs.raw', '+1000'], ['resize', '-f', 'raw', '--shrink', 'rs.raw', '1000'],
             ['resize', 'rs.qcow2', '--', '-99999999999'], ['resize', '-f', 'qcow2', 'rs.raw', '1M'],
             ['info', 'rs.qcow2'], ['info', 'rs.raw']]:
    same_run('qemu-img ' + ' '.join(args) + ': as QEMU', args)
for d in D.values():
    subprocess.run(['qemu-io', '-f', 'qcow2', '-c', 'write -P 9 0 3M', 'rs.qcow2'], cwd=d, check=True,
                   capture_output=True)
    subprocess.run([THEIRS, 'snapshot', '-c', 'keep', 'rs.qcow2'], cwd=d, check=True)
same_run('resize --shrink with data and a snapshot: as QEMU', ['resize', '--shrink', 'rs.qcow2', '1536k'])
same_run('resize again to grow', ['resize', 'rs.qcow2', '4M'])
for name, d in D.items():
    chk = run(THEIRS, ['check', 'rs.qcow2'], d)
    raw = run(THEIRS, ['convert', '-O', 'raw', 'rs.qcow2', 'rs-view.raw'], d)
    with open(d + '/rs-view.raw', 'rb') as f:
        view = f.read()
    tap.report(chk[0] == 0 and view == b'\x09' * 1536 * 1024 + bytes(4 * 1024 * 1024 - 1536 * 1024),
               f'{name}: clean, the kept data there and the regrown part zero', chk)

# rebase and commit: the same answers, and images QEMU finds clean and equal to its own
for d in D.values():
    for cmd in [['create', '-q', '-f', 'qcow2', 'rb-base.qcow2', '4M'], ['create', '-q', '-f', 'qcow2', 'rb-base2.qcow2', '4M'],
                ['create', '-q', '-f', 'qcow2', '-b', 'rb-base.qcow2', '-F', 'qcow2', 'rb-top.qcow2'],
                ['create', '-q', '-f', 'qcow2', '-b', 'rb-base2.qcow2', '-F', 'qcow2', 'rb-t2.qcow2']]:
        subprocess.run([THEIRS] + cmd, cwd=d, check=True)
    for img, cmd in [('rb-base.qcow2', 'write -P 1 0 1M'), ('rb-base2.qcow2', 'write -P 5 512k 1M'),
                     ('rb-top.qcow2', 'write -P 2 1M 1M'), ('rb-t2.qcow2', 'write -P 3 0 64k')]:
        subprocess.run(['qemu-io', '-f', 'qcow2', '-c', cmd, img], cwd=d, check=True, capture_output=True)
for args in [['rebase', 'rb-top.qcow2'], ['rebase', '-u', '-b', 'rb-base2.qcow2', 'rb-top.qcow2'],
             ['rebase', '-u', '-b', 'rb-base.qcow2', '-F', 'qcow2', 'rb-top.qcow2'],
             ['rebase', '-b', 'rb-base2.qcow2', '-F', 'qcow2', 'rb-top.qcow2'],
             ['compare', 'rb-top.qcow2', 'rb-base.qcow2'], ['rebase', '-b', '', 'rb-top.qcow2'],
             ['commit', 'rb-top.qcow2'], ['commit', 'rb-t2.qcow2'], ['compare', 'rb-base2.qcow2', 'rb-t2.qcow2'],
             ['commit', '-d', 'rb-t2.qcow2'], ['commit', '-q', 'rb-t2.qcow2'],
             ['commit', '-b', 'rb-base.qcow2', 'rb-t2.qcow2'], ['rebase', '-u', '-b', 'nonexist', '-F', 'qcow2', 'rb-t2.qcow2'],
             ['rebase', '-b', 'nonexist', '-F', 'qcow2', 'rb-t2.qcow2'],
             ['rebase', '-u', '-b', 'rb-base2.qcow2', '-F', 'qcow2', 'rb-t2.qcow2'],
             ['rebase', '-b', 'nonexist', '-F', 'qcow2', 'rb-t2.qcow2']]:
    same_run('qemu-img ' + ' '.join(args) + ': as QEMU', args)
for img in ['rb-top.qcow2', 'rb-t2.qcow2', 'rb-base2.qcow2']:
    chk = run(THEIRS, ['check', os.path.join(D['ours'], img)])
    cmp = run(THEIRS, ['compare', os.path.join(D['ours'], img), os.path.join(D['theirs'], img)])
    tap.report(chk[0] == 0 and cmp[0] == 0, f'{img} after our rebase/commit: clean, and what QEMU\'s tools made',
               f'{chk}\n{cmp}')

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
qemu('create', '-f', 'qcow2', '-o', 'extended_l2=on', 'sub.qcow2', '4M')
qemu_io('sub.qcow2', 'write -P 1 5k 3k', 'write -z 100k 200k', 'write -P 2 1M 64k')
for img in ['data.raw', 'comp.qcow2', 'zstd.qcow2', 'top.qcow2', 'sub/rel.qcow2', 'v2.qcow2', 'sub.qcow2']:
    for opts in [[], ['--output=json'], ['--output=json', '--start-offset=1M', '--max-length=3M']]:
        o, t = run(OURS, ['map'] + opts + [img], W), run(THEIRS, ['map'] + opts + [img], W)
        tap.report(o == t, f'map {" ".join(opts)} {img}: as QEMU', f'ours {o}\ntheirs {t}')
for args in [['-O', 'qcow2', '--size', '1M'], ['-O', 'qcow2', '--size', '100G'],
             ['-O', 'qcow2', '-o', 'cluster_size=4k,refcount_bits=1', '--size', '1G'],
             ['-O', 'qcow2', '-o', 'extended_l2=on', '--size', '1G'], ['-O', 'raw', '--size', '1G'],
             ['--output=json', '-O', 'qcow2', '--size', '1G'], ['-O', 'qcow2', 'data.raw'],
             ['-O', 'qcow2', '--output=json', 'top.qcow2'], ['-O', 'qcow2', '-o', 'compat=0.10', 'comp.qcow2'],
             ['zstd.qcow2'], ['-O', 'qcow2', '--size', '1G', 'comp.qcow2'], ['-O', 'qcow2'],
             ['-O', 'qcow2', '--size', '1Q'], ['-O', 'qcow2', '-o', 'cluster_size=512', '--size', '10G'],
             ['-O', 'qcow2', '-o', 'preallocation=metadata', '--size', '1G'],
             ['-O', 'qcow2', '-o', 'preallocation=falloc', '--size', '1G'],
             ['-O', 'qcow2', '-o', 'preallocation=full', 'data.raw']]:
    o, t = run(OURS, ['measure'] + args, W), run(THEIRS, ['measure'] + args, W)
    tap.report(o == t, f'measure {" ".join(args)}: as QEMU', f'ours {o}\ntheirs {t}')
for img in ['comp.qcow2', 'zstd.qcow2', 'top.qcow2', 'v2.qcow2']:
    for opts in [[], ['--output=json']]:
        o, t = run(OURS, ['check'] + opts + [img], W), run(THEIRS, ['check'] + opts + [img], W)
        tap.report(o == t, f'check {" ".join(opts)} {img} (clean): as QEMU', f'ours {o}\ntheirs {t}')


def poke(img, at, data):
    with open(img, 'r+b') as f:
        f.seek(at)
        f.write(data)


# compare, content and (strict) allocation, on the same files with both tools
shutil.copy(W + '/data.raw', W + '/data2.raw')
poke(W + '/data2.raw', 1000000, b'X')
with open(W + '/long.raw', 'wb') as f:
    f.write(open(W + '/data.raw', 'rb').read() + bytes(1 << 20))
for args in [['data.raw', 'comp.qcow2'], ['data.raw', 'data2.raw'], ['data.raw', 'long.raw'],
             ['-s', 'data.raw', 'long.raw'], ['-s', 'data.raw', 'zstd.qcow2'], ['-s', 'comp.qcow2', 'top.qcow2'],
             ['top.qcow2', 'comp.qcow2'], ['-q', 'data.raw', 'data2.raw'], ['data.raw', 'nonexist'], ['data.raw'],
             ['-f', 'raw', '-F', 'qcow2', 'data.raw', 'zstd.qcow2']]:
    o, t = run(OURS, ['compare'] + args, W), run(THEIRS, ['compare'] + args, W)
    tap.report(o == t, f'compare {" ".join(args)}: as QEMU', f'ours {o}\ntheirs {t}')

# snapshots: the same answers, and data that QEMU writes between ours -c, -a and -d
for args in [['snapshot', '-l', 'sn.qcow2'], ['snapshot', '-c', 's', 'sn.qcow2'], ['snapshot', '-c', 's', 'sn.qcow2'],
             ['snapshot', '-a', 'nope', 'sn.qcow2'], ['snapshot', '-d', 'nope', 'sn.qcow2'],
             ['snapshot', '-a', '1', 'sn.qcow2'], ['snapshot', '-d', 's', 'sn.qcow2'], ['snapshot', 'sn.qcow2'],
             ['snapshot', '-l', '-c', 'x', 'sn.qcow2'], ['snapshot', '-c', 's', 'rs.raw'],
             ['snapshot', '-c', '', 'sn.qcow2']]:
    for d in D.values():
        if not os.path.exists(d + '/sn.qcow2'):
            subprocess.run([THEIRS, 'create', '-q', '-f', 'qcow2', 'sn.qcow2', '1M'], cwd=d, check=True)
    same_run('qemu-img ' + ' '.join(args) + ': as QEMU', args)
for opts in ['cluster_size=64k', 'extended_l2=on', 'cluster_size=4k,refcount_bits=8', 'compat=0.10']:
    img = f'snap-{opts.replace(",", "-").replace("=", "")}.qcow2'
    qemu('create', '-f', 'qcow2', '-o', opts, img, '4M')
    qemu_io(img, 'write -P 1 0 2M', 'write -z 2M 512k')
    views = []
    ok = True
    for step, cmds in enumerate([['write -P 2 512k 1M'], ['write -P 3 1536k 1M', 'discard 0 64k'], []]):
        ok = ok and run(OURS, ['snapshot', '-c', f'v{step}', img], W)[0] == 0
        views.append(run(THEIRS, ['convert', '-O', 'raw', img, f'{img}.v{step}'], W)[0] == 0 and
                     open(f'{W}/{img}.v{step}', 'rb').read())
        if cmds:
            qemu_io(img, *cmds)
    qemu('snapshot', '-c', 'theirs', img)
    qemu_io(img, 'write -P 4 0 4M')
    for step in [1, 0, 2]:
        ok = ok and run(OURS, ['snapshot', '-a', f'v{step}', img], W)[0] == 0
        run(THEIRS, ['convert', '-O', 'raw', img, f'{img}.now'], W)
        ok = ok and open(f'{W}/{img}.now', 'rb').read() == views[step] and run(THEIRS, ['check', img], W)[0] == 0
    ok = ok and run(OURS, ['snapshot', '-d', 'v1', img], W)[0] == 0 and run(OURS, ['snapshot', '-d', 'theirs', img], W)[0] == 0
    ok = ok and run(THEIRS, ['snapshot', '-a', 'v0', img], W)[0] == 0
    run(THEIRS, ['convert', '-O', 'raw', img, f'{img}.now'], W)
    chk = run(THEIRS, ['check', img], W)
    ok = ok and open(f'{W}/{img}.now', 'rb').read() == views[0] and chk[0] == 0
    lst = run(THEIRS, ['snapshot', '-l', img], W)[1]
    tap.report(ok and ' v0 ' in lst and ' v2 ' in lst and ' v1 ' not in lst and 'theirs' not in lst,
               f'snapshots ({opts}): ours made, applied and deleted, QEMU agrees on every view', f'{chk} {lst}')

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
# amend: on twin images QEMU made, the same answers and (where no time stamp differs) the same
# bytes; where the two lay clusters out differently, images QEMU finds clean and equal to its own
AMEND_SETUP = {
    'empty': [['create', '-f', 'qcow2', 'a.qcow2', '4M']],
    'zeroes': [['create', '-f', 'qcow2', 'a.qcow2', '4M'],
               ['io', 'write -P 7 0 1M', 'write -z 256k 128k', 'write -z -u 640k 64k', 'write -z 2M 64k']],
    'backed': [['create', '-f', 'qcow2', 'b.qcow2', '4M'], ['io-b', 'write -P 1 0 4M'],
               ['create', '-f', 'qcow2', '-b', 'b.qcow2', '-F', 'qcow2', 'a.qcow2'],
               ['io', 'write -P 7 0 1M', 'write -z 256k 128k', 'write -z -u 640k 64k', 'write -z 2M 64k']],
    'snap': [['create', '-f', 'qcow2', 'a.qcow2', '4M'], ['io', 'write -P 7 0 1M', 'write -z 256k 128k'],
             ['snapshot', '-c', 's1', 'a.qcow2'], ['io', 'write -z 0 64k', 'write -P 3 3M 64k']],
    'v2': [['create', '-f', 'qcow2', '-o', 'compat=0.10', 'a.qcow2', '4M'], ['io', 'write -P 7 0 1M'],
           ['snapshot', '-c', 's1', 'a.qcow2']],
    'lazy-backed': [['create', '-f', 'qcow2', '-o', 'lazy_refcounts=on', 'b.qcow2', '4M'],
                    ['create', '-f', 'qcow2', '-o', 'lazy_refcounts=on', '-b', 'b.qcow2', '-F', 'qcow2', 'a.qcow2'],
                    ['io', 'write -P 7 0 1M', 'write -z 256k 128k']],
    'big-cluster': [['create', '-f', 'qcow2', '-o', 'cluster_size=256k', 'a.qcow2', '1G'],
                    ['io', 'write -P 5 0 1M']],
    'snap-resized': [['create', '-f', 'qcow2', 'a.qcow2', '4M'], ['snapshot', '-c', 's1', 'a.qcow2'],
                     ['resize', 'a.qcow2', '8M']],
    'extl2': [['create', '-f', 'qcow2', '-o', 'extended_l2=on', 'a.qcow2', '4M']],
    'zstd': [['create', '-f', 'qcow2', '-o', 'compression_type=zstd', 'a.qcow2', '4M']],
    'zstd-data': [['convert', '-c', '-O', 'qcow2', '-o', 'compression_type=zstd', '-f', 'raw', 'zs.raw', 'a.qcow2']],
}


def amend_setup(name):
    for d in D.values():
        for f in os.listdir(d):
            os.unlink(os.path.join(d, f))
        with open(d + '/zs.raw', 'wb') as f:
            f.write(b'compressible text\n' * 60000)
        for cmd in AMEND_SETUP[name]:
            if cmd[0].startswith('io'):
                img = 'b.qcow2' if cmd[0] == 'io-b' else 'a.qcow2'
                subprocess.run(['qemu-io', '-f', 'qcow2'] + [a for c in cmd[1:] for a in ('-c', c)] + [img],
                               cwd=d, check=True, capture_output=True)
            else:
                subprocess.run([THEIRS] + cmd, cwd=d, check=True, capture_output=True)


for setup, opts, same_bytes in [
        ('empty', ['-o', 'help', 'a.qcow2'], True), ('empty', ['-f', 'qcow2', '-o', 'help'], True),
        ('empty', ['-o', 'help'], True), ('empty', ['-f', 'raw', '-o', 'help'], True),
        ('empty', ['-o', 'compat=0.10', 'a.qcow2'], True), ('empty', ['-o', 'compat=v2,compat=v3', 'a.qcow2'], True),
        ('empty', ['-o', 'lazy_refcounts=on', 'a.qcow2'], True),
        ('empty', ['-o', 'lazy_refcounts=on,compat=0.10', 'a.qcow2'], True),
        ('empty', ['-o', 'cluster_size=4k', 'a.qcow2'], True), ('empty', ['-o', 'foo=1', 'a.qcow2'], True),
        ('empty', ['-o', 'encryption=on', 'a.qcow2'], True), ('empty', ['-o', 'encrypt.state=active', 'a.qcow2'], True),
        ('empty', ['-o', 'size=128M', 'a.qcow2'], True), ('empty', ['-o', 'size=1M', 'a.qcow2'], True),
        ('empty', ['-o', 'refcount_bits=3', 'a.qcow2'], True), ('empty', ['-o', 'data_file=x', 'a.qcow2'], True),
        ('empty', ['-o', 'data_file_raw=on', 'a.qcow2'], True), ('empty', ['-o', 'backing_file=b', 'a.qcow2'], True),
        ('empty', ['-o', 'backing_fmt=raw', 'a.qcow2'], True), ('empty', ['-o', 'compat=0.9', 'a.qcow2'], True),
        ('empty', ['a.qcow2'], True), ('empty', ['-o', '', 'a.qcow2'], True),
        ('empty', ['-p', '-o', 'compat=0.10', 'a.qcow2'], True), ('empty', ['-o', 'lazy_refcounts=x', 'a.qcow2'], True),
        ('empty', ['-o', 'refcount_bits=x', 'a.qcow2'], True), ('empty', ['-o', 'size=x', 'a.qcow2'], True),
        ('empty', ['-o', 'compat=1.1', 'a.qcow2', 'b'], True), ('empty', ['-t', 'x', '-o', 'compat=1.1', 'a.qcow2'], True),
        ('empty', ['-t', 'none', '-q', '-p', '-o', 'compat=v2', 'a.qcow2'], True),
        ('empty', ['-o', 'compat=1.1', 'nonexist.qcow2'], True), ('empty', ['--force', '-o', 'compat=1.1', 'a.qcow2'], True),
        ('zeroes', ['-o', 'compat=0.10', 'a.qcow2'], True), ('backed', ['-o', 'compat=0.10', 'a.qcow2'], True),
        ('zeroes', ['-o', 'lazy_refcounts=on', 'a.qcow2'], True), ('zeroes', ['-o', 'size=8M', 'a.qcow2'], True),
        ('zeroes', ['-o', 'refcount_bits=1', 'a.qcow2'], False), ('snap', ['-o', 'refcount_bits=1', 'a.qcow2'], False),
        ('snap', ['-o', 'refcount_bits=64', 'a.qcow2'], False), ('snap', ['-o', 'refcount_bits=2,size=16M', 'a.qcow2'], False),
        ('snap', ['-o', 'size=1M', 'a.qcow2'], False), ('v2', ['-o', 'compat=1.1', 'a.qcow2'], False),
        ('v2', ['-o', 'refcount_bits=8', 'a.qcow2'], False), ('v2', ['-o', 'refcount_bits=8,compat=1.1', 'a.qcow2'], False),
        ('lazy-backed', ['-o', 'compat=0.10', 'a.qcow2'], True),
        ('lazy-backed', ['-o', 'lazy_refcounts=off', 'a.qcow2'], True),
        ('lazy-backed', ['-o', 'refcount_bits=4', 'a.qcow2'], False),
        ('big-cluster', ['-o', 'refcount_bits=8', 'a.qcow2'], False),
        ('snap-resized', ['-o', 'compat=0.10', 'a.qcow2'], False),
        ('empty', ['-o', ',', 'a.qcow2'], True), ('empty', ['-o', 'cluster_size=4k,bogus=1', 'a.qcow2'], True),
        ('extl2', ['-o', 'compat=0.10', 'a.qcow2'], True), ('zstd', ['-o', 'compat=0.10', 'a.qcow2'], True),
        ('zstd-data', ['-o', 'compat=0.10', 'a.qcow2'], True)]:
    amend_setup(setup)
    args = ['amend'] + opts
    o, t = both(args)
    same = o == t
    if same and same_bytes:
        with open(D['ours'] + '/a.qcow2', 'rb') as a, open(D['theirs'] + '/a.qcow2', 'rb') as b:
            same = a.read() == b.read()
    elif same:
        chk = run(THEIRS, ['check', 'a.qcow2'], D['ours'])
        cmp = run(THEIRS, ['compare', D['ours'] + '/a.qcow2', D['theirs'] + '/a.qcow2'])
        info = [run(THEIRS, ['info', 'a.qcow2'], d)[1].split('Format specific')[-1] for d in D.values()]
        same = chk[0] == 0 and cmp[0] == 0 and info[0] == info[1]
        t = (t, chk, cmp, info)
    tap.report(same, f'amend {" ".join(opts)} on the {setup} image: as QEMU' +
               (', same bytes' if same_bytes else ', clean, same content and info'), f'ours {o}\ntheirs {t}')
# a zero cluster that shares its host cluster with a snapshot: the snapshot keeps its data (QEMU
# 7.2 zeroes the shared cluster in place, and the snapshot with it)
amend_setup('snap')
d = D['ours']
run(THEIRS, ['convert', '-l', 'snapshot.name=s1', '-O', 'raw', 'a.qcow2', 'before.raw'], d)
o = run(OURS, ['amend', '-o', 'compat=0.10', 'a.qcow2'], d)
run(THEIRS, ['convert', '-l', 'snapshot.name=s1', '-O', 'raw', 'a.qcow2', 'after.raw'], d)
chk = run(THEIRS, ['check', 'a.qcow2'], d)
with open(d + '/before.raw', 'rb') as a, open(d + '/after.raw', 'rb') as b:
    tap.report(o[0] == 0 and chk[0] == 0 and a.read() == b.read() and 'compat: 0.10' in run(THEIRS, ['info', 'a.qcow2'], d)[1],
               'amend compat=0.10 with a snapshot: v2, clean, and the snapshot reads as before', f'{o}\n{chk}')
# image locks, with QEMU on the other side: whoever writes an image keeps the other out
QEMU_SYS = shutil.which('qemu-system-riscv64')
QS_SYS = os.path.join(os.path.dirname(OURS), 'qemu-system-riscv64')
qemu('create', '-f', 'qcow2', 'vm.qcow2', '64M')
for holder, other, hname in [(QEMU_SYS, QS_SYS, 'QEMU'), (QS_SYS, QEMU_SYS, 'Quicksilver')]:
    if not QEMU_SYS:
        tap.skip('image locks against QEMU', 'no qemu-system-riscv64')
        break
    vm = subprocess.Popen([holder, '-M', 'virt', '-display', 'none', '-S', '-drive',
                           'file=vm.qcow2,if=virtio,format=qcow2'], cwd=W, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        o = t = ''
        end = time.monotonic() + scaled(60)
        while time.monotonic() < end:  # until the holder has the image open
            t = run(THEIRS, ['info', 'vm.qcow2'], W)
            if t[0]:
                break
            time.sleep(0.2)
        o = run(OURS, ['info', 'vm.qcow2'], W)
        tap.report(o == t and 'Failed to get shared "write" lock' in o[2],
                   f'{hname} runs the image: both qemu-img info refuse alike', f'ours {o}\ntheirs {t}')
        o = run(OURS, ['info', '-U', 'vm.qcow2'], W)
        tap.report(o[0] == 0, f'{hname} runs the image: info -U reads it anyway', o)
        try:  # -S: an emulator that wrongly starts stays stopped until the timeout
            r = subprocess.run([other, '-M', 'virt', '-display', 'none', '-S', '-drive',
                                'file=vm.qcow2,if=virtio,format=qcow2'], cwd=W, capture_output=True, text=True,
                               timeout=scaled(30))
        except subprocess.TimeoutExpired as e:
            r = subprocess.CompletedProcess(e.cmd, -1, '', 'it started')
        tap.report(r.returncode == 1 and 'Failed to get "write" lock' in r.stderr and
                   'Is another process using the image [vm.qcow2]?' in r.stderr,
                   f'{hname} runs the image: the other emulator may not write it', r.stderr)
    finally:
        vm.kill()
        vm.wait()
print("# kept", tmp) if not all(tap.results) else shutil.rmtree(tmp)
tap.finish()
