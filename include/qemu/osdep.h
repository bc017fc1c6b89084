// SPDX-License-Identifier: GPL-2.0-or-later
/* Common includes and small helpers every Quicksilver source file starts with. */
#ifndef QEMU_OSDEP_H
#define QEMU_OSDEP_H

#include "config-host.h"
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <inttypes.h>
#include <unistd.h>
#include <fcntl.h>
#include <glib.h>

#define ARRAY_SIZE(a)			(sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))
#define QEMU_ALIGN_DOWN(n, m)		((n) / (m) * (m))
#define QEMU_ALIGN_UP(n, m)		QEMU_ALIGN_DOWN((n) + (m)-1, (m))
#define QEMU_IS_ALIGNED(n, m)		(((n) % (m)) == 0)
#define QEMU_DIV_ROUND_UP(n, d)		(((n) + (d)-1) / (d))
#define likely(x)			__builtin_expect(!!(x), 1)
#define unlikely(x)			__builtin_expect(!!(x), 0)
#define QEMU_NORETURN			__attribute__((noreturn))
#define QEMU_PRINTF(a, b)		__attribute__((format(printf, a, b)))

#include "qemu/error.h"

#endif
