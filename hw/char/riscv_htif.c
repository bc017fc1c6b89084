// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * HTIF as QEMU's spike board has it: two 64-bit registers, tohost and fromhost, at the
 * addresses of the guest program's tohost and fromhost symbols when it has them, else fromhost
 * at the board's HTIF base and tohost 8 bytes above; each is written as two 32-bit halves (an
 * 8-byte store is split, low half first). A write
 * of tohost's high half hands the command over: bits 63..56 the device, 55..48 the command,
 * 47..0 the payload. Device 0 command 0: payload bit 0 set ends the run with exit status
 * payload >> 1 (so 1 is a pass); otherwise the payload points to a proxied syscall, of which
 * only a write to the console (pk's SYS_WRITE, 64, to fd 1) is done. Device 1 (the console):
 * command 1 prints the payload's low byte, command 0 asks for a byte of input, answered in
 * fromhost when one arrives. tohost goes back to 0 once a command is taken; fromhost gets the
 * response.
 */
#include "qemu/osdep.h"
#include "hw/char/riscv_htif.h"
#include "qemu/log.h"
#include "exec/address-spaces.h"
#include "sysemu/device_tree.h"
#include "sysemu/runstate.h"
#include "migration/vmstate.h"

#define HTIF_DEV_SYSCALL 0
#define HTIF_DEV_CONSOLE 1
#define PK_SYS_WRITE	 64

typedef struct HTIFState {
	SysBusDevice parent_obj;
	MemoryRegion mmio;
	CharBackend chr;
	uint64_t tohost, fromhost;
	bool tohost_started;   /* the low half of a command was written */
	uint64_t pending_read; /* a console read waiting for input (its command), or 0 */
	uint64_t tohost_offset, fromhost_offset; /* in the region; properties */
	uint64_t size;				 /* of the region; property */
} HTIFState;

#define HTIF(obj) OBJECT_CHECK(HTIFState, (obj), TYPE_HTIF)

static void htif_respond(HTIFState *s, uint64_t cmd, uint64_t resp)
{
	s->fromhost = (cmd >> 48 << 48) | (resp & ((1ull << 48) - 1));
}

/* pk's proxied syscall: magic[0] = number, [1..3] = arguments; only write(1, buf, len). */
static void htif_syscall(HTIFState *s, uint64_t addr)
{
	uint64_t sys[8];
	uint8_t buf[256];

	if (address_space_read(get_address_space_memory(), addr, sys, sizeof(sys)) != MEMTX_OK ||
	    sys[0] != PK_SYS_WRITE || sys[1] != 1) {
		qemu_log_mask(LOG_UNIMP, "htif: unsupported syscall at 0x%" PRIx64 "\n", addr);
		return;
	}
	for (uint64_t done = 0; done < sys[3];) {
		uint64_t n = MIN(sys[3] - done, sizeof(buf));

		if (address_space_read(get_address_space_memory(), sys[2] + done, buf, n) !=
		    MEMTX_OK)
			break;
		qemu_chr_fe_write_all(&s->chr, buf, n);
		done += n;
	}
	sys[0] = sys[3]; /* the result: everything written */
	address_space_write(get_address_space_memory(), addr, sys, 8);
}

static void htif_command(HTIFState *s, uint64_t cmd)
{
	unsigned device = cmd >> 56, op = (cmd >> 48) & 0xff;
	uint64_t payload = cmd & ((1ull << 48) - 1);
	uint8_t ch;

	s->tohost = 0; /* taken */
	if (device == HTIF_DEV_SYSCALL && op == 0) {
		if (payload & 1) {
			qemu_set_exit_status(payload >> 1);
			qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
			return;
		}
		htif_syscall(s, payload);
		htif_respond(s, cmd, 1);
	} else if (device == HTIF_DEV_CONSOLE && op == 1) {
		ch = payload;
		qemu_chr_fe_write_all(&s->chr, &ch, 1);
		htif_respond(s, cmd, 0x100 | ch);
	} else if (device == HTIF_DEV_CONSOLE && op == 0) {
		s->pending_read = cmd;
		qemu_chr_fe_accept_input(&s->chr);
	} else {
		qemu_log_mask(LOG_GUEST_ERROR, "htif: unknown device %u command %u\n", device, op);
	}
}

static uint64_t htif_read(void *opaque, hwaddr addr, unsigned size)
{
	HTIFState *s = opaque;
	uint64_t reg;

	if (addr - s->tohost_offset < 8)
		reg = s->tohost;
	else if (addr - s->fromhost_offset < 8)
		reg = s->fromhost;
	else
		return 0;
	return (addr & 4) ? reg >> 32 : (uint32_t)reg;
}

static void htif_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	HTIFState *s = opaque;

	if (addr == s->tohost_offset) {
		/* tohost, low half: a new command starts only while tohost is free */
		s->tohost_started = s->tohost == 0;
		if (s->tohost_started)
			s->tohost = (uint32_t)val;
	} else if (addr == s->tohost_offset + 4) {
		if (s->tohost_started) {
			s->tohost |= val << 32;
			s->tohost_started = false;
			htif_command(s, s->tohost);
		}
	} else if (addr == s->fromhost_offset) {
		/* fromhost: the guest acknowledges (writes 0) */
		s->fromhost = (s->fromhost & ~0xffffffffull) | (uint32_t)val;
	} else if (addr == s->fromhost_offset + 4) {
		s->fromhost = (s->fromhost & 0xffffffffull) | val << 32;
	} else {
		qemu_log_mask(LOG_GUEST_ERROR, "htif: write to 0x%" HWADDR_PRIx "\n", addr);
	}
}

