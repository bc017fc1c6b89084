// SPDX-License-Identifier: GPL-2.0-or-later
/* String-to-number conversions with QEMU's syntax and error texts. */
#ifndef QEMU_CUTILS_H
#define QEMU_CUTILS_H

/* Parses a size with optional k/M/G/T/P/E suffix (binary); bare numbers are scaled by unit. */
int qemu_strtosz(const char *s, uint64_t unit, uint64_t *result);
/* Strict integer parsing of a whole string, base 0 (decimal, 0x hex, 0 octal). 0 or -errno. */
int qemu_strtoi64(const char *s, int64_t *result);
int qemu_strtou64(const char *s, uint64_t *result);
/* QEMU identifiers: letters, digits, '-', '.', '_', starting with a letter. */
bool id_wellformed(const char *id);
/* The same, reporting QEMU's "Parameter 'id' expects an identifier" with its hint. */
bool id_check_wellformed(const char *id, Error **errp);
/* Formats a byte count as QEMU does in help text ("2 MiB", "512 B"). */
char *size_to_str(uint64_t val);
/* QEMU's size_to_str: three significant digits and a binary unit ("315 KiB", "1.5 GiB"). */
char *size_to_human(uint64_t val);

#endif
