// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The APLIC of QEMU's virt board with aia=aplic or aia=aplic-imsic (RISC-V AIA,
 * "Advanced Platform-Level Interrupt Controller"): one device per interrupt domain. The root
 * domain is machine-level and takes the wired sources; a source it delegates goes on to a child
 * domain (virt's supervisor-level one). In direct mode ("msimode" off) a domain has an
 * interrupt delivery control (IDC) per hart driving its MEIP or SEIP; in MSI mode it writes
 * MSIs to the harts' IMSICs instead. A board creates each domain with qdev_new(), sets
 * "num-harts", "num-sources", "mmode", "msimode" (and "iprio-bits"), realizes it on the system
 * bus, maps region 0, links a child with riscv_aplic_add_child(), connects devices to
 * riscv_aplic_source() of the root and, in direct mode, each hart with
 * riscv_aplic_connect_hart().
 */
#ifndef HW_INTC_RISCV_APLIC_H
#define HW_INTC_RISCV_APLIC_H

#include "hw/sysbus.h"

#define TYPE_RISCV_APLIC	 "riscv.aplic"
#define RISCV_APLIC_MAX_SOURCES	 1023
#define RISCV_APLIC_MAX_HARTS	 512
#define RISCV_APLIC_MAX_CHILDREN 4
#define RISCV_APLIC_IDC_BASE	 0x4000
#define RISCV_APLIC_IDC_SIZE	 32
/* A domain's aperture as QEMU sizes it: 16 KiB of registers, then the IDCs in 16 KiB steps. */
#define RISCV_APLIC_SIZE(harts)                                                                    \
	(RISCV_APLIC_IDC_BASE + QEMU_ALIGN_UP((harts)*RISCV_APLIC_IDC_SIZE, 0x4000))

typedef struct RISCVIntFile RISCVIntFile;

/* The input line of source (1..num-sources) of a root domain. */
qemu_irq riscv_aplic_source(DeviceState *aplic, int source);
/* Makes child the next child domain of parent (child index 0, 1, ...). */
void riscv_aplic_add_child(DeviceState *parent, DeviceState *child);
/*
 * Direct mode: the IDC of hart index hart drives eip (the hart's MEIP for mmode, else SEIP)
 * and fills in view (RISCVCPU.intfile[PRV_M or PRV_S]) with its topi, the priority the hart
 * ranks its external interrupt with.
 */
void riscv_aplic_connect_hart(DeviceState *aplic, unsigned hart, qemu_irq eip, RISCVIntFile *view);

/* How nodes name an APLIC source: <source IRQ_TYPE_LEVEL_HIGH> (for DTIrqParent.cells). */
int riscv_aplic_irq_cells(unsigned irq, uint32_t *out);

/*
 * Adds the node "aplic@BASE" under parent as QEMU's virt writes it. Direct mode names each
 * hart's interrupt controller (intc_phandles), MSI mode its IMSIC (msi_phandle); child_phandle
 * is the child domain's node that every source is delegated to, 0 for a leaf.
 */
void riscv_aplic_fdt(DeviceState *aplic, void *fdt, const char *parent, hwaddr base,
		     const uint32_t *intc_phandles, uint32_t msi_phandle, uint32_t phandle,
		     uint32_t child_phandle);

#endif
