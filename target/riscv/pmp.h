/* Physical memory protection checks for the address translation. */
#ifndef TARGET_RISCV_PMP_H
#define TARGET_RISCV_PMP_H

#define PMP_ENTRIES 16

/*
 * The access bits (R=1, W=2, X=4) PMP grants at priv for paddr; *whole_page says whether the
 * answer holds for paddr's whole page or only for that byte.
 */
int riscv_pmp_prot(CPURISCVState *env, uint64_t paddr, int priv, bool *whole_page);

#endif
