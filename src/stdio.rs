//! The process's standard streams: whether one was closed (`-` reads standard input, the
//! writers print to standard output), and text made safe to print on one line.

/// Whether standard stream `fd` (0, 1 or 2) was closed when the process started (`<&-`,
/// `>&-`). Rust's runtime then puts /dev/null, opened read-write, on it; a shell's `</dev/null`
/// or `>/dev/null` opens it read-only or write-only, so only a closed stream looks like this.
#[cfg(target_os = "linux")]
pub fn was_closed(fd: u8) -> bool {
    let on_null = std::fs::read_link(format!("/proc/self/fd/{fd}"))
        .is_ok_and(|t| t == std::path::Path::new("/dev/null"));
    on_null
        && std::fs::read_to_string(format!("/proc/self/fdinfo/{fd}"))
            .ok()
            .and_then(|info| {
                info.lines()
                    .find_map(|l| l.strip_prefix("flags:"))
                    .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            })
            .is_some_and(|flags| flags & 0o3 == 0o2)
}

#[cfg(not(target_os = "linux"))]
pub fn was_closed(_fd: u8) -> bool {
    false
}

/// Control characters (a newline in a file name, a terminal escape) shown escaped, so a label
/// or a message stays one line and cannot drive the terminal.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
