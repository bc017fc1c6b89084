#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes a binary's manual page (roff) from its own -version and -h, so the two cannot
disagree: NAME and DESCRIPTION from -version, OPTIONS from -h (an option line, then its
description indented by 16 columns), and FILES for the firmware search path.
Usage: make-manpage.py BINARY OUT.1"""
import datetime, os, subprocess, sys

binary, out = sys.argv[1], sys.argv[2]
name = os.path.basename(binary)
version = subprocess.run([binary, '-version'], capture_output=True, text=True, check=True).stdout.splitlines()
helptext = subprocess.run([binary, '-h'], capture_output=True, text=True, check=True).stdout.splitlines()


def roff(text):
    """Escapes text for roff: backslashes, hyphens and a leading dot or quote."""
    text = text.replace('\\', '\\e').replace('-', '\\-')
    return '\\&' + text if text[:1] in ('.', "'") else text


options = []  # (synopsis, [description lines])
for line in helptext:
    if line.startswith('-'):
        head, _, desc = line.partition('  ')
        options.append((head.strip(), [desc.strip()] if desc.strip() else []))
    elif line.startswith(' ' * 16) and options:
        options[-1][1].append(line.strip())

# SOURCE_DATE_EPOCH keeps the page reproducible
epoch = os.environ.get('SOURCE_DATE_EPOCH')
date = datetime.datetime.fromtimestamp(int(epoch) if epoch else datetime.datetime.now().timestamp(),
                                       datetime.timezone.utc)
page = [
    f'.TH {roff(name.upper())} 1 "{date:%Y-%m-%d}" "{roff(version[1].split(":")[0])}" "User Commands"',
    '.SH NAME',
    f'{roff(name)} \\- {roff(version[1].split(": ", 1)[-1])}',
    '.SH SYNOPSIS',
    f'.B {roff(name)}',
    '[\\fIoptions\\fR] [\\fIdisk_image\\fR]',
    '.SH DESCRIPTION',
    roff(version[1]) + '.',
    'Each option is spelled, and behaves, as in QEMU; a value of',
    '.B help',
    '(as in \\fB\\-device help\\fR or \\fB\\-device virtio\\-blk\\-device,help\\fR) lists what it takes.',
    '.SH OPTIONS',
]
for head, desc in options:
    page += ['.TP', f'.B {roff(head)}'] + [roff(d) for d in desc]
page += [
    '.SH FILES',
    '.TP',
    '.I PREFIX/share/quicksilver',
    'searched for firmware (\\fB\\-bios default\\fR loads',
    '.IR opensbi\\-riscv64\\-generic\\-fw_dynamic.bin ),',
    'after the \\fB\\-L\\fR directories and before Debian\'s',
    '.I /usr/lib/riscv64\\-linux\\-gnu/opensbi/generic',
    'and',
    '.IR /usr/share/qemu ;',
    'share/quicksilver beside the binary\'s own folder is searched too.',
    '.SH SEE ALSO',
    '.BR qemu (1),',
    'the README in',
    '.IR PREFIX/share/doc/quicksilver .',
    '.SH COPYRIGHT',
    roff(version[2]),
]
with open(out, 'w') as f:
    f.write('\n'.join(page) + '\n')
