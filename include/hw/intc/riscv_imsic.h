// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IMSIC of QEMU's virt board with aia=aplic-imsic (RISC-V AIA, "Incoming MSI
 * Controller"): one device per privilege level, holding one interrupt file per hart. Hart h's
 * file is the 4 KiB page at h * RISCV_IMSIC_PAGE of region 0; a 32-bit write of identity i to
 * its seteipnum_le (offset 0) or seteipnum_be (offset 4) register is an MSI that makes i
 * pending. The hart reads and writes the rest of the file through its *iselect and *ireg and
 * *topei CSRs. A board creates it with qdev_new(TYPE_RISCV_IMSIC), sets "num-harts", "mmode"
 * (and "num-ids"), realizes it on the system bus, maps region 0 and calls
 * riscv_imsic_connect_hart() for each hart (turning on the hart's Smaia or Ssaia CSRs, as
 * QEMU's IMSIC does).
 */
#ifndef HW_INTC_RISCV_IMSIC_H
#define HW_INTC_RISCV_IMSIC_H

#include "hw/sysbus.h"

#define TYPE_RISCV_IMSIC	"riscv.imsic"
#define RISCV_IMSIC_PAGE	0x1000
#define RISCV_IMSIC_MAX_HARTS	512
#define RISCV_IMSIC_MAX_IDS	2047
#define RISCV_IMSIC_DEFAULT_IDS 255 /* QEMU virt's VIRT_IRQCHIP_NUM_MSIS */

typedef struct RISCVIntFile RISCVIntFile;

/*
 * Hart h's file drives eip (the hart's MEIP for mmode, else SEIP) and fills in view, the
 * hart's CSR access to it (RISCVCPU.intfile[PRV_M or PRV_S]).
 */
void riscv_imsic_connect_hart(DeviceState *imsic, unsigned hart, qemu_irq eip, RISCVIntFile *view);

/*
 * Adds the node "imsics@BASE" under parent as QEMU's virt writes it; intc_phandles holds each
 * hart's riscv,cpu-intc phandle, phandle is the node's own (for msi-parent).
 */
void riscv_imsic_fdt(DeviceState *imsic, void *fdt, const char *parent, hwaddr base,
		     const uint32_t *intc_phandles, uint32_t phandle);

#endif
