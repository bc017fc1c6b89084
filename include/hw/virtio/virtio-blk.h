// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * virtio-blk-device: a disk on a BlockBackend (VIRTIO 1.2 section 5.2), with QEMU's property
 * names and defaults. "-device virtio-blk-device,drive=hd0" plugs it into a free virtio bus;
 * virtio-blk-pci (alias virtio-blk, what -drive if=virtio makes) carries one on PCI.
 */
#ifndef HW_VIRTIO_VIRTIO_BLK_H
#define HW_VIRTIO_VIRTIO_BLK_H

#include "hw/virtio/virtio.h"
#include "sysemu/block-backend.h"

#define TYPE_VIRTIO_BLK "virtio-blk-device"
#define VIRTIO_BLK(obj) OBJECT_CHECK(VirtIOBlock, (obj), TYPE_VIRTIO_BLK)

/* Feature bits (spec 5.2.3). */
enum {
	VIRTIO_BLK_F_SIZE_MAX = 1,
	VIRTIO_BLK_F_SEG_MAX = 2,
	VIRTIO_BLK_F_GEOMETRY = 4,
	VIRTIO_BLK_F_RO = 5,
	VIRTIO_BLK_F_BLK_SIZE = 6,
	VIRTIO_BLK_F_FLUSH = 9,
	VIRTIO_BLK_F_TOPOLOGY = 10,
	VIRTIO_BLK_F_CONFIG_WCE = 11,
	VIRTIO_BLK_F_MQ = 12,
	VIRTIO_BLK_F_DISCARD = 13,
	VIRTIO_BLK_F_WRITE_ZEROES = 14,
};

/* Request types and status values (spec 5.2.6). */
enum {
	VIRTIO_BLK_T_IN = 0,
	VIRTIO_BLK_T_OUT = 1,
	VIRTIO_BLK_T_FLUSH = 4,
	VIRTIO_BLK_T_GET_ID = 8,
	VIRTIO_BLK_T_GET_LIFETIME = 10,
	VIRTIO_BLK_T_DISCARD = 11,
	VIRTIO_BLK_T_WRITE_ZEROES = 13,
};

#define VIRTIO_BLK_T_BARRIER		   0x80000000u /* legacy flag, ignored */
#define VIRTIO_BLK_WRITE_ZEROES_FLAG_UNMAP 1u

enum {
	VIRTIO_BLK_S_OK = 0,
	VIRTIO_BLK_S_IOERR = 1,
	VIRTIO_BLK_S_UNSUPP = 2,
};

/* Offsets in struct virtio_blk_config. */
enum {
	VIRTIO_BLK_CFG_CAPACITY = 0,	    /* le64, 512-byte sectors */
	VIRTIO_BLK_CFG_SIZE_MAX = 8,	    /* le32 */
	VIRTIO_BLK_CFG_SEG_MAX = 12,	    /* le32 */
	VIRTIO_BLK_CFG_CYLINDERS = 16,	    /* le16 */
	VIRTIO_BLK_CFG_HEADS = 18,	    /* u8 */
	VIRTIO_BLK_CFG_SECTORS = 19,	    /* u8 */
	VIRTIO_BLK_CFG_BLK_SIZE = 20,	    /* le32 */
	VIRTIO_BLK_CFG_PHYS_BLOCK_EXP = 24, /* u8 */
	VIRTIO_BLK_CFG_ALIGN_OFFSET = 25,   /* u8 */
	VIRTIO_BLK_CFG_MIN_IO_SIZE = 26,    /* le16, blocks */
	VIRTIO_BLK_CFG_OPT_IO_SIZE = 28,    /* le32, blocks */
	VIRTIO_BLK_CFG_WRITEBACK = 32,	    /* u8 */
	VIRTIO_BLK_CFG_NUM_QUEUES = 34,	    /* le16 */
	VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS = 36,
	VIRTIO_BLK_CFG_MAX_DISCARD_SEG = 40,
	VIRTIO_BLK_CFG_DISCARD_ALIGN = 44,
	VIRTIO_BLK_CFG_MAX_WRITE_ZEROES_SECTORS = 48,
	VIRTIO_BLK_CFG_MAX_WRITE_ZEROES_SEG = 52,
	VIRTIO_BLK_CFG_WRITE_ZEROES_MAY_UNMAP = 56, /* u8 */
	VIRTIO_BLK_CFG_SIZE = 60,
};

#define VIRTIO_BLK_ID_BYTES	   20
#define VIRTIO_BLK_SECTOR_SIZE	   512
#define VIRTIO_BLK_MAX_SECTORS	   4194303 /* QEMU's request limit: INT_MAX >> 9 */
#define VIRTIO_BLK_AUTO_NUM_QUEUES UINT16_MAX

typedef struct VirtIOBlock {
	VirtIODevice parent_obj;
	/* properties */
	BlockBackend *blk;
	char *serial;
	bool config_wce;
	OnOffAuto write_cache;
	uint32_t logical_block_size, physical_block_size; /* 0: the backend's (512) */
	uint64_t min_io_size, opt_io_size;
	bool discard, write_zeroes;
	uint32_t max_discard_sectors, max_write_zeroes_sectors;
	uint16_t num_queues, queue_size;
	bool seg_max_adjust;
	/* state */
	uint64_t capacity;   /* sectors */
	bool original_wce;   /* cache mode to go back to on reset */
	struct BlkReq *held; /* failed requests werror/rerror=stop keeps, newest first */
	bool vm_wce;	     /* savevm: the write cache mode the driver chose */
} VirtIOBlock;

#endif
