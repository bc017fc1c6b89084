// SPDX-License-Identifier: GPL-2.0-or-later
/* Allocation of interrupt lines; raising and lowering them is inline in hw/irq.h. */
#include "qemu/osdep.h"
#include "hw/irq.h"

qemu_irq qemu_allocate_irq(qemu_irq_handler handler, void *opaque, int n)
{
	IRQState *irq = g_new(IRQState, 1);
	irq->handler = handler;
	irq->opaque = opaque;
	irq->n = n;
	return irq;
}

void qemu_free_irq(qemu_irq irq)
{
	g_free(irq);
}
