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
/* "  name=<type>   - help" lines of an option table, sorted; without protocol, its own only. */
void img_print_opts(const BlockCreateOpt *opts, bool protocol);
/* "-o help" for a format, for an image file named (with_file) or not. */
void img_print_create_help(const BlockDriver *drv, bool with_file);
/* Every -o key must be one of the format's create options. */
bool img_check_create_opts(const BlockDriver *drv, QemuOpts *opts, Error **errp);
/* The "Formatting 'F', fmt=..." line. */
void img_print_formatting(const char *filename, const BlockDriver *drv, QemuOpts *opts);
/*
 * -p: "    (12.34/100%)\r" as the work advances, as QEMU prints it: at 0 and 100 and whenever
 * the percentage has moved by more than one since the last line; a newline at the end.
 */
typedef struct ImgProgress {
	bool on;
	float last;
} ImgProgress;
void img_progress_start(ImgProgress *p, bool on);
void img_progress_set(ImgProgress *p, uint64_t done, uint64_t total);
void img_progress_end(ImgProgress *p);

#endif
