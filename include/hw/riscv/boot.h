// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Booting a RISC-V board as QEMU does, for every board: OpenSBI fw_dynamic (-bios) at the
 * start of RAM, the kernel at the next 2 MiB boundary, the initrd above it, the device tree
 * (the board's, or -dtb) at the top of low RAM with /chosen filled in, and a reset vector in
 * the boot ROM that enters the firmware with a0 = hartid, a1 = the tree, a2 = fw_dynamic info.
 * A board embeds a RISCVBootState, makes its ROM with riscv_boot_init_rom(), and calls
 * riscv_boot_done() from its machine-done step and riscv_boot_reset() from its reset.
 */
#ifndef HW_RISCV_BOOT_H
#define HW_RISCV_BOOT_H

#include "hw/boards.h"
#include "exec/memory.h"

typedef struct RISCVCPU RISCVCPU;
typedef struct FWCfgState FWCfgState;

typedef struct RISCVBootState {
	MemoryRegion mrom;
	hwaddr mrom_base, dram_base;
	void *fdt;
	int fdt_size; /* its buffer, as QEMU's totalsize: 1 MiB, or twice a -dtb file + 10000 */
	RISCVCPU **harts;
	bool rng_seed; /* /chosen gets 32 random bytes for the kernel (virt does, spike not) */
	/*
	 * Firmware in flash (virt's pflash0), 0 if none: with -bios none the harts start there
	 * in M-mode; otherwise OpenSBI runs first and enters it in S-mode (QEMU 8.1's rule).
	 */
	hwaddr flash_entry;
	/* fw_cfg, where firmware in flash finds the kernel, initrd and command line; or NULL */
	FWCfgState *fw_cfg;
	/* Builds the board's tree into fdt (a dt_new_tree()), once every device exists. */
	void (*build_fdt)(MachineState *ms, struct RISCVBootState *b);
} RISCVBootState;

#define RISCV_TIMEBASE_FREQ 10000000

/* The boot ROM (named as QEMU names it) at base, mapped into system memory. */
bool riscv_boot_init_rom(RISCVBootState *b, const char *name, hwaddr base, uint64_t size,
			 Error **errp);
/* The tree, the images, the reset vector; dumpdtb= exits here. QEMU's overlap check last. */
bool riscv_boot_done(MachineState *ms, RISCVBootState *b, Error **errp);
/* A reboot: the images again (the guest may have overwritten them) and the harts reset. */
void riscv_boot_reset(MachineState *ms, RISCVBootState *b);
/*
 * The part of a board's tree every RISC-V board has: the root's cells, compatible and model,
 * /memory, /cpus (riscv_fdt_cpus) and an empty /soc bus; into b->fdt, which it returns.
 */
void *riscv_fdt_board(MachineState *ms, RISCVBootState *b, const char *compatible,
		      const char *model, uint32_t *intc_phandles);
/* /cpus with each hart's node and the cpu-map; intc_phandles gets each hart's interrupt
 * controller phandle. */
void riscv_fdt_cpus(void *fdt, MachineState *ms, RISCVCPU **harts, uint32_t *intc_phandles);

#endif
