//! Work that is only worth doing on a core nobody else wants.

/// Gives the calling thread the lowest scheduling priority, for work done ahead of need (the
/// rules' tables while the content folder is read, line breaking ahead of the PDF layout):
/// at the same priority as the work on the critical path, such a thread would take turns with
/// it on a busy machine and slow it down; at the lowest it runs on what is idle. Whoever needs
/// the result first and finds it not ready does the work itself or waits for it, and a thread
/// that waits leaves its core to this one. On Linux the nice value is per thread (`setpriority`
/// of the calling task); elsewhere it would be the whole process's, so there the thread keeps
/// its priority.
pub fn use_only_spare_time() {
    #[cfg(target_os = "linux")]
    {
        // Only a hint: if it is refused, the thread runs at normal priority.
        let _ = rustix::process::setpriority_process(None, 19);
    }
}
