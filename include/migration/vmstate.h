// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A device's state as a table of its fields (migration/vmstate.c): integers, booleans, byte
 * buffers, and arrays of nested structures, each named and checked for size at compile time.
 * savevm writes the listed fields in order and loadvm reads them back; pre_save and post_load
 * hooks turn what is not plain data (timers, host pointers, IRQ lines) into fields and back.
 * A device class points at its table with dc->vmsd; a device without one, or marked
 * unmigratable, blocks savevm with QEMU's message.
 */
#ifndef MIGRATION_VMSTATE_H
#define MIGRATION_VMSTATE_H

typedef enum {
	VMS_U8,
	VMS_U16,
	VMS_U32,
	VMS_U64,
	VMS_BOOL,
	VMS_BYTES,  /* size bytes, as they are */
	VMS_STRUCT, /* count elements of vmsd, size bytes apart */
	VMS_BLOB,   /* bytes of any length: a pointer and a uint32 length field */
} VMStateType;

/* The longest blob a stream may carry. */
#define VMS_BLOB_MAX (16 * 1024 * 1024)

typedef struct VMStateDescription VMStateDescription;

typedef struct VMStateField {
	const char *name;
	size_t offset;
	VMStateType type;
	unsigned count;	     /* array elements; 0 means one */
	size_t size;	     /* VMS_BYTES: length; VMS_STRUCT: element size */
	size_t count_offset; /* when non-zero: an unsigned field holding the element count */
	bool pointer;	     /* the field points at the array instead of holding it */
	const VMStateDescription *vmsd;
} VMStateField;

struct VMStateDescription {
	const char *name;
	int version;
	bool unmigratable;
	int (*pre_save)(void *opaque);	/* 0 or -errno */
	void (*pre_load)(void *opaque); /* makes room for arrays before they are read */
	int (*post_load)(void *opaque); /* 0 or -errno */
	/* a device's own table: once every device is loaded (what depends on other devices) */
	void (*post_load_all)(void *opaque);
	const VMStateField *fields; /* ends with VMSTATE_END */
};

/* A compile-time error unless the field's size is n bytes. */
#define VMS_CHECK(T, f, n) (0 * sizeof(char[sizeof(((T *)0)->f) == (n) ? 1 : -1]))
#define VMS_ELEM(T, f)	   sizeof(((T *)0)->f[0])

#define VMSTATE_UINT8(f, T)                                                                        \
	{                                                                                          \
#f, offsetof(T, f) + VMS_CHECK(T, f, 1), VMS_U8                                    \
	}
#define VMSTATE_UINT16(f, T)                                                                       \
	{                                                                                          \
#f, offsetof(T, f) + VMS_CHECK(T, f, 2), VMS_U16                                   \
	}
#define VMSTATE_UINT32(f, T)                                                                       \
	{                                                                                          \
#f, offsetof(T, f) + VMS_CHECK(T, f, 4), VMS_U32                                   \
	}
#define VMSTATE_UINT64(f, T)                                                                       \
	{                                                                                          \
#f, offsetof(T, f) + VMS_CHECK(T, f, 8), VMS_U64                                   \
	}
#define VMSTATE_BOOL(f, T)                                                                         \
	{                                                                                          \
#f, offsetof(T, f) + VMS_CHECK(T, f, sizeof(bool)), VMS_BOOL                       \
	}
#define VMSTATE_ARRAY(f, T, type, n)                                                               \
	{                                                                                          \
#f, offsetof(T, f) + VMS_CHECK(T, f, (n)*VMS_ELEM(T, f)), type, (n)                \
	}
