// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Machines (boards). A machine type names itself ("virt"), describes its limits and defaults,
 * and builds the board in init: RAM, CPUs and the devices it places. The generic machine
 * properties (kernel, initrd, append, firmware, dtb, dumpdtb) are what -kernel, -initrd, ...
 * set, so "-M virt,kernel=Image" and "-kernel Image" are the same thing, as in QEMU.
 */
#ifndef HW_BOARDS_H
#define HW_BOARDS_H

#include "qom/object.h"
#include "exec/memory.h"

#define TYPE_MACHINE	    "machine"
#define TYPE_MACHINE_SUFFIX "-machine"

typedef struct CpuTopology {
	unsigned cpus, sockets, cores, threads, max_cpus;
} CpuTopology;

typedef struct MachineState {
	Object parent_obj;
	char *kernel_filename;
	char *initrd_filename;
	char *kernel_cmdline;
	char *firmware;
	char *dtb;
	char *dumpdtb;
	uint64_t ram_size;
	bool ram_size_explicit; /* -m was given */
	char *ram_memdev_id;	/* memory-backend=ID: guest RAM is that backend's */
	Object *memdev;		/* ... which the machine then holds */
	MemoryRegion *ram;	/* created by machine_run_init when ram_size > 0 */
	char *cpu_type;
	char *cpu_opts; /* "zba=off,..." from -cpu rv64,zba=off,... */
	CpuTopology smp;
	bool enable_graphics; /* graphics= (off with -nographic); fw_cfg tells the firmware */
} MachineState;

typedef struct MachineClass {
	ObjectClass parent_class;
	const char *name; /* "virt": the type name without -machine */
	const char *desc;
	bool is_default;
	unsigned max_cpus;
	uint64_t default_ram_size;
	const char *default_cpu_type;
	/* query-machines reports these as QEMU's boards do */
	const char *default_ram_id;
	bool numa_mem_supported;
	/* Boards that load guests say so; others reject -kernel and friends. */
	bool loads_kernel;
	/* Flash banks that take -drive if=pflash,unit=0..N-1. */
	int pflash_units;
	/* -nic's model when none is given (QEMU's default NIC); NULL: -nic makes no NIC */
	const char *default_nic;
	bool (*init)(MachineState *ms, Error **errp);
	/* After the -device list: finish what depends on every device (DT, images). */
	bool (*done)(MachineState *ms, Error **errp);
	void (*reset)(MachineState *ms);
} MachineClass;

#define MACHINE(obj)	       OBJECT_CHECK(MachineState, (obj), TYPE_MACHINE)
#define MACHINE_CLASS(klass)   OBJECT_CLASS_CHECK(MachineClass, (klass), TYPE_MACHINE)
#define MACHINE_GET_CLASS(obj) OBJECT_GET_CLASS(MachineClass, (obj), TYPE_MACHINE)

MachineClass *machine_find_class(const char *name);
MachineClass *machine_default_class(void);
void machine_print_list(FILE *out);
/* Creates RAM, checks CPU counts, and runs the board's init. */
bool machine_run_init(MachineState *ms, Error **errp);
/* Runs the board's done() once the -device list is created. */
bool machine_run_done(MachineState *ms, Error **errp);
void machine_reset(MachineState *ms);
/* The machine being run (savevm, the monitor); NULL before one is made. */
extern MachineState *current_machine;
/* Sets the -cpu properties on a CPU object before it is realized. */
bool machine_apply_cpu_opts(MachineState *ms, Object *cpu, Error **errp);

#endif
