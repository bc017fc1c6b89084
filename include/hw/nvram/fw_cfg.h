// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * QEMU's firmware configuration device (docs: QEMU's fw_cfg specification), the memory-mapped
 * variant: a 16-bit selector picks an item (a fixed key, or a named file listed in the file
 * directory), the data register streams its bytes, and the DMA interface copies them into guest
 * memory. Boards fill items before the guest runs; firmware (EDK2) reads the CPU count, the
 * kernel, initrd and command line, and files such as "etc/boot-fail-wait" from it.
 */
#ifndef HW_NVRAM_FW_CFG_H
#define HW_NVRAM_FW_CFG_H

#include "hw/sysbus.h"
#include "hw/boards.h"

#define TYPE_FW_CFG_MEM "fw_cfg_mem"
#define FW_CFG(obj)	OBJECT_CHECK(FWCfgState, (obj), TYPE_FW_CFG_MEM)
#define FW_CFG_MEM_SIZE 0x18

/* Fixed keys. */
enum {
	FW_CFG_SIGNATURE = 0x00,
	FW_CFG_ID = 0x01,
	FW_CFG_UUID = 0x02,
	FW_CFG_RAM_SIZE = 0x03,
	FW_CFG_NOGRAPHIC = 0x04,
	FW_CFG_NB_CPUS = 0x05,
	FW_CFG_MACHINE_ID = 0x06,
	FW_CFG_KERNEL_ADDR = 0x07,
	FW_CFG_KERNEL_SIZE = 0x08,
	FW_CFG_KERNEL_CMDLINE = 0x09,
	FW_CFG_INITRD_ADDR = 0x0a,
	FW_CFG_INITRD_SIZE = 0x0b,
	FW_CFG_BOOT_DEVICE = 0x0c,
	FW_CFG_NUMA = 0x0d,
	FW_CFG_BOOT_MENU = 0x0e,
	FW_CFG_MAX_CPUS = 0x0f,
	FW_CFG_KERNEL_ENTRY = 0x10,
	FW_CFG_KERNEL_DATA = 0x11,
	FW_CFG_INITRD_DATA = 0x12,
	FW_CFG_CMDLINE_ADDR = 0x13,
	FW_CFG_CMDLINE_SIZE = 0x14,
	FW_CFG_CMDLINE_DATA = 0x15,
	FW_CFG_FILE_DIR = 0x19,
	FW_CFG_FILE_FIRST = 0x20,
	FW_CFG_FILE_SLOTS = 0x20,
	FW_CFG_MAX_ENTRY = FW_CFG_FILE_FIRST + FW_CFG_FILE_SLOTS,
};

typedef struct FWCfgEntry {
	uint8_t *data; /* owned */
	uint32_t len;
	char name[56]; /* files only */
} FWCfgEntry;

typedef struct FWCfgState {
	SysBusDevice parent_obj;
	MemoryRegion iomem, data_mr, ctl_mr, dma_mr;
	FWCfgEntry entries[FW_CFG_MAX_ENTRY];
	unsigned nfiles;
	uint16_t cur_entry;
	uint32_t cur_offset;
	uint64_t dma_addr;
} FWCfgState;

/* The item at key takes over data (g_malloc'd) of len bytes. */
void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, void *data, uint32_t len);
void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value);
void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value);
void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value);
void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *value);
/* A named file (taking over data); the directory stays sorted by name. */
void fw_cfg_add_file(FWCfgState *s, const char *name, void *data, uint32_t len);

/*
 * QEMU's items every machine has: signature, ID (with DMA), UUID, graphics, -boot menu,
 * splash-time and reboot-timeout, and the (empty) boot order and disk geometry files.
 */
void fw_cfg_add_common(FWCfgState *s, MachineState *ms);

/* "/fw-cfg@BASE": qemu,fw-cfg-mmio, reg, dma-coherent. */
void fw_cfg_fdt(void *fdt, hwaddr base);

#endif
