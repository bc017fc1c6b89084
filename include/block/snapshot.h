// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Internal snapshots of all drives at once (block/snapshot.c), for savevm and its kin, with
 * QEMU 7.2's rules and messages; and the table row qemu-img and the monitor print.
 */
#ifndef BLOCK_SNAPSHOT_H
#define BLOCK_SNAPSHOT_H

#include "block/block_int.h"

/*
 * The nodes a whole-machine snapshot covers: the root of every writable drive, in drive
 * order, the first of them storing the VM state. NULL with QEMU's error when a writable
 * drive cannot take snapshots or there is no drive that can.
 */
GPtrArray *bdrv_all_snapshot_nodes(Error **errp);
/* The same nodes without the check of the others ("info snapshots" lists what there is). */
GPtrArray *bdrv_all_snapshot_capable(Error **errp);
/* Writable, and of a format with internal snapshots. */
bool bdrv_can_snapshot(BlockDriverState *bs);
/* The name errors give a node: its drive's id, else its node-name. */
const char *bdrv_snapshot_node_name(BlockDriverState *bs);
/* The node's snapshots as QEMU's SnapshotInfo dicts (an empty list when it has none). */
QValue bdrv_snapshot_list(BlockDriverState *bs);
/* In such a list, the snapshot with this name (never an id: QEMU's savevm looks up names). */
const QValue *bdrv_snapshot_find_name(const QValue *list, const char *name);
int64_t bdrv_snapshot_field(const QValue *sn, const char *key, int64_t def);
/* The VM state area of a node (past its disk, in qcow2), written and read by byte offset. */
int bdrv_save_vmstate(BlockDriverState *bs, const void *buf, int64_t pos, int64_t size);
int bdrv_load_vmstate(BlockDriverState *bs, void *buf, int64_t pos, int64_t size);

/* The column header of snapshot tables, and one row (id NULL: the snapshot's own). */
extern const char bdrv_snapshot_header[];
char *bdrv_snapshot_row(const QValue *sn, const char *id);

#endif
