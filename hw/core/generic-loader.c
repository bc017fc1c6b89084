// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -device loader, QEMU's generic loader and its fourth way to boot: an image (file=: ELF, else
 * uImage, else Intel HEX, else raw at addr=; force-raw=on skips the probing) placed in guest
 * memory, a value (addr= data= data-len= [data-be=]) written to memory, or a CPU's pc set
 * (addr= cpu-num=; with file=, the image's entry point). Images are ROM regions like -kernel's,
 * so overlaps are refused. Every system reset redoes it all, after the board's own reset.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/boards.h"
#include "hw/core/cpu.h"
#include "hw/loader.h"
#include "hw/qdev-core.h"
#include "exec/address-spaces.h"
#include "sysemu/runstate.h"

#define TYPE_GENERIC_LOADER "loader"
#define CPU_NONE	    UINT32_MAX

typedef struct GenericLoaderState {
	DeviceState parent_obj;
	uint64_t addr, data;
	uint8_t data_len;
	bool data_be, force_raw;
	uint32_t cpu_num;
	char *file;
	CPUState *cpu;
	bool set_pc;
} GenericLoaderState;

#define GENERIC_LOADER(obj) OBJECT_CHECK(GenericLoaderState, (obj), TYPE_GENERIC_LOADER)

/* The option combinations QEMU accepts, with its words for the others. */
static bool check_args(GenericLoaderState *s, Error **errp)
{
	bool values = s->data || s->data_len || s->data_be;

	if (values) {
		if (s->file)
			error_setg(errp,
				   "Specifying a file is not supported when loading memory values");
		else if (s->force_raw)
			error_setg(errp,
				   "Specifying force-raw is not supported when loading memory "
				   "values");
		else if (!s->data_len)
			error_setg(errp, "Both data and data-len must be specified");
		else if (s->data_len > 8)
			error_setg(errp, "data-len cannot be greater then 8 bytes");
		else
			return true;
		return false;
	}
	if (s->file || s->force_raw) {
		s->set_pc = s->cpu_num != CPU_NONE;
		return true;
	}
	if (s->addr) {
		if (s->cpu_num == CPU_NONE) {
			error_setg(errp,
				   "cpu_num must be specified when setting a program counter");
			return false;
		}
		s->set_pc = true;
		return true;
	}
	error_setg(errp, "please include valid arguments");
	return false;
}

/* ELF, uImage, Intel HEX, then raw (at addr, at most the RAM size), as QEMU tries them. */
static bool load_file(GenericLoaderState *s, Error **errp)
{
	AddressSpace *as = s->cpu->as;
	MachineState *ms = current_machine;
	hwaddr entry = 0;
	int64_t size = -1;

	if (!s->force_raw) {
		if (file_is_elf(s->file)) {
			uint64_t e;

			if (!load_elf(s->file, as, CPU_GET_CLASS(s->cpu)->elf_machine, &e, NULL,
				      NULL, errp))
				return false;
			s->addr = e;
			return true;
		}
		size = load_uimage(s->file, &entry, as, errp);
		if (size < 0 && !*errp)
			size = load_targphys_hex(s->file, &entry, as, errp);
		if (*errp)
			return false;
		if (size >= 0) {
			s->addr = entry;
			return true;
		}
	}
	if (load_image_targphys(s->file, s->addr, ms ? ms->ram_size : UINT64_MAX, as, errp) < 0)
		return false;
	return true;
}

static void loader_reset(void *opaque)
{
	GenericLoaderState *s = opaque;

	if (s->file && !load_file(s, &error_fatal))
		return;
	if (s->set_pc) {
		cpu_reset(s->cpu);
		cpu_set_pc(s->cpu, s->addr);
	}
	if (s->data_len) {
		uint8_t buf[8];

		/*
		 * As QEMU: data is a 64-bit value in the chosen byte order, and its first data-len
		 * bytes are written (so data-be=on with data-len=4 writes data's upper half).
		 */
		for (int i = 0; i < 8; i++)
			buf[i] = s->data >> (8 * (s->data_be ? 7 - i : i));
		address_space_write(s->cpu->as, s->addr, buf, s->data_len);
	}
}

static bool loader_realize(DeviceState *dev, Error **errp)
{
	GenericLoaderState *s = GENERIC_LOADER(dev);

	s->set_pc = false;
	if (!check_args(s, errp))
		return false;
	if (s->cpu_num != CPU_NONE) {
		if (s->cpu_num >= (uint32_t)nb_cpus) {
			error_setg(errp, "Specified boot CPU#%d is nonexistent", s->cpu_num);
			return false;
		}
		s->cpu = cpus[s->cpu_num];
	} else {
		s->cpu = nb_cpus ? cpus[0] : NULL;
	}
	if (!s->cpu) {
		error_setg(errp, "the loader needs a CPU, and this machine has none");
		return false;
	}
	/* Loaded now, so the machine's overlap check sees it; again at every reset. */
	if (s->file) {
		Error *err = NULL;

		if (!load_file(s, &err)) {
			/* QEMU's ELF loader names an unopenable file first, as perror() does */
			if (access(s->file, R_OK) < 0)
				error_printf("%s: %s\n", s->file, strerror(errno));
			error_setg(errp, "Cannot load specified image %s", s->file);
			error_append_hint(errp, "%s\n", error_get_pretty(err));
			error_free(err);
			return false;
		}
	}
	qemu_register_reset(loader_reset, s);
	return true;
}

static void loader_unrealize(DeviceState *dev)
{
	qemu_unregister_reset(loader_reset, dev);
}

static const Property loader_props[] = {
	PROP("addr", prop_info_uint64, GenericLoaderState, addr, PROP_DEFAULT_U(0)),
	PROP("cpu-num", prop_info_uint32, GenericLoaderState, cpu_num, PROP_DEFAULT_U(CPU_NONE)),
	PROP("data", prop_info_uint64, GenericLoaderState, data, PROP_DEFAULT_U(0)),
	PROP("data-be", prop_info_bool, GenericLoaderState, data_be, PROP_DEFAULT_U(false)),
	PROP("data-len", prop_info_uint8, GenericLoaderState, data_len, PROP_DEFAULT_U(0)),
	PROP("file", prop_info_string, GenericLoaderState, file),
	PROP("force-raw", prop_info_bool, GenericLoaderState, force_raw, PROP_DEFAULT_U(false)),
	PROP_END,
};

/* Its work is done at start (and reset): what it loaded is RAM or CPU state, saved there. */
static const VMStateDescription vmstate_loader = { .name = "generic-loader", .version = 1 };

static void loader_class_init(ObjectClass *oc, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(oc);

	dc->vmsd = &vmstate_loader;
	dc->desc = "Generic Loader";
	dc->user_creatable = true;
	dc->categories = 1u << DEVICE_CATEGORY_MISC;
	dc->realize = loader_realize;
	dc->unrealize = loader_unrealize;
	object_class_add_props(oc, loader_props);
}

static void loader_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_GENERIC_LOADER,
		.parent = TYPE_DEVICE,
		.instance_size = sizeof(GenericLoaderState),
		.class_init = loader_class_init,
	};
	type_register(&info);
}
type_init(loader_register_types)
