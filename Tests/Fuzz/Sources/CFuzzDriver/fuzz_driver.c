#include "fuzz_driver.h"

// Weak, so that a plain `swift build` links without libFuzzer and the targets still
// reproduce single inputs. The fuzz build passes `--undefined=LLVMFuzzerRunDriver` so that
// the linker pulls the definition out of libclang_rt.fuzzer_no_main.
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, fuzz_callback callback) __attribute__((weak));

int fuzz_driver_is_linked(void) { return LLVMFuzzerRunDriver != 0; }

int fuzz_driver_run(int *argc, char ***argv, fuzz_callback callback) {
    return LLVMFuzzerRunDriver(argc, argv, callback);
}
