// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * QMP's machine-wide commands: run control (stop, cont, system_reset, system_powerdown,
 * quit), what the machine is (query-status, -name, -uuid, version, target, KVM, memory,
 * CPUs, iothreads, machines), the command list and human-monitor-command.
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "hw/core/cpu.h"
#include "exec/address-spaces.h"
#include "monitor/hmp.h"
#include "monitor/monitor.h"
#include "monitor/qmp.h"
#include "qom/object.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"

static void qmp_query_status(const QValue *args, QValue *ret, Error **errp)
{
	*ret = qv_dict();
	qv_dict_put(ret, "status", qv_str(runstate_name(runstate_get())));
	qv_dict_put(ret, "singlestep", qv_bool(false));
	qv_dict_put(ret, "running", qv_bool(runstate_is_running()));
}

static void qmp_stop(const QValue *args, QValue *ret, Error **errp)
{
	vm_stop(RUN_STATE_PAUSED);
}

static void qmp_cont(const QValue *args, QValue *ret, Error **errp)
{
	if (runstate_get() == RUN_STATE_SHUTDOWN) {
		error_setg(errp, "Resetting the Virtual Machine is required");
		return;
	}
	vm_start();
}

static void qmp_system_reset(const QValue *args, QValue *ret, Error **errp)
{
	qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
}

/* riscv's virt has no power button for the guest to see: only the event, as QEMU's. */
static void qmp_system_powerdown(const QValue *args, QValue *ret, Error **errp)
{
	qmp_event_send("POWERDOWN", NULL);
}

/* Our boards cannot suspend (no ACPI S3 or SBI suspend here): QEMU's answer for such guests. */
static void qmp_system_wakeup(const QValue *args, QValue *ret, Error **errp)
{
	error_setg(errp, "wake-up from suspend is not supported by this guest");
}

