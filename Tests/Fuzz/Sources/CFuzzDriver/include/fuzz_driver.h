#ifndef FUZZ_DRIVER_H
#define FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// The function libFuzzer calls once per input.
typedef int (*fuzz_callback)(const uint8_t *data, size_t size);

/// Whether libFuzzer's driver was linked in (the fuzz build links it; a plain build does not).
int fuzz_driver_is_linked(void);

/// Runs libFuzzer's driver (`LLVMFuzzerRunDriver`) with the command line. Only call when linked.
int fuzz_driver_run(int *argc, char ***argv, fuzz_callback callback);

#endif
