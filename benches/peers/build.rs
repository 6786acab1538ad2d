//! Builds the C side of the `neon` contender (csrc/neon207.c) against the system's neon,
//! found by pkg-config: `apt-get install libneon27-dev pkg-config` (benches/README.md).

fn main() {
    println!("cargo::rerun-if-changed=csrc/neon207.c");
    // Probed without telling cargo first: the shim's archive must come before neon on the
    // link line, so neon's link flags are printed after it.
    let neon = match pkg_config::Config::new().atleast_version("0.30").cargo_metadata(false).probe("neon") {
        Ok(lib) => lib,
        Err(e) => {
            println!(
                "cargo::error=the `neon` contender needs neon's headers and library: \
                 apt-get install libneon27-dev pkg-config ({e})"
            );
            return;
        }
    };
    let mut build = cc::Build::new();
    build.file("csrc/neon207.c").opt_level(2).warnings(true);
    for dir in &neon.include_paths {
        build.include(dir);
    }
    build.compile("ms_neon207");
    for dir in &neon.link_paths {
        println!("cargo::rustc-link-search=native={}", dir.display());
    }
    for lib in &neon.libs {
        println!("cargo::rustc-link-lib={lib}");
    }
}
