// SPDX-License-Identifier: GPL-2.0-or-later
/* Physical memory protection checks for the address translation. */
#ifndef TARGET_RISCV_PMP_H
#define TARGET_RISCV_PMP_H

#define PMP_ENTRIES 16

/*
 * The access bits (R=1, W=2, X=4) PMP grants at priv for the size bytes at paddr;
 * *whole_page says whether the answer holds for paddr's whole page or only for this access.
 */
int riscv_pmp_prot(CPURISCVState *env, uint64_t paddr, unsigned size, int priv, bool *whole_page);

/* Whether any entry has an address-matching mode (A != OFF). */
bool riscv_pmp_any_active(CPURISCVState *env);

#endif
