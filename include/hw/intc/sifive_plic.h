// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PLIC of QEMU's virt board (0xc000000, SIFIVE_PLIC_SIZE bytes): interrupt sources 1 to
 * num-sources come in as level inputs, and each hart has two contexts, 2*h for M-mode and
 * 2*h+1 for S-mode, whose outputs drive the hart's MEIP and SEIP. A board creates it with
 * qdev_new(TYPE_SIFIVE_PLIC), sets "num-harts" (and "num-sources", "num-priorities"), realizes
 * it on the system bus, maps region 0, connects each device's interrupt to
 * sifive_plic_source() and each hart with sifive_plic_connect_hart() (any time: it sends the
 * current levels) or, for contexts below SYSBUS_MAX_IRQ, sysbus IRQ n = context n (before
 * realize, which resets and sets the levels).
 */
#ifndef HW_INTC_SIFIVE_PLIC_H
#define HW_INTC_SIFIVE_PLIC_H

#include "hw/sysbus.h"

#define TYPE_SIFIVE_PLIC "riscv.sifive.plic"
#define SIFIVE_PLIC(obj) OBJECT_CHECK(SiFivePLICState, (obj), TYPE_SIFIVE_PLIC)

#define SIFIVE_PLIC_MAX_SOURCES	   1023 /* IDs 1..1023; 0 means "no interrupt" */
#define SIFIVE_PLIC_MAX_HARTS	   512	/* QEMU virt's VIRT_CPUS_MAX */
#define SIFIVE_PLIC_MAX_CONTEXTS   (2 * SIFIVE_PLIC_MAX_HARTS)
#define SIFIVE_PLIC_WORDS	   32 /* 32-bit words of pending or enable bits, IDs 0..1023 */
#define SIFIVE_PLIC_CONTEXT_BASE   0x200000
#define SIFIVE_PLIC_CONTEXT_STRIDE 0x1000
/* QEMU's formula for the aperture; virt sizes it for its maximum hart count: 0x600000. */
#define SIFIVE_PLIC_APERTURE(contexts)                                                             \
	(SIFIVE_PLIC_CONTEXT_BASE + (uint64_t)(contexts)*SIFIVE_PLIC_CONTEXT_STRIDE)
#define SIFIVE_PLIC_SIZE	    SIFIVE_PLIC_APERTURE(SIFIVE_PLIC_MAX_CONTEXTS)
#define SIFIVE_PLIC_DEFAULT_SOURCES 96
#define SIFIVE_PLIC_DEFAULT_PRIOS   7

typedef struct SiFivePLICContext {
	uint32_t enable[SIFIVE_PLIC_WORDS];
	uint32_t threshold;
	bool eip;     /* the level last sent on irq */
	qemu_irq irq; /* MEIP (even contexts) or SEIP (odd) of the hart */
} SiFivePLICContext;

typedef struct SiFivePLICState {
	SysBusDevice parent_obj;
	MemoryRegion mmio;
	uint32_t num_sources;	 /* property "num-sources": highest source ID */
	uint32_t num_priorities; /* property "num-priorities": highest priority level */
	uint32_t num_harts;	 /* property "num-harts": two contexts each */
	uint32_t priority[SIFIVE_PLIC_MAX_SOURCES + 1];
	uint32_t pending[SIFIVE_PLIC_WORDS]; /* IP bits: requests the gateways forwarded */
	uint32_t claimed[SIFIVE_PLIC_WORDS]; /* claimed and not yet completed */
	uint32_t level[SIFIVE_PLIC_WORDS];   /* the input lines as the sources drive them */
	qemu_irq inputs[SIFIVE_PLIC_MAX_SOURCES + 1]; /* [0] unused: source 0 does not exist */
	SiFivePLICContext contexts[SIFIVE_PLIC_MAX_CONTEXTS];
} SiFivePLICState;

/* The input line of source (1..num-sources), for a device's interrupt output. */
qemu_irq sifive_plic_source(DeviceState *plic, int source);
/* Connects hart's M and S context outputs (NULL leaves one unconnected), sending their levels. */
void sifive_plic_connect_hart(DeviceState *plic, unsigned hart, qemu_irq meip, qemu_irq seip);

/* How nodes name a PLIC source: <source> (for DTIrqParent.cells). */
int sifive_plic_irq_cells(unsigned irq, uint32_t *out);

/*
 * Adds the node "plic@BASE" under the existing node path_parent of a tree in libfdt's
 * read-write form (fdt_create_empty_tree, or fdt_open_into with room to grow); reg uses the
 * parent's #address-cells and #size-cells. hart_intc_phandles holds each hart's
 * riscv,cpu-intc phandle, num-harts of them. A libfdt failure (no room) aborts.
 */
void sifive_plic_fdt(DeviceState *plic, void *fdt, const char *path_parent, hwaddr base,
		     const uint32_t *hart_intc_phandles, uint32_t phandle);

#endif
