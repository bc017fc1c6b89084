// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest physical memory map. Boards and devices build a tree of MemoryRegions: containers
 * hold subregions at offsets, terminal regions are RAM, ROM (host memory; guest writes are
 * dropped) or IO (device callbacks), and aliases show a window of another region. On overlap
 * the higher priority wins and, between equal priorities, the subregion added last wins;
 * disabled regions are invisible. Each AddressSpace renders its tree into a FlatView, a sorted
 * array of non-overlapping ranges that is searched by bisection. Any topology change (add,
 * delete, enable, move, readonly) rebuilds, right away, the view of every address space that
 * can see the changed region (through containers and aliases), and bumps that space's
 * generation so cached translations (the CPU TLB) know to flush; lookups never rebuild.
 * memory_region_transaction_begin/commit batch several changes into one rebuild. Sizes are
 * uint64_t and UINT64_MAX stands for the whole 2^64 space; internally ranges keep an inclusive
 * last address so nothing overflows at the top. All devices are little-endian. Not
 * thread-safe: topology changes and accesses happen under the big lock.
 */
#ifndef EXEC_MEMORY_H
#define EXEC_MEMORY_H

typedef uint64_t hwaddr;
#define HWADDR_MAX  UINT64_MAX
#define HWADDR_PRIx PRIx64

/* Results of an access; a multi-part access reports the first failure of its parts. */
typedef enum MemTxResult {
	MEMTX_OK = 0,
	MEMTX_ERROR = 1,	/* the device refused the access (size, alignment) */
	MEMTX_DECODE_ERROR = 2, /* nothing is mapped there */
} MemTxResult;

typedef struct MemoryRegion MemoryRegion;
typedef struct AddressSpace AddressSpace;
typedef struct FlatView FlatView;

/*
 * Device callbacks. `valid` is what the guest may do: a load/store outside min..max (or
 * unaligned when !unaligned) fails with MEMTX_ERROR and the device is not called. `impl` is what
 * the callbacks handle: wider accesses are split into impl.max pieces assembled little-endian,
 * narrower ones are widened to impl.min; a widened read extracts its bytes from the wider read,
 * a widened write reads the unit first and writes it back with its bytes replaced
 * (read-modify-write). Unless impl.unaligned, callbacks only see naturally aligned offsets.
 * Zero sizes mean the default 1..4; sizes are powers of two, at most 8. A missing read callback
 * reads as zero, a missing write callback drops writes. An access that reaches a region whose
 * callbacks are already running (a device's DMA or MSI aimed at its own registers) fails with
 * MEMTX_ERROR, so no device is ever re-entered.
 */
typedef struct MemoryRegionOps {
	uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
	void (*write)(void *opaque, hwaddr addr, uint64_t data, unsigned size);
	struct {
		unsigned min_access_size, max_access_size;
		bool unaligned;
	} valid;
	struct {
		unsigned min_access_size, max_access_size;
		bool unaligned;
	} impl;
} MemoryRegionOps;

typedef enum MemoryRegionKind {
	MR_KIND_CONTAINER,
	MR_KIND_RAM,
	MR_KIND_ROM,
	MR_KIND_IO,
	MR_KIND_ROMD, /* ROM device: reads from host memory in romd mode, else like IO */
	MR_KIND_ALIAS,
} MemoryRegionKind;

/*
 * Usually embedded in a device's state; fields are read-only outside memory.c. Any region may
 * hold subregions; a RAM/ROM/IO region with subregions shows through where none covers it.
 */
struct MemoryRegion {
	char *name;
	uint64_t size; /* UINT64_MAX: the whole 2^64 space */
	MemoryRegionKind kind;
	int priority; /* among siblings in the container */
	hwaddr addr;  /* offset in the container */
	bool enabled;
	bool readonly; /* guest writes dropped in this subtree */
	MemoryRegion *container;
	MemoryRegion *subregions; /* highest precedence first */
	MemoryRegion *sibling;	  /* next in the container's list */
	MemoryRegion *alias;	  /* what an alias shows ... */
	hwaddr alias_offset;	  /* ... starting at this offset in it */
	MemoryRegion *aliases;	  /* aliases showing this region */
	MemoryRegion *alias_next; /* next in alias->aliases */
	uint8_t *ram;		  /* host memory of RAM, ROM and ROM devices */
	const MemoryRegionOps *ops;
	void *opaque;
	bool romd;	  /* ROM device: reads come from ram (else from ops) */
	bool romd_direct; /* ROM device: looked up in romd mode since the last revoke */
	bool in_io;	  /* its callbacks are running: a nested access to it is refused */
};

/* A pure container: holes in it are unassigned. */
void memory_region_init(MemoryRegion *mr, const char *name, uint64_t size);
void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops, void *opaque,
			   const char *name, uint64_t size);
/*
 * Anonymous lazily reserved memory: untouched pages cost nothing. On failure mr is left an empty
 * container that may still be finalized.
 */
bool memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size, Error **errp);
/*
 * RAM (or ROM when readonly) over host memory the caller mapped with mmap: the region takes
 * the mapping over and unmaps it when finalized. Memory backends (-object memory-backend-*).
 */
void memory_region_init_ram_mapped(MemoryRegion *mr, const char *name, uint64_t size, void *host,
				   bool readonly);