#define VMSTATE_UINT8_ARRAY(f, T, n)  VMSTATE_ARRAY(f, T, VMS_U8, n)
#define VMSTATE_UINT16_ARRAY(f, T, n) VMSTATE_ARRAY(f, T, VMS_U16, n)
#define VMSTATE_UINT32_ARRAY(f, T, n) VMSTATE_ARRAY(f, T, VMS_U32, n)
#define VMSTATE_UINT64_ARRAY(f, T, n) VMSTATE_ARRAY(f, T, VMS_U64, n)
#define VMSTATE_BOOL_ARRAY(f, T, n)   VMSTATE_ARRAY(f, T, VMS_BOOL, n)
#define VMSTATE_BYTES(f, T)                                                                        \
	{                                                                                          \
#f, offsetof(T, f), VMS_BYTES, 1, sizeof(((T *)0)->f)                              \
	}
/* A structure embedded in T. */
#define VMSTATE_STRUCT(f, T, desc, S)                                                              \
	{                                                                                          \
#f, offsetof(T, f) + VMS_CHECK(T, f, sizeof(S)), VMS_STRUCT, 1, sizeof(S), 0,      \
		    false, &(desc)                                                                 \
	}
#define VMSTATE_STRUCT_ARRAY(f, T, n, desc, S)                                                     \
	{                                                                                          \
#f, offsetof(T, f) + VMS_CHECK(T, f, (n) * sizeof(S)), VMS_STRUCT, (n), sizeof(S), \
		    0, false, &(desc)                                                              \
	}
/* An array of S that field f points at, with as many elements as the unsigned field cnt says. */
#define VMSTATE_STRUCT_VARRAY_PTR(f, T, cnt, desc, S)                                              \
	{                                                                                          \
#f, offsetof(T, f), VMS_STRUCT, 0, sizeof(S),                                      \
		    offsetof(T, cnt) + VMS_CHECK(T, cnt, 4), true, &(desc)                         \
	}
/* A byte array that field f points at, as long as the unsigned field cnt says. */
#define VMSTATE_UINT8_VARRAY_PTR(f, T, cnt)                                                        \
	{                                                                                          \
#f, offsetof(T, f), VMS_U8, 0, 0, offsetof(T, cnt) + VMS_CHECK(T, cnt, 4), true    \
	}
/*
 * Bytes of a length only the saving device knew: saving reads f's cnt bytes; loading stores a
 * new g_malloc'd buffer (NULL when empty) in f without freeing what f held, and sets cnt.
 */
#define VMSTATE_BLOB(f, T, cnt)                                                                    \
	{                                                                                          \
#f, offsetof(T, f), VMS_BLOB, 0, 0, offsetof(T, cnt) + VMS_CHECK(T, cnt, 4), true  \
	}
#define VMSTATE_END                                                                                \
	{                                                                                          \
		NULL                                                                               \
	}

/* A growing buffer a section is written to. */
typedef struct VMWriter {
	GByteArray *buf;
} VMWriter;

/* A section being read; err is set at the first short or bad read. */
typedef struct VMReader {
	const uint8_t *p;
	size_t len, pos;
	bool err;
} VMReader;

void vmw_u8(VMWriter *w, uint8_t v);
void vmw_u32(VMWriter *w, uint32_t v);
void vmw_u64(VMWriter *w, uint64_t v);
void vmw_bytes(VMWriter *w, const void *p, size_t n);
void vmw_str(VMWriter *w, const char *s);
uint8_t vmr_u8(VMReader *r);
uint32_t vmr_u32(VMReader *r);
uint64_t vmr_u64(VMReader *r);
void vmr_bytes(VMReader *r, void *p, size_t n);
char *vmr_str(VMReader *r); /* NULL on error */

/*
 * Memory that is the state itself (guest RAM, a flash array without a drive) is saved as RAM,
 * page by page; the machine's RAM is always, others once registered. Names must be unique.
 */
typedef struct MemoryRegion MemoryRegion;
void vmstate_register_ram(MemoryRegion *mr);
void vmstate_unregister_ram(MemoryRegion *mr);

/* The fields of opaque as d lists them (pre_save first); -errno if pre_save fails. */
int vmstate_save(VMWriter *w, const VMStateDescription *d, void *opaque);
/* Reads them back into opaque, then post_load; false with errp set if the data do not fit. */
bool vmstate_load(VMReader *r, const VMStateDescription *d, void *opaque, Error **errp);

#endif
