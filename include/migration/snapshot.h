// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Whole-machine snapshots in the drives' qcow2 images (migration/savevm.c): what HMP's savevm,
 * loadvm, delvm and "info snapshots" and the -loadvm option do, with QEMU 7.2's errors.
 */
#ifndef MIGRATION_SNAPSHOT_H
#define MIGRATION_SNAPSHOT_H

/* name NULL: "vm-YYYYMMDDhhmmss". A snapshot of the same name is replaced. */
bool save_snapshot(const char *name, Error **errp);
/* By id or name; the VM resumes if it was running. */
bool load_snapshot(const char *name, Error **errp);
/* By id or name, on every drive that has it; none having it is no error. */
bool delete_snapshot(const char *name, Error **errp);
/*
 * The same on the drives QMP's snapshot-save/-load/-delete name (BlockDriverState *, the
 * one storing the VM state first); save_snapshot_on without overwrite refuses a taken name.
 */
bool save_snapshot_on(GPtrArray *nodes, const char *name, bool overwrite, Error **errp);
bool load_snapshot_from(GPtrArray *nodes, const char *name, Error **errp);
bool delete_snapshot_on(GPtrArray *nodes, const char *name, Error **errp);
/* False with QEMU's message when a device has no saved state (savevm would refuse). */
bool snapshot_check_blockers(Error **errp);
/* Whether every one of the nodes has a snapshot of this name. */
bool snapshot_on_all(GPtrArray *nodes, const char *name);
/* "info snapshots", as QEMU prints it. */
void snapshot_info(void (*print)(void *opaque, const char *text), void *opaque);

#endif