static void qmp_quit(const QValue *args, QValue *ret, Error **errp)
{
	qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

static void qmp_query_name(const QValue *args, QValue *ret, Error **errp)
{
	*ret = qv_dict();
	if (qemu_name)
		qv_dict_put(ret, "name", qv_str(qemu_name));
}

static void qmp_query_uuid(const QValue *args, QValue *ret, Error **errp)
{
	char *s = qemu_uuid_string();

	*ret = qv_dict();
	qv_dict_put(ret, "UUID", qv_str(s));
	g_free(s);
}

QValue qmp_version_info(void)
{
	QValue qemu = qv_dict(), info = qv_dict();
	unsigned major = 0, minor = 0, micro = 0;

	sscanf(QEMU_VERSION, "%u.%u.%u", &major, &minor, &micro);
	qv_dict_put(&qemu, "micro", qv_int(micro));
	qv_dict_put(&qemu, "minor", qv_int(minor));
	qv_dict_put(&qemu, "major", qv_int(major));
	qv_dict_put(&info, "qemu", qemu);
	qv_dict_put(&info, "package", qv_str("Quicksilver " QS_VERSION));
	return info;
}

static void qmp_query_version(const QValue *args, QValue *ret, Error **errp)
{
	*ret = qmp_version_info();
}

static void qmp_query_kvm(const QValue *args, QValue *ret, Error **errp)
{
	*ret = qv_dict();
	qv_dict_put(ret, "enabled", qv_bool(false));
	qv_dict_put(ret, "present", qv_bool(false));
}

static void qmp_query_target(const QValue *args, QValue *ret, Error **errp)
{
	*ret = qv_dict();
	qv_dict_put(ret, "arch", qv_str(target_name));
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void qmp_query_commands(const QValue *args, QValue *ret, Error **errp)
{
	GPtrArray *names = qmp_command_names();

	g_ptr_array_sort(names, cmp_str);
	*ret = qv_list();
	for (guint i = 0; i < names->len; i++) {
		QValue cmd = qv_dict();

		qv_dict_put(&cmd, "name", qv_str(g_ptr_array_index(names, i)));
		qv_list_append(ret, cmd);
	}
	g_ptr_array_free(names, TRUE);
}

static void qmp_query_iothreads(const QValue *args, QValue *ret, Error **errp)
{
	*ret = qv_list();
}

static void qmp_query_memory_size_summary(const QValue *args, QValue *ret, Error **errp)
{
	MachineState *ms = MACHINE(object_resolve_path("/machine"));

	*ret = qv_dict();
	qv_dict_put(ret, "base-memory", qv_uint(ms ? ms->ram_size : 0));
}

static void qmp_query_cpus_fast(const QValue *args, QValue *ret, Error **errp)
{
	*ret = qv_list();
	for (int i = 0; i < nb_cpus; i++) {
		CPUState *cpu = cpus[i];
		QValue info = qv_dict(), props = qv_dict();
		char *path = object_get_canonical_path(OBJECT(cpu));

		qv_dict_put(&info, "thread-id", qv_int(getpid()));
		qv_dict_put(&props, "core-id", qv_int(cpu->cpu_index));
		qv_dict_put(&info, "props", props);
		qv_dict_put(&info, "qom-path", qv_str(path));
		qv_dict_put(&info, "cpu-index", qv_int(cpu->cpu_index));
		qv_dict_put(&info, "target", qv_str(target_name));
		qv_list_append(ret, info);
		g_free(path);
	}
}

static void qmp_query_machines(const QValue *args, QValue *ret, Error **errp)
{
	GSList *list = object_class_get_list(TYPE_MACHINE, false);

	*ret = qv_list();
	for (GSList *l = list; l; l = l->next) {
		MachineClass *mc = MACHINE_CLASS(l->data);
		QValue m = qv_dict();

		qv_dict_put(&m, "hotpluggable-cpus", qv_bool(false));
		qv_dict_put(&m, "name", qv_str(mc->name));
		qv_dict_put(&m, "numa-mem-supported", qv_bool(mc->numa_mem_supported));
		if (mc->default_cpu_type)
			qv_dict_put(&m, "default-cpu-type", qv_str(mc->default_cpu_type));
		if (mc->is_default)
			qv_dict_put(&m, "is-default", qv_bool(true));
		qv_dict_put(&m, "cpu-max", qv_int(mc->max_cpus));
		qv_dict_put(&m, "deprecated", qv_bool(false));
		if (mc->default_ram_id)
			qv_dict_put(&m, "default-ram-id", qv_str(mc->default_ram_id));
		qv_list_append(ret, m);
	}
	g_slist_free(list);
}

/* riscv's virt has no CPU hotplug, and QEMU answers so. */
static void qmp_query_hotpluggable_cpus(const QValue *args, QValue *ret, Error **errp)
{
	error_setg(errp, "The feature 'query-hotpluggable-cpus' is not enabled");
}

/* Saves len bytes from guest memory (virtual through cpu, or physical) to a file. */
bool qmp_save_memory(const char *filename, uint64_t addr, int64_t size, CPUState *cpu, Error **errp)
{
	g_autofree uint8_t *buf = NULL;
	FILE *f;
	bool ok = true;

	if (size < 0 || size > (int64_t)1 << 34) {
		error_setg(errp, "Invalid addr 0x%016" PRIx64 "/size %" PRId64 " specified", addr,
			   size);
		return false;
	}
	f = fopen(filename, "wb");
	if (!f) {
		error_setg_errno(errp, errno, "Could not open '%s'", filename);
		return false;
	}
	buf = g_malloc(64 * 1024);
	while (ok && size > 0) {
		uint64_t n = MIN((uint64_t)size, 64 * 1024);

		memset(buf, 0, n);
		if (cpu && !cpu_memory_rw_debug(cpu, cpu_debug_mmu_idx(cpu), addr, buf, n, false)) {
			error_setg(errp, "Invalid addr 0x%016" PRIx64 "/size %" PRId64 " specified",
				   addr, size);
			ok = false;
			break;
		}
		if (!cpu) /* unassigned physical memory reads as zero, as in QEMU */
			address_space_read(get_address_space_memory(), addr, buf, n);
		if (fwrite(buf, 1, n, f) != n) {
			error_setg_errno(errp, errno, "writing memory to '%s' failed", filename);
			ok = false;
		}
		addr += n;
		size -= n;
	}
	if (fclose(f) != 0 && ok) {
		error_setg_errno(errp, errno, "writing memory to '%s' failed", filename);
		ok = false;
	}
	return ok;
}

static void qmp_memsave(const QValue *args, QValue *ret, Error **errp)
{
	const QValue *index = qv_dict_get(args, "cpu-index");
	int64_t i = 0;

	if (index && (!qv_get_int(index, &i) || i < 0 || i >= nb_cpus)) {
		error_setg(errp, "Parameter 'cpu-index' expects a CPU number");
		return;
	}
	if (!nb_cpus) {
		error_setg(errp, "No CPU available");
		return;
	}
	qmp_save_memory(qv_dict_get_str(args, "filename"), qv_dict_get(args, "val")->i,
			qv_dict_get(args, "size")->i, cpus[i], errp);
}

static void qmp_pmemsave(const QValue *args, QValue *ret, Error **errp)
{
	qmp_save_memory(qv_dict_get_str(args, "filename"), qv_dict_get(args, "val")->i,
			qv_dict_get(args, "size")->i, NULL, errp);
}

/* riscv has no NMI to inject, and QEMU says so in these words. */
static void qmp_inject_nmi(const QValue *args, QValue *ret, Error **errp)
{
	error_setg(errp, "this feature or command is not currently supported");
}

static void hmp_to_string(void *opaque, const char *text)
{
	GString *out = opaque;

	for (; *text; text++) {
		if (*text == '\n')
			g_string_append_c(out, '\r');
		g_string_append_c(out, *text);
	}
}

static void qmp_human_monitor_command(const QValue *args, QValue *ret, Error **errp)
{
	GString *out = g_string_new(NULL);

	hmp_run(qv_dict_get_str(args, "command-line"), hmp_to_string, out);
	*ret = qv_str(out->str);
	g_string_free(out, TRUE);
}

static const QmpArg hmc_args[] = {
	{ "command-line", QV_STR },
	{ "cpu-index", QV_INT, true },
	{ NULL },
};

static const QmpArg memsave_args[] = {
	{ "val", QV_INT },
	{ "size", QV_INT },
	{ "filename", QV_STR },
	{ "cpu-index", QV_INT, true },
	{ NULL },
};

static const QmpArg pmemsave_args[] = {
	{ "val", QV_INT },
	{ "size", QV_INT },
	{ "filename", QV_STR },
	{ NULL },
};

static const QmpCommand machine_commands[] = {
	{ "memsave", qmp_memsave, memsave_args },
	{ "pmemsave", qmp_pmemsave, pmemsave_args },
	{ "inject-nmi", qmp_inject_nmi },
	{ "query-status", qmp_query_status },
	{ "stop", qmp_stop },
	{ "cont", qmp_cont },
	{ "system_reset", qmp_system_reset },
	{ "system_powerdown", qmp_system_powerdown },
	{ "system_wakeup", qmp_system_wakeup },
	{ "quit", qmp_quit },
	{ "query-name", qmp_query_name },
	{ "query-uuid", qmp_query_uuid },
	{ "query-version", qmp_query_version },
	{ "query-kvm", qmp_query_kvm },
	{ "query-target", qmp_query_target },
	{ "query-commands", qmp_query_commands },
	{ "query-iothreads", qmp_query_iothreads },
	{ "query-memory-size-summary", qmp_query_memory_size_summary },
	{ "query-cpus-fast", qmp_query_cpus_fast },
	{ "query-hotpluggable-cpus", qmp_query_hotpluggable_cpus },
	{ "query-machines", qmp_query_machines },
	{ "human-monitor-command", qmp_human_monitor_command, hmc_args },
	{ NULL },
};

static void machine_commands_register(void)
{
	qmp_register_commands(machine_commands);
}
qmp_init(machine_commands_register)
