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
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
#endif
}

} // namespace reglab
