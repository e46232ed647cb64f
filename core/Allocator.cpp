#include "Allocator.h"

#include <cstdlib> // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace reglab {

void keepFreedMemoryForReuse()
{
#if defined(__GLIBC__)
    // A fixed mmap threshold (the largest glibc accepts on 64-bit) also stops the dynamic
    // one, which would raise the trim threshold only after the damage is done.
    // If glibc refuses it (a 32-bit build, huge-page heaps), a trim threshold alone would
    // freeze the dynamic mmap threshold at its 128 KB start: worse than the defaults.
    if (mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024) == 1)
        mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
#endif
}

} // namespace reglab
