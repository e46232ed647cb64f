#pragma once
// How the process's allocator treats freed memory.

namespace reglab {

// Keeps freed blocks (up to a few hundred MB) in the heap for reuse instead of handing
// them back to the system. glibc's defaults return the top of the heap, and mmap blocks
// over a threshold, as soon as they are freed; a lab that allocates multi-MB temporaries
// on every fit (the double-descent SVDs) then pays a page fault on every page of each new
// one: `reglab run L12` took 54 s, 5 million page faults and a third of it in the kernel;
// with this, 5 s. Memory stays flat (the same blocks are reused); only its peak is held.
// Call once, first thing in main().
void keepFreedMemoryForReuse();

} // namespace reglab
