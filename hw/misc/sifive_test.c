// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The SiFive test finisher of QEMU's virt board (0x100000, 0x1000 bytes): a 2- or 4-byte store
 * at offset 0 whose low 16 bits are a command ends or resets the machine. Pass shuts down with
 * exit status 0, fail with the store's high 16 bits as status (QEMU exits with that code), reset
 * asks for a guest reset. The requests go to the main loop, which acts on them once the
 * storing instruction is done. Reads return 0; other offsets and values are ignored and logged
 * as guest errors.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "sysemu/device_tree.h"
#include "hw/misc/sifive_test.h"
#include "qemu/log.h"
#include "sysemu/runstate.h"

/* The one register: offset 0, command in bits 15..0, fail status in bits 31..16. */
enum {
	FINISHER_FAIL = 0x3333,
	FINISHER_PASS = 0x5555,
	FINISHER_RESET = 0x7777,
};

static void finisher_fail(unsigned status)
{
	qemu_set_exit_status(status);
	qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
}

static void finisher_pass(unsigned status)
{
	qemu_set_exit_status(0);
	qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
}

static void finisher_reset(unsigned status)
{
	qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
}

static const struct {
	uint16_t command;
	void (*run)(unsigned status);
} finisher_commands[] = {
	{ FINISHER_FAIL, finisher_fail },
	{ FINISHER_PASS, finisher_pass },
	{ FINISHER_RESET, finisher_reset },
};

static uint64_t sifive_test_read(void *opaque, hwaddr addr, unsigned size)
{
	return 0;
}

static void sifive_test_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	uint16_t command = val & 0xffff;

	for (size_t i = 0; addr == 0 && i < ARRAY_SIZE(finisher_commands); i++) {
		if (finisher_commands[i].command == command) {
			finisher_commands[i].run((val >> 16) & 0xffff);
			return;
		}
	}
	qemu_log_mask(LOG_GUEST_ERROR,
		      "%s: invalid write: addr=0x%" HWADDR_PRIx " val=0x%" PRIx64 "\n",
		      TYPE_SIFIVE_TEST, addr, val);
}

/* 2 and 4 bytes, as QEMU accepts; other sizes fault. */
static const MemoryRegionOps sifive_test_ops = {
	.read = sifive_test_read,
	.write = sifive_test_write,
	.valid = { .min_access_size = 2, .max_access_size = 4 },
};

static void sifive_test_init(Object *obj)
{
	SiFiveTestState *s = SIFIVE_TEST(obj);

	memory_region_init_io(&s->mmio, &sifive_test_ops, s, TYPE_SIFIVE_TEST, SIFIVE_TEST_SIZE);
	sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
}

/* A device dying while mapped must not leave its region in the memory map. */
static void sifive_test_finalize(Object *obj)
{
	SiFiveTestState *s = SIFIVE_TEST(obj);

	if (s->mmio.container)
		memory_region_del_subregion(s->mmio.container, &s->mmio);
	memory_region_finalize(&s->mmio);
}

/*
 * The device-tree nodes: the finisher as a syscon, and the syscon-poweroff and
 * syscon-reboot nodes that tell Linux which value to write for each.
 */
void sifive_test_fdt(void *fdt, const char *path, hwaddr base, hwaddr size)
{
	static const char *const compat[] = { "sifive,test1", "sifive,test0", "syscon", NULL };
	static const struct {
		const char *path, *compatible;
		uint32_t value;
	} users[] = {
		{ "/poweroff", "syscon-poweroff", FINISHER_PASS },
		{ "/reboot", "syscon-reboot", FINISHER_RESET },
	};
	uint32_t phandle;

	dt_add_path(fdt, path);
	dt_set_strings(fdt, path, "compatible", compat);
	dt_set_reg(fdt, path, base, size);
	phandle = dt_new_phandle(fdt, path);
	for (size_t i = 0; i < ARRAY_SIZE(users); i++) {
		dt_add_path(fdt, users[i].path);
		dt_set_string(fdt, users[i].path, "compatible", users[i].compatible);
		dt_set_u32(fdt, users[i].path, "regmap", phandle);
		dt_set_u32(fdt, users[i].path, "offset", 0);
		dt_set_u32(fdt, users[i].path, "value", users[i].value);
	}
}

/* Nothing but a register that acts at once: no state to keep. */
static const VMStateDescription vmstate_sifive_test = { .name = "sifive_test", .version = 1 };

static void sifive_test_class_init(ObjectClass *klass, const void *data)
{
	DEVICE_CLASS(klass)->vmsd = &vmstate_sifive_test;
}

static void sifive_test_register_types(void)
{
	static const TypeInfo info = {
		.class_init = sifive_test_class_init,
		.name = TYPE_SIFIVE_TEST,
		.parent = TYPE_SYS_BUS_DEVICE,
		.instance_size = sizeof(SiFiveTestState),
		.instance_init = sifive_test_init,
		.instance_finalize = sifive_test_finalize,
	};
	type_register(&info);
}
type_init(sifive_test_register_types)
