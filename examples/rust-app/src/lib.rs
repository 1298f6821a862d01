//! The greeting and the platform name, kept out of `main` so `cargo test` can check them.

/// Docker names CPU architectures differently from Rust and `uname -m`:
/// an image built for `linux/arm64` runs code that Rust calls `aarch64`.
pub fn docker_arch(rust_arch: &str) -> &str {
    match rust_arch {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "arm" => "arm",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        "s390x" => "s390x",
        "riscv64" => "riscv64",
        other => other,
    }
}

/// Docker (like Go) calls macOS `darwin`, where Rust says `macos`; Linux and Windows agree.
pub fn docker_os(rust_os: &str) -> &str {
    match rust_os {
        "macos" => "darwin",
        other => other,
    }
}

/// The platform this binary was compiled for, in Docker's `os/arch` form.
pub fn platform() -> String {
    format!(
        "{}/{}",
        docker_os(std::env::consts::OS),
        docker_arch(std::env::consts::ARCH)
    )
}

/// What the program prints: whom it greets and which platform it was built for.
pub fn greeting(name: &str, platform: &str) -> String {
    let name = name.trim();
    let name = if name.is_empty() { "world" } else { name };
    format!("Hello, {name}! This binary was built for {platform}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greets_the_world_by_default() {
        assert_eq!(
            greeting("", "linux/amd64"),
            "Hello, world! This binary was built for linux/amd64."
        );
    }

    #[test]
    fn greets_a_name_given_on_the_command_line() {
        assert_eq!(
            greeting(" Ada ", "linux/arm64"),
            "Hello, Ada! This binary was built for linux/arm64."
        );
    }

    #[test]
    fn uses_dockers_names_for_systems_and_architectures() {
        assert_eq!(docker_arch("x86_64"), "amd64");
        assert_eq!(docker_arch("aarch64"), "arm64");
        assert_eq!(docker_arch("mips64"), "mips64");
        assert_eq!(docker_os("macos"), "darwin");
        assert_eq!(docker_os("linux"), "linux");
    }

    #[test]
    fn platform_is_os_slash_arch() {
        let p = platform();
        assert!(p.starts_with(docker_os(std::env::consts::OS)), "{p}");
        assert_eq!(p.matches('/').count(), 1, "{p}");
    }
}