static const MemoryRegionOps htif_ops = {
	.read = htif_read,
	.write = htif_write,
	.valid = { .min_access_size = 4, .max_access_size = 8 },
	.impl = { .min_access_size = 4, .max_access_size = 4 },
};

static int htif_can_read(void *opaque)
{
	HTIFState *s = opaque;

	return s->pending_read && s->fromhost == 0 ? 1 : 0;
}

static void htif_chr_read(void *opaque, const uint8_t *buf, int len)
{
	HTIFState *s = opaque;

	if (!len || !s->pending_read)
		return;
	htif_respond(s, s->pending_read, buf[0]);
	s->pending_read = 0;
}

static bool htif_realize(DeviceState *dev, Error **errp)
{
	HTIFState *s = HTIF(dev);

	if (s->size < 16 || s->size > 1ull << 32 || s->tohost_offset > s->size - 8 ||
	    s->fromhost_offset > s->size - 8 || (s->tohost_offset | s->fromhost_offset) & 7 ||
	    s->tohost_offset == s->fromhost_offset) {
		error_setg(errp, "htif: tohost and fromhost must be two 8-byte registers");
		return false;
	}
	memory_region_init_io(&s->mmio, &htif_ops, s, TYPE_HTIF, s->size);
	sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->mmio);
	qemu_chr_fe_set_handlers(&s->chr, htif_can_read, htif_chr_read, NULL, s);
	return true;
}

static void htif_reset(DeviceState *dev)
{
	HTIFState *s = HTIF(dev);

	s->tohost = s->fromhost = s->pending_read = 0;
	s->tohost_started = false;
}

static void htif_finalize(Object *obj)
{
	HTIFState *s = HTIF(obj);

	if (s->mmio.container)
		memory_region_del_subregion(s->mmio.container, &s->mmio);
	if (s->mmio.name)
		memory_region_finalize(&s->mmio);
}

void htif_fdt(void *fdt, hwaddr base, hwaddr size)
{
	dt_add_path(fdt, "/htif");
	dt_set_string(fdt, "/htif", "compatible", "ucb,htif0");
	if (size)
		dt_set_reg(fdt, "/htif", base, size);
}

static const Property htif_props[] = {
	PROP("chardev", prop_info_chr, HTIFState, chr),
	PROP("fromhost-offset", prop_info_uint64, HTIFState, fromhost_offset, PROP_DEFAULT_U(0)),
	PROP("size", prop_info_uint64, HTIFState, size, PROP_DEFAULT_U(HTIF_SIZE)),
	PROP("tohost-offset", prop_info_uint64, HTIFState, tohost_offset, PROP_DEFAULT_U(8)),
	PROP_END,
};

/* A command half written, a console read waiting for input: both survive a snapshot. */
/* A console read was pending: input the chardev held back may come now. */
static int htif_post_load(void *opaque)
{
	HTIFState *s = opaque;

	if (s->pending_read)
		qemu_chr_fe_accept_input(&s->chr);
	return 0;
}

static const VMStateDescription vmstate_htif = {
	.name = "htif",
	.version = 1,
	.post_load = htif_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT64(tohost, HTIFState),
		VMSTATE_UINT64(fromhost, HTIFState),
		VMSTATE_BOOL(tohost_started, HTIFState),
		VMSTATE_UINT64(pending_read, HTIFState),
		VMSTATE_END,
	    },
};

static void htif_class_init(ObjectClass *oc, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(oc);
	dc->vmsd = &vmstate_htif;

	dc->realize = htif_realize;
	dc->reset = htif_reset;
	object_class_add_props(oc, htif_props);
}

static void htif_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_HTIF,
		.parent = TYPE_SYS_BUS_DEVICE,
		.instance_size = sizeof(HTIFState),
		.class_init = htif_class_init,
		.instance_finalize = htif_finalize,
	};
	type_register(&info);
}
type_init(htif_register_types)
