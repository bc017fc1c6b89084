// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The 16550A UART of QEMU's virt board ("serial-mm", registers one byte apart). A board creates
 * it with qdev_new(TYPE_SERIAL_MM), sets "chardev" (and "baudbase": virt uses 399193), realizes
 * it on the system bus, maps region 0 (SERIAL_MM_SIZE bytes, as QEMU maps it; the 0x100 of
 * virt's memory map is only what the device tree declares) and connects IRQ 0 to the PLIC.
 */
#ifndef HW_CHAR_SERIAL_H
#define HW_CHAR_SERIAL_H

#include "hw/sysbus.h"
#include "sysemu/device_tree.h"
#include "chardev/char-fe.h"
#include "qemu/main-loop.h"

#define TYPE_SERIAL_MM "serial-mm"
#define SERIAL_MM(obj) OBJECT_CHECK(SerialMMState, (obj), TYPE_SERIAL_MM)

#define SERIAL_MM_SIZE	 8 /* eight byte-wide registers, regshift 0 */
#define SERIAL_FIFO_SIZE 16

typedef struct SerialFifo {
	uint8_t data[SERIAL_FIFO_SIZE];
	unsigned head, count;
} SerialFifo;

typedef struct SerialMMState {
	SysBusDevice parent_obj;
	MemoryRegion mmio;
	qemu_irq irq;
	CharBackend chr;   /* property "chardev" */
	uint32_t baudbase; /* property "baudbase": input clock / 16 */

	uint8_t ier, lcr, mcr, scr;
	uint8_t fcr;	    /* the bits that stick: enable, DMA mode, trigger */
	uint8_t lsr_errors; /* OE and BI until LSR is read */
	uint8_t msr_deltas; /* MSR bits 3..0 until MSR is read */
	uint8_t rbr;	    /* the last character read, returned again when empty */
	uint16_t divisor;
	unsigned rx_trigger; /* characters that raise "data available" in FIFO mode */
	SerialFifo rx;	     /* one slot used without FIFOs (16450 mode) */
	SerialFifo tx;	     /* bytes the chardev has not taken yet (flow control) */
	bool thr_pending;    /* THRE interrupt: set when THR empties, cleared by IIR read */
	bool timeout_pending;
	int64_t char_ns; /* one character time at the programmed rate and frame */
	QEMUTimer *timeout_timer;
} SerialMMState;

/* Adds the UART's device-tree node at path (interrupts only when ip is not NULL). */
void serial_mm_fdt(void *fdt, const char *path, hwaddr base, hwaddr size, uint32_t clock,
		   const DTIrqParent *ip, int irq);

#endif
