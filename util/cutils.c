// SPDX-License-Identifier: GPL-2.0-or-later
/* Number and size parsing shared by the command line and typed properties. */
#include "qemu/osdep.h"
#include <math.h>
#include "qemu/cutils.h"
#include <ctype.h>

int qemu_strtou64(const char *s, uint64_t *result)
{
	char *end;
	unsigned long long v;
	const char *p = s;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || !*p)
		return -EINVAL;
	errno = 0;
	v = strtoull(p, &end, 0);
	if (errno)
		return -errno;
	if (*end)
		return -EINVAL;
	*result = v;
	return 0;
}

int qemu_strtoi64(const char *s, int64_t *result)
{
	char *end;
	long long v;

	if (!*s)
		return -EINVAL;
	errno = 0;
	v = strtoll(s, &end, 0);
	if (errno)
		return -errno;
	if (*end)
		return -EINVAL;
	*result = v;
	return 0;
}

/* B, k, M, G, T, P, E: each step multiplies by 1024. */
static int suffix_shift(char c)
{
	static const char units[] = "bkmgtpe";
	const char *p = c ? strchr(units, g_ascii_tolower(c)) : NULL;
	return p ? (int)(p - units) * 10 : -1;
}

int qemu_strtosz(const char *s, uint64_t unit, uint64_t *result)
{
	char *end;
	double frac = 0;
	uint64_t val;
	int shift;
	const char *p = s;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || !*p)
		return -EINVAL;
	errno = 0;
	/* Hex sizes take no fraction; decimal ones may ("1.5G"). */
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		val = strtoull(p, &end, 16);
	} else {
		val = strtoull(p, &end, 10);
		if (*end == '.') {
			char *fend;
			frac = strtod(end, &fend);
			end = fend;
		}
	}
	if (errno || end == p)
		return -EINVAL;
	if (*end) {
		shift = suffix_shift(*end);
		if (shift < 0 || end[1])
			return -EINVAL;
		end++;
	} else {
		if (frac != 0)
			return -EINVAL;
		if (unit > 1 && val > UINT64_MAX / unit)
			return -ERANGE;
		*result = val * unit;
		return 0;
	}
	if (shift && val > (UINT64_MAX >> shift))
		return -ERANGE;
	if (shift == 0 && frac != 0)
		return -EINVAL;
	{
		uint64_t whole = val << shift;
		uint64_t part = (uint64_t)(frac * (double)(1ULL << shift));
		if (whole + part < whole)
			return -ERANGE;
		*result = whole + part;
	}
	return 0;
}

bool id_wellformed(const char *id)
{
	if (!isalpha((unsigned char)id[0]))
		return false;
	for (const char *p = id + 1; *p; p++) {
		if (!isalnum((unsigned char)*p) && !strchr("-._", *p))
			return false;
	}
	return true;
}

bool id_check_wellformed(const char *id, Error **errp)
{
	if (id_wellformed(id))
		return true;
	error_setg(errp, "Parameter 'id' expects an identifier");
	error_append_hint(errp, "Identifiers consist of letters, digits, '-', '.', '_', "
				"starting with a letter.\n");
	return false;
}

char *size_to_human(uint64_t v)
{
	static const char *const units[] = { "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" };
	int exp, i;

	/* the unit whose value is below 1000, switching a little early as QEMU does */
	frexp(v / (1000.0 / 1024.0), &exp);
	i = (exp - 1) / 10;
	if (i < 0)
		i = 0;
	return g_strdup_printf("%0.3g %sB", (double)v / (double)(1ULL << (i * 10)), units[i]);
}

char *size_to_str(uint64_t val)
{
	static const char *units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	int i = 0;
	double v = val;

	while (i < 6 && val >= 1024 && (val % 1024) == 0) {
		val /= 1024;
		i++;
	}
	if (i > 0 || val < 1024)
		return g_strdup_printf("%" PRIu64 " %s", val, units[i]);
	while (v >= 1024 && i < 6) {
		v /= 1024;
		i++;
	}
	return g_strdup_printf("%0.3g %s", v, units[i]);
}
