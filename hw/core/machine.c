// SPDX-License-Identifier: GPL-2.0-or-later
/* The machine base type: generic properties, help listing, RAM creation and board init. */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "sysemu/runstate.h"
#include "hw/qdev-core.h"
#include "hw/sysbus.h"
#include "qemu/option.h"
#include "exec/address-spaces.h"
#include "qom/object_interfaces.h"
#include "sysemu/hostmem.h"

static const Property machine_props[] = {
	PROP("append", prop_info_string_qom, MachineState, kernel_cmdline,
	     PROP_DESC("Linux kernel command line")),
	PROP("dtb", prop_info_string_qom, MachineState, dtb,
	     PROP_DESC("Linux kernel device tree file")),
	PROP("dumpdtb", prop_info_string_qom, MachineState, dumpdtb,
	     PROP_DESC("Dump current dtb to a file and quit")),
	PROP("firmware", prop_info_string_qom, MachineState, firmware, PROP_DESC("Firmware image")),
	/* on unless said otherwise (machine_init); QEMU's help shows no default */
	PROP("graphics", prop_info_bool, MachineState, enable_graphics,
	     PROP_DESC("Set on/off to enable/disable graphics emulation")),
	PROP("initrd", prop_info_string_qom, MachineState, initrd_filename,
	     PROP_DESC("Linux initial ramdisk file")),
	PROP("kernel", prop_info_string_qom, MachineState, kernel_filename,
	     PROP_DESC("Linux kernel image file")),
	/* An id, as in QEMU: the backend is created after -machine is read. */
	PROP("memory-backend", prop_info_link_id, MachineState, ram_memdev_id,
	     PROP_LINK_TYPE(TYPE_MEMORY_BACKEND),
	     PROP_DESC("Set RAM backendValid value is ID of hostmem based backend")),
	PROP_END,
};

MachineState *current_machine;

static void machine_init(Object *obj)
{
	MACHINE(obj)->enable_graphics = true;
	current_machine = MACHINE(obj);
}

static void machine_class_init(ObjectClass *klass, const void *data)
{
	MachineClass *mc = MACHINE_CLASS(klass);
	object_class_add_props(klass, machine_props);
	mc->max_cpus = 1;
	mc->default_ram_size = 128 * 1024 * 1024;
}

/* -cpu MODEL,key=value,...: QEMU takes plain comma-separated pairs here, nothing shorter. */
bool machine_apply_cpu_opts(MachineState *ms, Object *cpu, Error **errp)
{
	g_auto(GStrv) features = NULL;
	bool ok = true;

	if (!ms->cpu_opts)
		return true;
	features = g_strsplit(ms->cpu_opts, ",", -1);
	for (char **f = features; ok && *f; f++) {
		char *eq = strchr(*f, '=');

		if (!**f)
			continue;
		if (!eq) {
			error_setg(errp, "Expected key=value format, found %s.", *f);
			return false;
		}
		*eq = 0;
		ok = object_property_parse(cpu, *f, eq + 1, errp);
		if (!ok) /* QEMU applies them as -global defaults of the CPU type */
			error_prepend(errp,
				      "can't apply global %s.%s=%s: ", object_get_typename(cpu), *f,
				      eq + 1);
	}
	return ok;
}

static void machine_finalize(Object *obj)
{
	MachineState *ms = MACHINE(obj);
	g_free(ms->cpu_type);
	g_free(ms->cpu_opts);
	if (ms->memdev) {
		MEMORY_BACKEND(ms->memdev)->used = false;
		object_unref(ms->memdev);
	} else if (ms->ram) {
		memory_region_finalize(ms->ram);
		g_free(ms->ram);
	}
}

MachineClass *machine_find_class(const char *name)
{
	char *type = g_strconcat(name, TYPE_MACHINE_SUFFIX, NULL);
	ObjectClass *oc = object_class_by_name(type);
	g_free(type);
	if (!oc || !object_class_dynamic_cast(oc, TYPE_MACHINE) || object_class_is_abstract(oc))
		return NULL;
	return MACHINE_CLASS(oc);
}

MachineClass *machine_default_class(void)
{
	GSList *list = object_class_get_list(TYPE_MACHINE, false);
	MachineClass *found = NULL;
	for (GSList *l = list; l; l = l->next)
		if (MACHINE_CLASS(l->data)->is_default)
			found = l->data;
	g_slist_free(list);
	return found;
}

