// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What QMP and qemu-img say of an image: QAPI's ImageInfo (qemu-img info --output=json, and
 * query-block's "image" with its backing chain), built from what the format driver reports.
 */
#ifndef BLOCK_QAPI_H
#define BLOCK_QAPI_H

#include "block/block_int.h"

typedef struct BlockImageInfo {
	char *filename, *format;
	uint64_t virtual_size;
	int64_t actual_size; /* host bytes allocated; negative: unknown */
	BlockFormatInfo fmt;
	char *full_backing; /* the backing file's name relative to the image */
} BlockImageInfo;

/* Fills i from an open node; filename is the name to show. */
void bdrv_collect_image_info(BlockDriverState *bs, const char *filename, BlockImageInfo *i);
void bdrv_image_info_free(BlockImageInfo *i);
/* ImageInfo's keys in QEMU's order (without backing-image). */
QValue bdrv_image_info_json(const BlockImageInfo *i);
/* The same for an open node, with "backing-image" for each node of its backing chain. */
QValue bdrv_image_info_chain(BlockDriverState *bs);

/* HMP info block [-n] [device]: each drive (the one named; with -n every node) as QEMU. */
void hmp_info_block(GString *out, const char *arg);
/* block_resize (QMP and HMP): a drive's medium, or a node, to size bytes; the device is told. */
bool block_resize(const char *device, const char *node, int64_t size, Error **errp);

/* eject (QMP and HMP): the medium of a drive no device holds, by drive name or device id. */
bool block_eject(const char *device, const char *id, Error **errp);

#endif
