// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Device properties for block devices: drive= links a device to a BlockBackend by its -drive
 * id or -blockdev node-name and claims it (a drive serves one device), and the block size
 * properties take QEMU's powers of two between 512 B and 2 MiB. Errors use QEMU's texts.
 */
#ifndef HW_BLOCK_BLOCK_PROPS_H
#define HW_BLOCK_BLOCK_PROPS_H

#include "qom/property.h"

/* A BlockBackend * field; "" detaches. */
extern const PropertyInfo prop_info_drive;
/* A uint32_t field of bytes; 0 means "as the backend says". */
extern const PropertyInfo prop_info_blocksize;

#define BLOCKSIZE_MIN 512
#define BLOCKSIZE_MAX (2 * 1024 * 1024)

#endif
