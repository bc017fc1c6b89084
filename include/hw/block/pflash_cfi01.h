// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CFI parallel NOR flash with the Intel/Sharp command set (QEMU's "cfi.pflash01"): a bank of
 * width/device-width identical devices side by side, read directly like ROM in read-array mode,
 * programmed and erased through commands, its contents kept in a drive. Boards create it; the
 * virt board has two 32 MiB banks for firmware code and variables.
 */
#ifndef HW_BLOCK_PFLASH_CFI01_H
#define HW_BLOCK_PFLASH_CFI01_H

#include "hw/sysbus.h"

#define TYPE_PFLASH_CFI01 "cfi.pflash01"
#define PFLASH_CFI01(obj) OBJECT_CHECK(PFlashCFI01, (obj), TYPE_PFLASH_CFI01)

typedef struct BlockBackend BlockBackend;

typedef struct PFlashCFI01 {
	SysBusDevice parent_obj;
	MemoryRegion mem;
	MemoryRegionOps ops;
	/* properties */
	BlockBackend *blk;
	uint32_t num_blocks;
	uint64_t sector_len;
	uint8_t bank_width, device_width, max_device_width;
	bool big_endian;
	bool old_multiple_chip_handling;
	uint16_t ident[4];
	char *name;
	/* geometry, from the properties at realize */
	uint64_t size;
	uint32_t writeblock_size; /* the write buffer of the whole bank */
	uint8_t cfi_table[0x52];
	/* state */
	uint8_t *storage; /* the array: the ROM device's memory */
	bool read_only;
	uint8_t cmd;	/* the command that sets what reads return */
	uint8_t status; /* the status register of every device */
	int wcycle;	/* which write of a multi-cycle command comes next */
	uint32_t counter;
	hwaddr buf_offset; /* write buffer: its aligned window in the array */
	uint8_t *buf;
} PFlashCFI01;

/*
 * The node for banks (all with that bank width) placed one after another from base:
 * "flash@BASE", "cfi-flash", one reg entry per bank.
 */
void pflash_cfi01_fdt(void *fdt, const char *path, hwaddr base, PFlashCFI01 *const *banks,
		      unsigned n);

#endif