/* Like RAM, but guest writes are dropped (MEMTX_OK); fill it through memory_region_get_ram_ptr. */
bool memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size, Error **errp);
/*
 * A ROM device (flash): host memory that the guest reads directly while the region is in romd
 * mode (the start), and through ops otherwise; writes always go to ops. The device keeps its
 * contents in memory_region_get_ram_ptr and calls memory_region_flush_rom_device after changing
 * them, so code translated from them is dropped.
 */
bool memory_region_init_rom_device(MemoryRegion *mr, const MemoryRegionOps *ops, void *opaque,
				   const char *name, uint64_t size, Error **errp);
void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd);
void memory_region_flush_rom_device(MemoryRegion *mr, hwaddr offset, hwaddr len);
/* Shows orig's bytes offset..offset+size-1; the part past orig's end is unassigned. */
void memory_region_init_alias(MemoryRegion *mr, const char *name, MemoryRegion *orig, hwaddr offset,
			      uint64_t size);
/* Unmaps RAM and detaches subregions; mr must be detached, not a root, and not aliased. */
void memory_region_finalize(MemoryRegion *mr);

/* Priority 0. */
void memory_region_add_subregion(MemoryRegion *parent, hwaddr offset, MemoryRegion *sub);
void memory_region_add_subregion_overlap(MemoryRegion *parent, hwaddr offset, MemoryRegion *sub,
					 int priority);
void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *sub);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
/* Moves mr within its container; its precedence among equal priorities is kept. */
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);

/* Host memory of RAM/ROM (through aliases too), NULL for other kinds. */
void *memory_region_get_ram_ptr(MemoryRegion *mr);
uint64_t memory_region_size(MemoryRegion *mr);
const char *memory_region_name(const MemoryRegion *mr);
/* Read from host memory: RAM, ROM, or a ROM device in romd mode. */
bool memory_region_is_ram(const MemoryRegion *mr);

/*
 * A guest load/store straight into a terminal region, for callers that cached the region (the
 * CPU TLB): size 1, 2, 4 or 8, little-endian; out of bounds gives MEMTX_DECODE_ERROR.
 */
MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr offset, unsigned size,
					uint64_t *val);
MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr offset, unsigned size,
					 uint64_t val);

/* Nestable; the views are rebuilt once, when the outermost commit runs. */
void memory_region_transaction_begin(void);
void memory_region_transaction_commit(void);

/* One range of a FlatView: [start, last] shows mr from offset on. */
typedef struct FlatRange {
	hwaddr start;
	hwaddr last;	  /* inclusive, so a range may end at 2^64 - 1 */
	MemoryRegion *mr; /* terminal: RAM, ROM or IO */
	hwaddr offset;
	bool readonly; /* ROM, or readonly somewhere on the path */
} FlatRange;

/* Sorted by start, non-overlapping; adjacent pieces of one region are merged. */
struct FlatView {
	FlatRange *ranges;
	unsigned nr;
};

struct AddressSpace {
	char *name;
	MemoryRegion *root;
	FlatView *view;	     /* replaced (and the old one freed) on rebuild */
	uint32_t generation; /* bumped on every rebuild */
	bool dirty;	     /* changed inside an open transaction */
	AddressSpace *next;  /* all address spaces, for change propagation */
};

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name);
void address_space_destroy(AddressSpace *as);

/*
 * Byte-buffer accesses (DMA, loaders): split at range boundaries, IO parts into the largest
 * valid pieces. Unassigned bytes read as zero and give MEMTX_DECODE_ERROR; bytes past 2^64 are
 * unassigned (accesses never wrap). The rest of the access is still done after a failure.
 */
MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf, hwaddr len);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr, const void *buf, hwaddr len);
/*
 * A guest load/store of size 1, 2, 4 or 8, little-endian. Within one range it is a single
 * access checked against the device's valid rules; across ranges it is split like a buffer.
 */
MemTxResult address_space_load(AddressSpace *as, hwaddr addr, unsigned size, uint64_t *val);
MemTxResult address_space_store(AddressSpace *as, hwaddr addr, unsigned size, uint64_t val);

/*
 * A whole flat range (or hole, mr NULL). size is last - start + 1, saturated to UINT64_MAX for
 * a range covering the entire space.
 */
typedef struct MemoryRegionSection {
	MemoryRegion *mr;
	hwaddr offset_within_region;
	hwaddr offset_within_address_space;
	uint64_t size;
	bool readonly;
} MemoryRegionSection;

/* The flat range holding addr; mr is the terminal region after aliases are resolved. */
MemoryRegionSection address_space_lookup(AddressSpace *as, hwaddr addr);
/*
 * Host pointer for DMA at addr, *plen clipped to the flat range (adjacent pieces of one RAM
 * block are already merged into one range). NULL and *plen 0 unless addr is RAM, or writable
 * RAM when is_write.
 */
/*
 * Called after every write through address_space_write/store and for every writable
 * address_space_map_ram, with the address-space range: the TB cache uses it to drop code
 * that DMA or device writes replaced. One notifier for the process.
 */
void address_space_set_write_notifier(void (*fn)(hwaddr addr, hwaddr len));
void *address_space_map_ram(AddressSpace *as, hwaddr addr, hwaddr *plen, bool is_write);

/*
 * Called when host-memory translations cached from an address space may be stale: after its
 * view is rebuilt, and (as NULL: any space) when a ROM device that was looked up in romd mode
 * leaves it. The CPU TLBs flush. One notifier for the process.
 */
void memory_set_map_notifier(void (*fn)(AddressSpace *as));

#endif
