// SPDX-License-Identifier: GPL-2.0-or-later
/* Binary size units, as QEMU spells them. */
#ifndef QEMU_UNITS_H
#define QEMU_UNITS_H

#define KiB (1024ULL)
#define MiB (1024ULL * KiB)
#define GiB (1024ULL * MiB)

#endif
