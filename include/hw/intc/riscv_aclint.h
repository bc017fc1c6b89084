// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The CLINT of QEMU's virt board (0x2000000, RISCV_ACLINT_SIZE bytes): for each hart a software
 * interrupt output (MSIP) and a timer interrupt output (MTIP), and the MTIME counter that the
 * harts' time CSR reads. A board creates it with qdev_new(TYPE_RISCV_ACLINT), sets "num-harts"
 * (and "timebase-freq"), wires each hart with riscv_aclint_connect_hart() (any time: it sends
 * the current levels) or with sysbus IRQs 2*i (MSIP) and 2*i+1 (MTIP) for harts below
 * RISCV_ACLINT_SYSBUS_HARTS (before realize, which resets and sets the levels), realizes it on
 * the system bus and maps region 0.
 */
#ifndef HW_INTC_RISCV_ACLINT_H
#define HW_INTC_RISCV_ACLINT_H

#include "hw/sysbus.h"
#include "qemu/main-loop.h"

#define TYPE_RISCV_ACLINT "riscv.aclint.clint"
#define RISCV_ACLINT(obj) OBJECT_CHECK(RISCVAclintState, (obj), TYPE_RISCV_ACLINT)

#define RISCV_ACLINT_SIZE		   0x10000
#define RISCV_ACLINT_SWI_SIZE		   0x4000 /* MSIP words, at offset 0 */
#define RISCV_ACLINT_MTIMER_SIZE	   0x8000 /* MTIMECMP and MTIME, at RISCV_ACLINT_SWI_SIZE */
#define RISCV_ACLINT_MAX_HARTS		   512
#define RISCV_ACLINT_SYSBUS_HARTS	   (SYSBUS_MAX_IRQ / 2)
#define RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ 10000000

typedef struct RISCVAclintState RISCVAclintState;

typedef struct RISCVAclintHart {
	RISCVAclintState *clint;
	uint64_t mtimecmp;
	bool msip;
	QEMUTimer *timer; /* raises MTIP when MTIME reaches MTIMECMP */
	qemu_irq msip_irq, mtip_irq;
} RISCVAclintHart;

struct RISCVAclintState {
	SysBusDevice parent_obj;
	MemoryRegion mmio; /* container of the two below */
	MemoryRegion swi, mtimer;
	uint32_t num_harts;	/* property "num-harts" */
	uint32_t timebase_freq; /* property "timebase-freq", in Hz */
	uint64_t time_offset;	/* MTIME = ticks of QEMU_CLOCK_VIRTUAL + time_offset, mod 2^64 */
	RISCVAclintHart harts[RISCV_ACLINT_MAX_HARTS];
};

/* Connects hart's outputs (NULL leaves one unconnected) and sends them their current levels. */
void riscv_aclint_connect_hart(DeviceState *clint, unsigned hart, qemu_irq msip, qemu_irq mtip);
/* The current MTIME, for the time CSR. */
uint64_t riscv_aclint_get_time(DeviceState *clint);

/* Adds the CLINT's device-tree node; intc_phandles: each hart's interrupt controller. */
void riscv_aclint_fdt(DeviceState *dev, void *fdt, const char *path, hwaddr base,
		      const uint32_t *intc_phandles);
/*
 * The same device described as the ACLINT specification's two (virt's aclint=on): an MSWI node
 * at base and an MTIMER node at base + RISCV_ACLINT_SWI_SIZE, under parent, as QEMU names them.
 */
void riscv_aclint_fdt_split(DeviceState *dev, void *fdt, const char *parent, hwaddr base,
			    const uint32_t *intc_phandles);

/*
 * The ACLINT SSWI (virt's aclint=on, at 0x2f00000): for each hart a 32-bit SETSSIP register;
 * writing 1 to bit 0 raises the hart's supervisor software interrupt (which the hart clears
 * in its sip CSR); reads return 0.
 */
#define TYPE_RISCV_ACLINT_SSWI "riscv.aclint.sswi"
#define RISCV_ACLINT_SSWI_SIZE 0x4000
void riscv_aclint_sswi_connect_hart(DeviceState *sswi, unsigned hart, qemu_irq ssip);
void riscv_aclint_sswi_fdt(DeviceState *sswi, void *fdt, const char *parent, hwaddr base,
			   const uint32_t *intc_phandles);

#endif