void machine_print_list(FILE *out)
{
	GSList *list = object_class_get_list(TYPE_MACHINE, false);

	fprintf(out, "Supported machines are:\n");
	for (GSList *l = list; l; l = l->next) {
		MachineClass *mc = MACHINE_CLASS(l->data);
		fprintf(out, "%-20s %s%s\n", mc->name, mc->desc,
			mc->is_default ? " (default)" : "");
	}
	g_slist_free(list);
}

static bool check_loader_options(MachineState *ms, MachineClass *mc, Error **errp)
{
	static const struct {
		size_t offset;
		const char *option;
	} loader_opts[] = {
		{ offsetof(MachineState, kernel_filename), "-kernel" },
		{ offsetof(MachineState, initrd_filename), "-initrd" },
		{ offsetof(MachineState, kernel_cmdline), "-append" },
		{ offsetof(MachineState, firmware), "-bios" },
		{ offsetof(MachineState, dtb), "-dtb" },
		{ offsetof(MachineState, dumpdtb), "dumpdtb" },
	};
	if (mc->loads_kernel)
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(loader_opts); i++) {
		if (*(char **)((char *)ms + loader_opts[i].offset)) {
			error_setg(errp, "The %s parameter is not supported by machine '%s'",
				   loader_opts[i].option, mc->name);
			return false;
		}
	}
	return true;
}

/* memory-backend=ID: the backend's region is the guest RAM, its size the RAM size. */
static bool use_memdev(MachineState *ms, Error **errp)
{
	Object *obj = object_find_user_created(ms->ram_memdev_id);
	HostMemoryBackend *b;

	if (!obj || !object_dynamic_cast(obj, TYPE_MEMORY_BACKEND)) {
		error_setg(errp, "Memory backend '%s' not found", ms->ram_memdev_id);
		return false;
	}
	b = MEMORY_BACKEND(obj);
	if (b->used) {
		error_setg(errp, "memory backend %s can't be used multiple times.",
			   ms->ram_memdev_id);
		return false;
	}
	if (ms->ram_size_explicit && ms->ram_size != b->size) {
		error_setg(errp,
			   "Machine memory size does not match the size of the memory backend");
		return false;
	}
	b->used = true;
	ms->memdev = object_ref(obj);
	ms->ram_size = b->size;
	ms->ram = &b->mr;
	return true;
}

static bool machine_init_board(MachineState *ms, MachineClass *mc, Error **errp)
{
	/* The root bus exists before the board places devices on it. */
	sysbus_get_default();
	return mc->init(ms, errp);
}

bool machine_run_init(MachineState *ms, Error **errp)
{
	MachineClass *mc = MACHINE_GET_CLASS(ms);

	if (ms->smp.max_cpus > mc->max_cpus) {
		error_setg(errp,
			   "Invalid SMP CPUs %u. The max CPUs supported by machine '%s' is %u",
			   ms->smp.max_cpus, mc->name, mc->max_cpus);
		return false;
	}
	if (!check_loader_options(ms, mc, errp))
		return false;
	if (ms->ram_memdev_id)
		return use_memdev(ms, errp) && machine_init_board(ms, mc, errp);
	if (ms->ram_size) {
		ms->ram = g_new0(MemoryRegion, 1);
		if (!memory_region_init_ram(ms->ram, "ram", ms->ram_size, errp)) {
			g_free(ms->ram);
			ms->ram = NULL;
			return false;
		}
	}
	return machine_init_board(ms, mc, errp);
}

bool machine_run_done(MachineState *ms, Error **errp)
{
	MachineClass *mc = MACHINE_GET_CLASS(ms);

	return !mc->done || mc->done(ms, errp);
}

void machine_reset(MachineState *ms)
{
	MachineClass *mc = MACHINE_GET_CLASS(ms);
	qbus_reset_all(sysbus_get_default());
	if (mc->reset)
		mc->reset(ms);
	qemu_run_reset_handlers();
}

static void machine_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_MACHINE,
		.parent = TYPE_OBJECT,
		.abstract = true,
		.instance_size = sizeof(MachineState),
		.instance_init = machine_init,
		.class_size = sizeof(MachineClass),
		.class_init = machine_class_init,
		.instance_finalize = machine_finalize,
	};
	type_register(&info);
}
type_init(machine_register_types)
