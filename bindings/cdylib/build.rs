//! Link options for the shared library only, in release builds (docs/decisions.md §37): its relative
//! relocations (pointers in vtables and tables of the read-only data, one 24-byte entry
//! each) are stored packed, about 55-60 KB less library. Only `cdylib` links see these
//! options; the static library for iOS (Mach-O has its own compact fixups), tests and
//! benchmarks are linked as before.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // Release builds only (`PROFILE` is "release" for every profile that inherits it): the
    // debug library the JVM tests load keeps plain relocations and loads on any glibc.
    if std::env::var("PROFILE").as_deref() != Ok("release") {
        return;
    }
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    match (os.as_str(), env.as_str()) {
        // Android's packed format (APS2): read by the loader since API 23; minSdk is 26.
        // (Standard RELR would need API 30.)
        ("android", _) => {
            println!("cargo:rustc-cdylib-link-arg=-Wl,--pack-dyn-relocs=android");
        }
        // DT_RELR: loads with glibc 2.36 or later (Debian 12, Ubuntu 22.10), where the
        // desktop tests and the JNA benchmark run; links with lld (Rust's default linker on
        // x86-64 Linux) or GNU ld 2.38 or later.
        ("linux", "gnu") => {
            println!("cargo:rustc-cdylib-link-arg=-Wl,-z,pack-relative-relocs");
            // Identical code folding (lld): generic code instantiated for different types
            // often compiles to the same machine code; one copy is kept (about 12 KB).
            // Rust promises nothing about function pointers being distinct, so "all" is
            // safe here.
            println!("cargo:rustc-cdylib-link-arg=-Wl,--icf=all");
        }
        _ => {}
    }
}
