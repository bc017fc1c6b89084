// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Interrupt lines between devices: a qemu_irq is a handler a device raises or lowers with a
 * level. A device that outputs interrupts keeps qemu_irq fields; the board connects them to
 * input lines created by the receiver (interrupt controller or CPU) with qemu_allocate_irq.
 */
#ifndef HW_IRQ_H
#define HW_IRQ_H

typedef void (*qemu_irq_handler)(void *opaque, int n, int level);

typedef struct IRQState {
	qemu_irq_handler handler;
	void *opaque;
	int n;
} IRQState;

typedef IRQState *qemu_irq;

/* Calls the receiver; a line nobody connected (NULL) is fine and does nothing. */
static inline void qemu_set_irq(qemu_irq irq, int level)
{
	if (irq)
		irq->handler(irq->opaque, irq->n, level);
}

static inline void qemu_irq_raise(qemu_irq irq)
{
	qemu_set_irq(irq, 1);
}

static inline void qemu_irq_lower(qemu_irq irq)
{
	qemu_set_irq(irq, 0);
}

qemu_irq qemu_allocate_irq(qemu_irq_handler handler, void *opaque, int n);
void qemu_free_irq(qemu_irq irq);

#endif
