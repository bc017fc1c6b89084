// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img's shared pieces: the subcommand registry (each img-*.c registers its own command
 * from a constructor), opening images, and the size and output-format parsing every command
 * spells as QEMU 7.2's qemu-img does.
 */
#ifndef TOOLS_QEMU_IMG_H
#define TOOLS_QEMU_IMG_H

#include "block/block_int.h"

typedef int ImgCommandFn(int argc, char **argv);

void img_register(const char *name, ImgCommandFn *fn);
#define img_command(name, fn)                                                                      \
	static void __attribute__((constructor)) fn##_register(void)                               \
	{                                                                                          \
		img_register(name, fn);                                                            \
	}

/* "Try 'qemu-img --help' for more information"; returns 1 for the exit status. */
int img_usage_error(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* getopt's ':' (missing argument) or '?' (unknown option) as qemu-img words them; 1. */
int img_bad_option(int c, char **argv);
/* --output=human|json */
bool img_parse_output(const char *arg, bool *json);
/* The size argument ("1G", "512M", "100"), as qemu-img reads it. */
bool img_parse_size(const char *s, uint64_t *size);
void img_report_bad_size(void);
/* QEMU's human sizes: "196 KiB", "1 GiB". */
char *img_size_to_str(uint64_t v);
/* Opens for reading (or writing with BDRV_O_RDWR); reports "Could not open 'F': ..." itself. */
BlockDriverState *img_open(const char *filename, const char *fmt, int flags);
/* A node's length in whole sectors, as QEMU's block layer reports it. */
int64_t img_length(BlockDriverState *bs);
/* "Snapshot list:" and its table, from BlockFormatInfo.snapshots. */
void img_print_snapshots(const QValue *list);
/* "-o help" for a format. */
void img_print_create_help(const BlockDriver *drv);
/* Every -o key must be one of the format's create options. */
bool img_check_create_opts(const BlockDriver *drv, QemuOpts *opts, Error **errp);
/* The "Formatting 'F', fmt=..." line. */
void img_print_formatting(const char *filename, const BlockDriver *drv, QemuOpts *opts);
/* Host bytes the image file occupies (st_blocks). */
int64_t img_disk_size(const char *filename);

#endif
